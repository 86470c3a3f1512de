import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(dir, file));
const importsOf = (file: string): string[] =>
  [...fs.readFileSync(path.join(root, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);

const AWS_MODULES = /^(@aws-sdk\/|aws-lambda$|@aws-lambda-powertools\/|@middy\/|aws-cdk-lib|constructs$)/;

describe('layering', () => {
  it('models/ (the domain core) imports no AWS, Lambda or CDK code', () => {
    const offending = sourceFiles('models').flatMap((file) =>
      importsOf(file).filter((spec) => AWS_MODULES.test(spec)).map((spec) => `${file} imports ${spec}`),
    );

    expect(offending).toEqual([]);
  });

  it('models/ does not reach into functions/ or infra/', () => {
    const offending = sourceFiles('models').flatMap((file) =>
      importsOf(file).filter((spec) => /\/(functions|infra)\//.test(spec)).map((spec) => `${file} imports ${spec}`),
    );

    expect(offending).toEqual([]);
  });

  it('imports between the modules of models/ run one way (no cycle between its folders)', () => {
    const moduleOf = (file: string): string => path.relative(path.join(root, 'models'), file).split(path.sep)[0]!;
    const edges = new Map<string, Set<string>>();
    for (const file of sourceFiles('models')) {
      const from = moduleOf(path.join(root, file));
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        const target = path.resolve(root, path.dirname(file), spec);
        if (!target.startsWith(path.join(root, 'models') + path.sep)) continue;
        const to = moduleOf(target);
        if (to !== from && !to.endsWith('.js')) (edges.get(from) ?? edges.set(from, new Set()).get(from)!).add(to);
      }
    }
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      from === to || [...(edges.get(from) ?? [])].some((next) => !seen.has(next) && (seen.add(next), reaches(next, to, seen)));
    const cycles = [...edges].flatMap(([from, tos]) => [...tos].filter((to) => reaches(to, from)).map((to) => `${from} -> ${to} -> … -> ${from}`));

    expect(edges.size).toBeGreaterThan(5);
    expect(cycles).toEqual([]);
  });

  it('the check sees imports (it is not vacuous)', () => {
    const imports = sourceFiles('functions').flatMap(importsOf);

    expect(imports.some((spec) => AWS_MODULES.test(spec))).toBe(true);
  });
});
