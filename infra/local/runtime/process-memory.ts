import { readFile } from 'node:fs/promises';

/**
 * A process's peak resident set (VmHWM) from /proc, in bytes; undefined where there is no /proc
 * or the process is gone. The local runtime's own processes report theirs with it (the DynamoDB
 * process, the stages' worker processes), as Lambda reports "Max Memory Used".
 */
export async function vmHwmBytes(pid: number | 'self'): Promise<number | undefined> {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
