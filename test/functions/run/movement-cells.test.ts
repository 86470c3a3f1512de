import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { movementCells } from '../../../functions/run/run-html-report.js';
import { openDuckDb, sqlString } from '../../../models/duckdb/duckdb-session.js';
import { NO_SEGMENT, NOT_SCORED } from '../../../models/report/index.js';
import { seededRandom } from '../../support/seeded-random.js';

const SEGMENTS = [
  ...['champions', 'loyal', 'lost'].map((id) => ({ id: `rfm:${id}`, family: 'rfm' })),
  ...['low', 'high'].map((id) => ({ id: `churn:${id}`, family: 'churn-risk' })),
  // User-defined segments overlap: a customer can be in several of one family.
  ...['vip', 'bulk', 'new'].map((id) => ({ id: `user:${id}`, family: 'user' })),
];

/** The same counts, one customer and family at a time. */
function expectedCells(previous: Map<string, string[]>, current: Map<string, string[]>) {
  const counts = new Map<string, number>();
  const label = (segments: string[] | undefined, family: string) => {
    if (!segments) return NOT_SCORED;
    const mine = segments.filter((s) => SEGMENTS.some((d) => d.id === s && d.family === family)).sort();
    return mine.length > 0 ? mine.join(' + ') : NO_SEGMENT;
  };
  for (const id of new Set([...previous.keys(), ...current.keys()])) {
    for (const family of new Set(SEGMENTS.map((s) => s.family))) {
      const key = JSON.stringify([family, label(previous.get(id), family), label(current.get(id), family)]);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].map(([key, customers]) => {
    const [family, fromLabel, toLabel] = JSON.parse(key) as string[];
    return { family: family!, fromLabel: fromLabel!, toLabel: toLabel!, customers };
  });
}

describe('movement between two runs\' scores exports', () => {
  it('counts every customer once per family: labels of overlapping segments, no segment, and customers in one export only', async () => {
    const random = seededRandom(5);
    const draw = () => SEGMENTS.filter(() => random() < 0.3).map((s) => s.id).concat(random() < 0.1 ? ['gone:segment'] : []);
    const previous = new Map<string, string[]>();
    const current = new Map<string, string[]>();
    for (let i = 0; i < 3000; i += 1) {
      const roll = random();
      if (roll > 0.1) previous.set(`C${i}`, draw());
      if (roll < 0.9) current.set(`C${i}`, draw());
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'movement-'));
    const db = await openDuckDb();
    try {
      const write = async (people: Map<string, string[]>, file: string) => {
        const json = path.join(dir, `${file}.json`);
        fs.writeFileSync(json, [...people].map(([customerId, segments]) => JSON.stringify({ customerId, segments })).join('\n'));
        await db.run(`COPY (SELECT * FROM read_json(${sqlString(json)}, format = 'newline_delimited', columns = {customerId: 'VARCHAR', segments: 'VARCHAR[]'}))
          TO ${sqlString(path.join(dir, file))} (FORMAT parquet)`);
      };
      await write(previous, 'previous.parquet');
      await write(current, 'current.parquet');

      const cells = await movementCells(db, path.join(dir, 'current.parquet'), path.join(dir, 'previous.parquet'), SEGMENTS);

      const order = (rows: { family: string; fromLabel: string; toLabel: string }[]) => [...rows].sort((a, b) => `${a.family}|${a.fromLabel}|${a.toLabel}`.localeCompare(`${b.family}|${b.fromLabel}|${b.toLabel}`));
      expect(order(cells)).toEqual(order(expectedCells(previous, current)));
      expect(cells.some((c) => c.toLabel.includes(' + '))).toBe(true);
      expect(cells.some((c) => c.fromLabel === NOT_SCORED) && cells.some((c) => c.toLabel === NOT_SCORED)).toBe(true);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
