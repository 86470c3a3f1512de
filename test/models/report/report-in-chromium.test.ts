import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../models/report/index.js';
import { findChromium, renderReportInChromium } from '../../support/report-browser.js';
import { reportFixture } from './report-fixture.js';

const chromiumPath = findChromium();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-chromium-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

if (!chromiumPath) {
  process.stderr.write('report-in-chromium: SKIPPED, no Chromium binary found (apt-get install -y chromium, or set CHROMIUM_PATH); .ci/run installs it.\n');
}

describe.skipIf(!chromiumPath)(`the HTML report in headless Chromium (${chromiumPath ?? 'no chromium binary found: skipped'})`, () => {
  it('draws every chart (an SVG with data marks and a size), loads nothing from the network, and is saved as a screenshot', async () => {
    const file = path.join(dir, 'report.html');
    fs.writeFileSync(file, await renderReportHtml(reportFixture()));
    const screenshot = path.join(dir, 'report.png');

    const rendered = await renderReportInChromium(file, screenshot, chromiumPath!);

    expect(rendered.title).toContain('2025-01-15');
    expect(rendered.charts.map((c) => c.name)).toEqual(['sizes-rfm', 'sizes-churn-risk', 'predicted-value', 'churn-calibration', 'churn-gains', 'churn-lift', 'movement-rfm', 'movement-churn-risk']);
    for (const chart of rendered.charts) {
      expect(chart.marks, chart.name).toBeGreaterThan(0);
      expect(chart.width, chart.name).toBeGreaterThan(100);
      expect(chart.height, chart.name).toBeGreaterThan(50);
    }
    expect(rendered.requests).toEqual([]);
    const png = fs.readFileSync(screenshot);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(20_000);
  }, 60_000);
});
