import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configEntries } from './config-schema-entries.js';

const README = fs.readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const HEADING = '#### Every entry, with its default';

/** The `| `entry` | `default` | meaning |` rows of the README's configuration reference. */
const referenceRows = (): Array<{ path: string; shownDefault: string }> => {
  const start = README.indexOf(HEADING);
  if (start < 0) throw new Error(`README.md has no "${HEADING}" section`);
  const section = README.slice(start + HEADING.length).split(/\n#{1,4} /)[0] ?? '';
  return [...section.matchAll(/^\| `([^`]+)` \| `([^`]*)` \|/gm)].map(([, path, shownDefault]) => ({ path: path ?? '', shownDefault: shownDefault ?? '' }));
};

describe("README's configuration reference", () => {
  const rows = referenceRows();
  const entries = configEntries();

  it('lists every entry of the configuration schema, and nothing the schema does not have', () => {
    const documented = rows.map((row) => row.path);
    const inSchema = entries.map((entry) => entry.path);

    expect(inSchema.filter((path) => !documented.includes(path))).toEqual([]);
    expect(documented.filter((path) => !inSchema.includes(path))).toEqual([]);
    expect(rows.length).toBeGreaterThan(40);
  });

  it('shows the default each entry has in the schema', () => {
    const documentedDefaults = Object.fromEntries(rows.map((row) => [row.path, row.shownDefault]));

    for (const entry of entries) expect({ [entry.path]: documentedDefaults[entry.path] }).toEqual({ [entry.path]: entry.shownDefault });
  });
});
