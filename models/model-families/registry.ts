import { blendFamily } from './blend/blend-family.js';
import { btydFamily } from './btyd/btyd-family.js';
import { UnknownFamilyError } from './errors.js';
import type { ModelFamily, ModelFamilyId } from './model-family.js';
import { zilnFamily } from './ziln/ziln-family.js';

/**
 * Every model family, in card order. The first is the reference and the fallback: it needs no
 * labels, and the others' ranking is measured against it. Adding a family is a folder beside
 * these and one line here.
 */
export const MODEL_FAMILIES: readonly ModelFamily[] = [btydFamily, zilnFamily, blendFamily];

export function familyById(id: ModelFamilyId, families: readonly ModelFamily[] = MODEL_FAMILIES): ModelFamily {
  const family = families.find((f) => f.id === id);
  if (!family) throw new UnknownFamilyError(`Unknown model family '${id}'; the registered families are ${families.map((f) => `'${f.id}'`).join(', ')}.`);
  return family;
}
