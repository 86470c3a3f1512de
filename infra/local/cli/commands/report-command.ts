import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ModelRegistry } from '../../../../models/churn-clv/index.js';
import type { RunReport } from '../../../../functions/run/publish-run.js';
import { buildRunHtmlReport, htmlReportKey } from '../../../../functions/run/run-html-report.js';
import { runFiles } from '../../../../functions/run/run-files.js';
import { PREFIXES } from '../../../../functions/shared/storage-layout.js';
import { openLocalSession } from '../local-session.js';
import { firstRunHint } from '../segments-command.js';

export class ReportCommandError extends Error {
  override readonly name = 'ReportCommandError';
}

export interface ReportOptions {
  stateDir: string;
  /** A run id; default the current run. */
  run?: string;
  /** Default `segments-report-<asOf>.html` in the working folder. */
  out?: string;
  open?: boolean;
}

/**
 * Writes a run's HTML report (the one Publish stored beside the run's JSON; built again from the
 * JSON, the model card and the scores export for a run that has none) to a file and prints its path.
 */
export async function reportCommand(options: ReportOptions, log: (line: string) => void): Promise<{ file: string; runId: string }> {
  const session = await openLocalSession({ stateDir: options.stateDir });
  let file: string;
  let runId: string;
  try {
    const { table, store } = session.dependencies;
    runId = options.run ?? (await table.readCurrentRun())?.runId ?? '';
    if (!runId) throw new ReportCommandError(`No report yet: no scoring run has succeeded in ${options.stateDir}. Run ${firstRunHint(options.stateDir)} first.`);
    const json = await store.get(runFiles(runId).report);
    if (!json) throw new ReportCommandError(`Run ${runId} has no report at ${runFiles(runId).report} (a run that did not finish, or an unknown run id).`);
    const report = JSON.parse(new TextDecoder().decode(json)) as RunReport;
    file = path.resolve(options.out ?? `segments-report-${report.asOf}.html`);
    if (!existsSync(path.dirname(file))) throw new ReportCommandError(`Cannot write ${file}: the folder ${path.dirname(file)} does not exist.`);
    let html = await store.get(htmlReportKey(runId));
    if (!html) {
      log(`Run ${runId} has no stored HTML report (an earlier release, or it could not be built then): building it from the run's JSON, model card and scores export.`);
      const { card } = await new ModelRegistry(store, PREFIXES.models).loadMetadata(report.model.version);
      html = new TextEncoder().encode(await buildRunHtmlReport({ store, table }, report, card));
    }
    const partial = `${file}.partial-${process.pid}`;
    await writeFile(partial, html);
    await rename(partial, file);
  } finally {
    await session.close();
  }
  log(`Report of run ${runId}: ${file}`);
  if (options.open) await openInBrowser(file, log);
  return { file, runId };
}

/** Hands the file to the desktop's opener without waiting for it; says so when there is none. */
async function openInBrowser(file: string, log: (line: string) => void): Promise<void> {
  const [command, args] = process.platform === 'darwin' ? ['open', [file]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', file]] : ['xdg-open', [file]];
  const child = spawn(command, args as string[], { detached: true, stdio: 'ignore' });
  await new Promise<void>((resolve) => {
    child.once('spawn', resolve);
    child.once('error', () => {
      log(`Could not open it (${command} is not available here): open ${file} in a browser.`);
      resolve();
    });
  });
  child.unref();
}
