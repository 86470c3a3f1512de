import type { HoldoutMetrics } from '../../evaluation/index.js';
import type { ModelFamily, ModelFamilyId } from '../model-family.js';
import { relativeDiscriminationLoss } from './selection-rules.js';

export interface FamilyChoice {
  family: ModelFamilyId;
  reason: string;
  /** Mean relative discrimination loss on the validation window, the reference = 1 (lower is better). */
  scores: Record<ModelFamilyId, number>;
}

/**
 * Picks the family from the validation window, over the registered families: the first (the
 * reference) is chosen unless a family that challenges it wins by its own test, and so on down
 * the chain of challengers (the blend must rank better than BTYD, the network must then beat
 * the blend on every metric). Families that could not be validated take no part.
 */
export function chooseFamily(
  families: readonly ModelFamily[],
  candidates: Readonly<Record<ModelFamilyId, HoldoutMetrics>>,
  unavailable: Readonly<Record<ModelFamilyId, string>> = {},
): FamilyChoice {
  const reference = families[0]!;
  const referenceMetrics = candidates[reference.id];
  if (!referenceMetrics) return { family: reference.id, reason: unavailable[reference.id] ?? `${reference.name} could not be validated`, scores: {} };
  const validated = families.filter((f) => candidates[f.id]);
  const metricsOf = (family: ModelFamily) => candidates[family.id]!;
  const scores: Record<ModelFamilyId, number> =
    validated.length > 1 ? Object.fromEntries(validated.map((f) => [f.id, f === reference ? 1 : relativeDiscriminationLoss(metricsOf(f), referenceMetrics)])) : {};
  const challengersOf = (incumbent: ModelFamily) => validated.filter((f) => f.selection.challenges?.incumbent === incumbent.id);
  let chosen = reference;
  for (let step = 0; step < families.length; step += 1) {
    const next = challengersOf(chosen).find((f) => f.selection.challenges!.wins(metricsOf(f), metricsOf(chosen)));
    if (!next) break;
    chosen = next;
  }
  const said = [...(chosen === reference ? [] : [chosen.selection.challenges!.won]), ...challengersOf(chosen).map((f) => f.selection.challenges!.lost)];
  if (said.length === 0) {
    const why = [...new Set(Object.values(unavailable))];
    return { family: chosen.id, reason: why.length > 0 ? why.join('; ') : 'no other family was validated', scores };
  }
  // Latest-registered first, the reference last.
  const summary = [...validated].reverse().map((f) => `${f.selection.shortName} ${f === reference ? '1' : scores[f.id]!.toFixed(3)}`).join(', ');
  return { family: chosen.id, reason: `${said.join(' and ')} (relative ranking loss on the validation window: ${summary})`, scores };
}
