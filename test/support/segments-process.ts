import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

/** The repository root, where `infra/local/bin/segments.mjs` lives. */
export const repositoryRoot = resolve(import.meta.dirname, '../..');

export interface EndedProcess {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `segments` CLI as a real process (as `npx segments` would) and resolves, whatever its
 * exit code, with the code and everything it wrote to stdout and stderr, kept apart.
 */
export function runSegments(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<EndedProcess> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(repositoryRoot, 'infra/local/bin/segments.mjs'), ...args], {
      cwd: options.cwd ?? repositoryRoot,
      env: options.env ?? process.env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
