import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HUGE_PAGES_TUNABLE, withHugePages } from '../../../infra/local/runtime/huge-pages.js';
import { repositoryRoot } from '../../support/segments-process.js';

const dir = mkdtempSync(join(tmpdir(), 'huge-pages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('withHugePages', () => {
  it('adds the tunable, keeps the others and leaves a hugetlb mode someone chose', () => {
    expect(withHugePages({ PATH: '/bin' })).toEqual({ PATH: '/bin', GLIBC_TUNABLES: HUGE_PAGES_TUNABLE });
    expect(withHugePages({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }).GLIBC_TUNABLES).toBe(`glibc.malloc.arena_max=2:${HUGE_PAGES_TUNABLE}`);
    expect(withHugePages({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }).GLIBC_TUNABLES).toBe('glibc.malloc.hugetlb=0');
  });
});

describe.runIf(process.platform === 'linux')('a script that ensures huge pages', () => {
  it('runs again with the tunable, with its arguments, and ends with its exit code', () => {
    // Arrange
    const script = join(dir, 'report.mts');
    const helper = join(repositoryRoot, 'infra/local/runtime/huge-pages.ts');
    writeFileSync(script, `import { ensureHugePages } from ${JSON.stringify(helper)};\nawait ensureHugePages();\nconsole.log(JSON.stringify({ tunables: process.env.GLIBC_TUNABLES, args: process.argv.slice(2) }));\nprocess.exit(3);\n`);
    const env = { ...process.env };
    delete env.GLIBC_TUNABLES;

    // Act
    const ended = spawnSync(process.execPath, [join(repositoryRoot, 'infra/local/bin/run-ts.mjs'), script, 'a', 'b c'], { env, encoding: 'utf8' });

    // Assert: one line, from the relaunched process alone.
    expect(ended.status).toBe(3);
    expect(ended.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([{ tunables: HUGE_PAGES_TUNABLE, args: ['a', 'b c'] }]);
  });
});
