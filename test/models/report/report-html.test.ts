import { describe, expect, it } from 'vitest';
import { churnGains, niceBinWidth, renderReportHtml, ReportError, ReportInputError, type ReportInput } from '../../../models/report/index.js';
import { reportFixture } from './report-fixture.js';

const figuresOf = (html: string): { name: string; marks: number }[] =>
  [...html.matchAll(/<figure class="chart" data-chart="([^"]+)">([\s\S]*?)<\/figure>/g)].map((m) => ({
    name: m[1]!,
    marks: [...m[2]!.matchAll(/<g class="mark-[a-z]+ role-mark[^"]*"[^>]*>(?!<\/g>)/g)].length,
  }));

describe('churn gains and lift from the calibration table', () => {
  it('targets the riskiest deciles first, ends at every churner, and lifts by rate over the average', () => {
    const gains = churnGains({ split: '', rows: [
      { decile: 1, meanPredicted: 0.1, observedRate: 0.1, count: 100 },
      { decile: 2, meanPredicted: 0.5, observedRate: 0.5, count: 100 },
      { decile: 3, meanPredicted: 0.9, observedRate: 0.9, count: 100 },
    ] });

    expect(gains.map((g) => g.deciles)).toEqual([1, 2, 3]);
    expect(gains[0]).toMatchObject({ customerShare: 1 / 3, churnerShare: 90 / 150, lift: 0.9 / 0.5 });
    expect(gains[2]!.churnerShare).toBeCloseTo(1);
    expect(gains[2]!.cumulativeLift).toBeCloseTo(1);
  });

  it('has no curve for a split without churners, and refuses a rate outside [0, 1]', () => {
    expect(churnGains({ split: '', rows: [{ decile: 1, meanPredicted: 0.1, observedRate: 0, count: 10 }] })).toEqual([]);
    const bad = () => churnGains({ split: '', rows: [{ decile: 1, meanPredicted: 0.1, observedRate: 1.5, count: 10 }] });
    expect(bad).toThrow(ReportInputError);
    expect(bad).toThrow(ReportError);
  });
});

describe('histogram bin widths', () => {
  it('are 1, 2 or 5 times a power of ten', () => {
    expect(niceBinWidth(1234, 30)).toBe(50);
    expect(niceBinWidth(0.9, 30)).toBe(0.05);
    expect(niceBinWidth(0)).toBe(1);
  });
});

describe('the HTML report', () => {
  it('draws every chart as inline SVG with marks and loads nothing from anywhere', async () => {
    const html = await renderReportHtml(reportFixture());
    const figures = figuresOf(html);

    expect(figures.map((f) => f.name)).toEqual(['sizes-rfm', 'sizes-churn-risk', 'predicted-value', 'churn-calibration', 'churn-gains', 'churn-lift', 'movement-rfm', 'movement-churn-risk']);
    for (const figure of figures) expect(figure.marks, figure.name).toBeGreaterThan(0);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
  });

  it('escapes names, and says what is not available yet: personas and KPIs', async () => {
    const html = await renderReportHtml(reportFixture());

    expect(html).toContain('At Risk &lt;&amp; &quot;quoted&quot;&gt;');
    expect(html).not.toContain('At Risk <&');
    expect(html).toContain('Personas: not available yet.');
    expect(html).toContain('Segment KPIs');
  });

  it('shows KPI columns and persona cards once the run provides them', async () => {
    const input: ReportInput = {
      ...reportFixture(),
      kpis: [{ segmentId: 'rfm:champions', retention: 0.8, averageOrderValue: 42.5 }],
      personas: [{ clusterId: 'c1', name: 'Lapsed big spenders', description: 'Spent a lot. Stopped buying.', size: 120, revenueShare: 0.3, meanPredictedValue: 12, meanChurnProbability: 0.7, distinguishingFeatures: [{ feature: 'recency', direction: 'higher', zScore: 1.4 }] }],
    };
    const html = await renderReportHtml(input);

    expect(html).toContain('<th scope="col">Retention</th>');
    expect(html).toContain('<td>80.0%</td>');
    expect(html).toContain('<th scope="col">Avg order value</th>');
    expect(html).not.toContain('<th scope="col">Conversion</th>');
    expect(html).toContain('<h3>Lapsed big spenders</h3>');
    expect(html).not.toContain('Personas: not available yet.');
  });

  it('replaces a section it cannot show with the reason', async () => {
    const html = await renderReportHtml({ ...reportFixture(), movement: { unavailable: 'This is the first run.' }, calibration: { unavailable: 'No split.' } });

    expect(html).toContain('Movement between segments: not available.</strong> This is the first run.');
    expect(html).toContain('No split.');
    expect(figuresOf(html).map((f) => f.name)).toEqual(['sizes-rfm', 'sizes-churn-risk', 'predicted-value']);
  });
});
