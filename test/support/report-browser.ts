import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The system Chromium (Debian's `chromium`, installed by .ci/run), CHROMIUM_PATH, or null. */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((file) => existsSync(file)) ?? null;
}

export interface RenderedChart {
  name: string;
  /** Drawn data marks: children of the SVG's `role-mark` groups (bars, points, lines, cells, labels). */
  marks: number;
  width: number;
  height: number;
}

export interface RenderedReport {
  charts: RenderedChart[];
  /** Every URL the page asked for besides itself (none for a self-contained report). */
  requests: string[];
  title: string;
}

/**
 * Opens an HTML report file in headless Chromium with the network cut off, measures every chart
 * figure as drawn, and saves a full-page screenshot.
 */
export async function renderReportInChromium(htmlFile: string, screenshot: string, executablePath: string): Promise<RenderedReport> {
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 900 }, deviceScaleFactor: 1 });
    const url = pathToFileURL(htmlFile).href;
    const requests: string[] = [];
    await page.route('**/*', (route) => {
      if (route.request().url() === url) return route.continue();
      requests.push(route.request().url());
      return route.abort();
    });
    await page.goto(url, { waitUntil: 'load' });
    // The project compiles without the DOM library: the few DOM members used are typed here.
    type Node = { children: ArrayLike<unknown>; getAttribute(name: string): string | null; querySelector(selector: string): Node | null; querySelectorAll(selector: string): ArrayLike<Node>; getBoundingClientRect(): { width: number; height: number } };
    const charts: RenderedChart[] = await page.$$eval('figure.chart', (figures) =>
      (figures as unknown as Node[]).map((figure) => {
        const svg = figure.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        const marks = svg ? Array.from(svg.querySelectorAll('g.role-mark')).reduce((sum, group) => sum + group.children.length, 0) : 0;
        return { name: figure.getAttribute('data-chart') ?? '', marks, width: box?.width ?? 0, height: box?.height ?? 0 };
      }),
    );
    await page.screenshot({ path: screenshot, fullPage: true });
    return { charts, requests, title: await page.title() };
  } finally {
    await browser.close();
  }
}
