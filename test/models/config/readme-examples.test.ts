import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSegmentsConfig } from '../../../models/config/index.js';

const README = fs.readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** Every ```yaml block of the README that holds a `segments:` or `audiences:` section. */
const configurationExamples = (): string[] =>
  [...README.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map(([, body]) => body ?? '')
    .filter((body) => /^(segments|audiences):/m.test(body));

describe("the README's configuration examples", () => {
  it('are valid configurations, so a reader can copy them as they are', () => {
    const examples = configurationExamples();
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(() => parseSegmentsConfig(example, 'README example')).not.toThrow();
  });

  it('include the three segment examples: win-back, VIP and a country micro-segment', () => {
    const ids = configurationExamples().flatMap((example) => parseSegmentsConfig(example, 'README').segments.custom.map((s) => s.id));
    expect(ids).toEqual(expect.arrayContaining(['win-back', 'vip', 'dach-high-value']));
  });
});
