import { sha256Hex } from '../identity/sha256-hex.js';
import type { AudienceDefinition } from './audience-settings.js';
import { requireEpochDay } from './features/epoch-day.js';

/** The audience's last published version, as its manifest records it. */
export interface LastAudienceVersion {
  versionId: string;
  asOf: string;
  /** definitionHash of the definition it was built from (absent in manifests that predate it). */
  definitionHash?: string;
}

export type RefreshDecision = { due: true; why: string } | { due: false; why: string };

const WEEK_DAYS = 7;

/** A stable fingerprint of a definition (keys sorted), so a changed definition is noticed. */
export function definitionHash(definition: AudienceDefinition): string {
  return sha256Hex(canonicalJson(definition));
}

/**
 * Whether the run produces a new version. Platforms re-match a whole list on each upload, so
 * refreshing less often than the scores change saves uploads and keeps an audience stable through a
 * campaign: `every-run` always; `weekly` once the last version's day is 7 or more days before this
 * run's; `monthly` when the last version's day is in an earlier calendar month (the first run of
 * each month). With no version yet, or a definition changed since the last one, always.
 */
export function audienceRefreshDue(definition: AudienceDefinition, asOf: string, last: LastAudienceVersion | null): RefreshDecision {
  if (last === null) return { due: true, why: 'first version' };
  if (last.definitionHash !== undefined && last.definitionHash !== definitionHash(definition)) return { due: true, why: `definition changed since version ${last.versionId}` };
  const today = requireEpochDay(asOf, 'asOf');
  const lastDay = requireEpochDay(last.asOf, 'the last version asOf');
  switch (definition.refresh) {
    case 'every-run':
      return { due: true, why: 'refreshed every run' };
    case 'weekly': {
      const age = today - lastDay;
      if (age >= WEEK_DAYS) return { due: true, why: `weekly: the last version (${last.asOf}) is ${age} days old` };
      return { due: false, why: `weekly refresh: the last version ${last.versionId} is as of ${last.asOf}, the next is due from ${isoDay(lastDay + WEEK_DAYS)}` };
    }
    case 'monthly': {
      if (asOf.slice(0, 7) > last.asOf.slice(0, 7)) return { due: true, why: `monthly: the last version is as of ${last.asOf}` };
      return { due: false, why: `monthly refresh: the last version ${last.versionId} is as of ${last.asOf}, the next is due from ${nextMonth(last.asOf)}` };
    }
  }
}

const isoDay = (epochDay: number): string => new Date(epochDay * 86_400_000).toISOString().slice(0, 10);

function nextMonth(day: string): string {
  const [year, month] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
