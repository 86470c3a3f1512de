/**
 * `npm run report:screenshot [-- --state-dir DIR] [-- --out FILE]`: the current run's HTML report
 * of a state folder (after `npm start`, and a rescore for the movement matrices) opened in
 * headless Chromium, every chart checked for marks, and a screenshot saved (docs/report-screenshot.png).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { reportCommand } from '../../infra/local/cli/commands/report-command.js';
import { DEFAULT_STATE_DIR } from '../../infra/local/cli/local-session.js';
import { findChromium, renderReportInChromium } from './report-browser.js';

const { values } = parseArgs({ options: { 'state-dir': { type: 'string', default: DEFAULT_STATE_DIR }, out: { type: 'string', default: 'docs/report-screenshot.png' } } });
const chromium = findChromium();
if (!chromium) throw new Error('No Chromium binary found: apt-get install -y chromium, or set CHROMIUM_PATH.');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-screenshot-'));
try {
  const html = path.join(dir, 'report.html');
  await reportCommand({ stateDir: values['state-dir']!, out: html }, (line) => process.stdout.write(`${line}\n`));
  const rendered = await renderReportInChromium(html, values.out!, chromium);
  const empty = rendered.charts.filter((c) => c.marks === 0).map((c) => c.name);
  if (empty.length > 0 || rendered.requests.length > 0) throw new Error(`Charts without marks: ${empty.join(', ') || 'none'}; requests: ${rendered.requests.join(', ') || 'none'}`);
  process.stdout.write(`${rendered.charts.length} charts drawn (${rendered.charts.map((c) => `${c.name} ${c.marks}`).join(', ')}); screenshot: ${values.out}\n`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
