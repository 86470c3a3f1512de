import { PREFIXES } from '../shared/storage-layout.js';
import type { PersonKind } from './person-ref.js';

/** One place a deletion looked in, and what it found and removed there. */
export interface PlaceCheck {
  /** A stable name: `table`, `clean-data`, `quarantine`, `audiences`, `run-files`... */
  place: string;
  /** What the place is, in words. */
  description: string;
  /** Objects (or table partitions) read to look for the people. */
  checked: number;
  /** Rows, items or lines removed, in total. */
  removed: number;
  /** Removed per person (by the person's hash); people with nothing here are absent. */
  removedByPerson: Record<string, number>;
  /** Every object rewritten (or table item key deleted) here. */
  rewritten: string[];
  /** Anything the reader should know: what else changed (counts, ledgers), or why nothing could be. */
  notes: string[];
}

/** A place that still holds the person after the deletion, and why the pipeline leaves it. */
export interface RemainingCopy {
  place: string;
  key: string;
  people: string[];
  reason: string;
}

export interface VerificationReport {
  requestId: string;
  requestedAt: string;
  finishedAt: string;
  /** Where the request came from: `cli`, or the deletion list's key. */
  source: string;
  /** Every person named, by hash (sha256 of `<kind>:<id>`): found somewhere or not found anywhere. */
  people: { hash: string; kind: PersonKind; found: boolean }[];
  places: PlaceCheck[];
  remaining: RemainingCopy[];
  /** Whether the people found were added to the suppression list (`state/suppression/<requestId>.json`). */
  suppressed: boolean;
  /** Where this report is; null when nothing was found, so nothing was changed or written. */
  reportKey: string | null;
}

export const deletionReportKey = (requestId: string): string => `${PREFIXES.reports}deletions/${requestId}.json`;

export const newDeletionRequestId = (at: string): string =>
  `d${at.replace(/[-:.TZ]/g, '').slice(0, 17)}-${Math.random().toString(36).slice(2, 6)}`;

/** A place's result built up as it goes. */
export class PlaceTally {
  private readonly result: PlaceCheck;

  constructor(place: string, description: string) {
    this.result = { place, description, checked: 0, removed: 0, removedByPerson: {}, rewritten: [], notes: [] };
  }

  checked(count = 1): void {
    this.result.checked += count;
  }

  removed(personHash: string, count: number): void {
    if (count <= 0) return;
    this.result.removed += count;
    this.result.removedByPerson[personHash] = (this.result.removedByPerson[personHash] ?? 0) + count;
  }

  rewrote(key: string): void {
    this.result.rewritten.push(key);
  }

  note(text: string): void {
    this.result.notes.push(text);
  }

  done(): PlaceCheck {
    return this.result;
  }
}
