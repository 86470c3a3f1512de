import { COUNTRIES, type Country } from './countries.js';
import { INTERNATIONAL_FORM, PHONE_PLANS, type NumberPlan } from './phone-plans.js';
import type { RandomSource } from './random-source.js';

export interface PhoneNumberOptions {
  missingShare: number;
  internationalShare: number;
}

/**
 * Hands out phone numbers without repeats until a block is used up: slots are visited in the order
 * offset, offset + stride, ... (mod size) with the stride coprime to the size, a permutation, so
 * people don't share numbers (which would wrongly merge them in identity matching). A stride near
 * size/golden ratio spreads consecutive numbers across the block instead of counting up.
 */
export function createPhoneNumbers(random: RandomSource, { missingShare, internationalShare }: PhoneNumberOptions) {
  const blocks = new Map<NumberPlan, { size: number; stride: number; offset: number; issued: number }>();
  for (const country of COUNTRIES) {
    for (const plan of PHONE_PLANS[country]) {
      const size = plan.templates.length * 10 ** digitCount(plan.templates[0] ?? '');
      blocks.set(plan, { size, stride: coprimeStride(size), offset: random.integer(0, size - 1), issued: 0 });
    }
  }
  return (country: Country): string => {
    if (random.chance(missingShare)) return '';
    const plan = pickPlan(random, PHONE_PLANS[country]);
    const block = blocks.get(plan)!;
    const slot = (block.offset + block.issued * block.stride) % block.size;
    block.issued += 1;
    const national = fill(plan.templates[slot % plan.templates.length] ?? '', Math.floor(slot / plan.templates.length));
    return random.chance(internationalShare) ? INTERNATIONAL_FORM[country](national) : national;
  };
}

function coprimeStride(size: number): number {
  let stride = Math.max(1, Math.round(size / GOLDEN_RATIO));
  while (greatestCommonDivisor(stride, size) !== 1) stride += 1;
  return stride;
}

const GOLDEN_RATIO = (1 + Math.sqrt(5)) / 2;

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

function pickPlan(random: RandomSource, plans: readonly NumberPlan[]): NumberPlan {
  let remaining = random.uniform() * plans.reduce((sum, plan) => sum + plan.weight, 0);
  for (const plan of plans) {
    remaining -= plan.weight;
    if (remaining < 0) return plan;
  }
  return plans[plans.length - 1]!;
}

function digitCount(template: string): number {
  return template.split('#').length - 1;
}

/** Replaces the template's `#`s with `value`'s digits, most significant first. */
function fill(template: string, value: number): string {
  const digits = String(value).padStart(digitCount(template), '0');
  let next = 0;
  return template.replace(/#/g, () => digits[next++] ?? '0');
}
