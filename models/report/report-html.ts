import type { TopLevelSpec } from 'vega-lite';
import { calibrationSpec, gainsSpec, liftSpec, movementSpec, segmentSizesSpec, valueHistogramSpec } from './chart-specs.js';
import { churnGains } from './gains.js';
import { renderChartSvg } from './render-chart.js';
import { REPORT_STYLE } from './report-style.js';
import { isAvailable, NO_SEGMENT, NOT_SCORED, type Persona, type ReportInput, type ReportSegment, type SegmentKpis, type Unavailable } from './report-input.js';

const FAMILY_TITLES: Record<string, string> = {
  rfm: 'RFM',
  'clv-tier': 'Predicted value tiers',
  'churn-risk': 'Churn risk bands',
  lifecycle: 'Lifecycle stages',
  'predictive-grid': 'Predictive grid (churn risk x value)',
  predictive: 'Predictive rules',
  cluster: 'Clusters (personas)',
  custom: 'User-defined segments',
};

const KPI_COLUMNS: { key: Exclude<keyof SegmentKpis, 'segmentId'>; title: string; format: (x: number) => string }[] = [
  { key: 'revenue', title: 'Revenue', format: (x) => money(x) },
  { key: 'revenueShare', title: 'Revenue share', format: (x) => pct(x) },
  { key: 'averageOrderValue', title: 'Avg order value', format: (x) => money(x, 2) },
  { key: 'ordersPerCustomer', title: 'Orders / customer', format: (x) => x.toFixed(2) },
  { key: 'retention', title: 'Retention', format: (x) => pct(x) },
  { key: 'conversion', title: 'Conversion', format: (x) => pct(x) },
  { key: 'meanPredictedValue', title: 'Mean predicted value', format: (x) => money(x, 1) },
  { key: 'meanChurnProbability', title: 'Mean churn', format: (x) => pct(x) },
  { key: 'entered', title: 'Entered', format: (x) => count(x) },
  { key: 'exited', title: 'Exited', format: (x) => count(x) },
];

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const money = (x: number, digits = 0): string => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const orDash = <T>(value: T | null | undefined, format: (v: T) => string): string => (value === null || value === undefined ? '–' : format(value));

/** Text for HTML content and attribute values. */
export const escapeHtml = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

const familyTitle = (family: string): string => FAMILY_TITLES[family] ?? family;

/** Renders one chart to SVG inside a figure the browser test finds by `data-chart`. */
async function figure(name: string, spec: TopLevelSpec, caption: string): Promise<string> {
  const svg = await renderChartSvg(name, spec);
  return `<figure class="chart" data-chart="${escapeHtml(name)}">${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

const unavailableNote = (what: string, section: Unavailable): string => `<p class="unavailable"><strong>${escapeHtml(what)}: not available.</strong> ${escapeHtml(section.unavailable)}</p>`;

/**
 * The whole report as one HTML document: every chart pre-rendered to inline SVG, styles inline,
 * and a Content-Security-Policy that lets the page load nothing, so it opens offline as it is.
 */
export async function renderReportHtml(input: ReportInput): Promise<string> {
  const { run } = input;
  const sections = [
    await segmentsSection(input),
    await valueSection(input),
    await churnSection(input),
    await movementSection(input),
    personasSection(input.personas),
  ];
  const notes = input.notes.length > 0 ? `<ul class="notes">${input.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '';
  const trained = run.model.trainedThisRun ? 'trained this run' : 'trained earlier';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Segments report: run ${escapeHtml(run.runId)} as of ${escapeHtml(run.asOf)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header>
<h1>Segments report <span class="asof">as of ${escapeHtml(run.asOf)}</span></h1>
<p class="meta">Run <code>${escapeHtml(run.runId)}</code>, finished ${escapeHtml(run.finishedAt)} · ${count(run.customers)} customers scored · horizon ${run.horizonDays} days · model <code>${escapeHtml(run.model.version)}</code> (${escapeHtml(run.model.familyName)}; ${trained})</p>
${notes}
<nav><a href="#segments">Segments</a><a href="#value">Predicted value</a><a href="#churn">Churn model</a><a href="#movement">Movement</a><a href="#personas">Personas</a></nav>
</header>
<main>
${sections.join('\n')}
</main>
<footer>Written by predictive-segments. Charts drawn with Vega-Lite, rendered to SVG when the run published; this file needs no network.</footer>
</body>
</html>
`;
}

async function segmentsSection(input: ReportInput): Promise<string> {
  const families = [...new Set(input.segments.map((s) => s.family))];
  const kpis = new Map((input.kpis ?? []).map((k) => [k.segmentId, k]));
  const kpiColumns = KPI_COLUMNS.filter((c) => [...kpis.values()].some((k) => k[c.key] !== undefined));
  const revenue = input.segments.some((s) => s.historicRevenue !== null);
  const cards: string[] = [];
  for (const family of families) {
    const members = input.segments.filter((s) => s.family === family);
    const chart = await figure(`sizes-${family}`, segmentSizesSpec(members, input.run.customers), `${familyTitle(family)}: customers per segment and share of all ${count(input.run.customers)}.`);
    cards.push(`<article class="card family"><h3>${escapeHtml(familyTitle(family))}</h3>${chart}${segmentTable(members, input.run.customers, kpis, kpiColumns)}</article>`);
  }
  const kpiNote = input.kpis
    ? ''
    : `<p class="unavailable"><strong>Segment KPIs (revenue share, average order value, retention, conversion, entered and exited): not available yet.</strong> They are added to this report as the runs compute them.${revenue ? ' Historic revenue and mean predicted values below come from the scores export.' : ''}</p>`;
  return `<section id="segments"><h2>Segments</h2>${kpiNote}<div class="grid">${cards.join('')}</div></section>`;
}

function segmentTable(segments: readonly ReportSegment[], customers: number, kpis: ReadonlyMap<string, SegmentKpis>, kpiColumns: typeof KPI_COLUMNS): string {
  const revenue = segments.some((s) => s.historicRevenue !== null);
  const head = ['Segment', 'Customers', 'Share', ...(revenue ? ['Historic revenue'] : []), 'Mean predicted CLV', 'Mean churn', ...kpiColumns.map((c) => c.title)];
  const rows = segments.map((s) => {
    const kpi = kpis.get(s.id);
    const cells = [
      `<th scope="row" title="${escapeHtml(`${s.id}: ${s.description}`)}">${escapeHtml(s.name)}</th>`,
      count(s.size),
      customers > 0 ? pct(s.size / customers) : '–',
      ...(revenue ? [orDash(s.historicRevenue, (x) => money(x))] : []),
      orDash(s.meanPredictedValue, (x) => money(x, 1)),
      orDash(s.meanChurnProbability, pct),
      ...kpiColumns.map((c) => orDash(kpi?.[c.key], c.format)),
    ];
    return `<tr>${cells.map((c, i) => (i === 0 ? c : `<td>${c}</td>`)).join('')}</tr>`;
  });
  return `<table><thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

async function valueSection(input: ReportInput): Promise<string> {
  const histogram = input.predictedValue;
  if (!isAvailable(histogram)) return `<section id="value"><h2>Predicted value</h2>${unavailableNote('Predicted value distribution', histogram)}</section>`;
  const open = histogram.bins.find((b) => b.to === null);
  const caption = `Customers by ${histogram.label}${open ? `; the last bar holds every customer from ${money(open.from)} up` : ''}.`;
  return `<section id="value"><h2>Predicted value</h2>${await figure('predicted-value', valueHistogramSpec(histogram), caption)}</section>`;
}

async function churnSection(input: ReportInput): Promise<string> {
  const calibration = input.calibration;
  const title = '<h2>Churn model on its held-out split</h2>';
  if (!isAvailable(calibration)) return `<section id="churn">${title}${unavailableNote('Churn calibration, gains and lift', calibration)}</section>`;
  const gains = churnGains(calibration);
  const charts = [await figure('churn-calibration', calibrationSpec(calibration), 'Calibration: observed churn rate against mean predicted churn, per decile of predicted churn; the dashed line is perfect calibration.')];
  if (gains.length > 0) {
    const top = gains[Math.min(1, gains.length - 1)]!;
    charts.push(
      await figure('churn-gains', gainsSpec(gains), `Cumulative gains: targeting the riskiest ${pct(top.customerShare)} of customers catches ${pct(top.churnerShare)} of churners; the dashed line is random targeting.`),
      await figure('churn-lift', liftSpec(gains), 'Lift per decile of predicted churn: its churn rate over the average; 1 (dashed) is random.'),
    );
  }
  const note = gains.length === 0 ? '<p class="unavailable">No churner in the split, so no gains or lift.</p>' : '';
  return `<section id="churn">${title}<p class="meta">${escapeHtml(calibration.split)}</p>${note}<div class="grid charts">${charts.join('')}</div></section>`;
}

async function movementSection(input: ReportInput): Promise<string> {
  const movement = input.movement;
  const title = '<h2>Movement since the previous run</h2>';
  if (!isAvailable(movement)) return `<section id="movement">${title}${unavailableNote('Movement between segments', movement)}</section>`;
  const names = new Map(input.segments.map((s) => [s.id, s.name]));
  const labelOf = (key: string) => key.split(' + ').map((id) => names.get(id) ?? id).join(' + ');
  const order = [NOT_SCORED, ...input.segments.map((s) => s.id), NO_SEGMENT];
  const cards: string[] = [];
  for (const family of movement.families) {
    const moved = family.cells.filter((c) => c.from !== c.to).reduce((sum, c) => sum + c.customers, 0);
    const total = family.cells.reduce((sum, c) => sum + c.customers, 0);
    const caption = `${familyTitle(family.family)}: ${count(moved)} of ${count(total)} customers (${total > 0 ? pct(moved / total) : '–'}) are in another segment than at the previous run. Rows: previous run; columns: this run.`;
    cards.push(`<article class="card movement"><h3>${escapeHtml(familyTitle(family.family))}</h3>${await figure(`movement-${family.family}`, movementSpec(family, labelOf, order), caption)}</article>`);
  }
  const previous = `<p class="meta">Compared with run <code>${escapeHtml(movement.previous.runId)}</code> as of ${escapeHtml(movement.previous.asOf)}. ${escapeHtml(NO_SEGMENT)}: in no segment of the family; ${escapeHtml(NOT_SCORED)}: not scored by that run.</p>`;
  return `<section id="movement">${title}${previous}<div class="grid">${cards.join('')}</div></section>`;
}

function personasSection(personas: readonly Persona[] | undefined): string {
  const title = '<h2>Personas</h2>';
  if (!personas) {
    return `<section id="personas">${title}<p class="unavailable"><strong>Personas: not available yet.</strong> Clustering customers into personas (a name, a two-sentence story and the features that set each cluster apart) is not part of the runs yet; a card per persona appears here once it is.</p></section>`;
  }
  if (personas.length === 0) return `<section id="personas">${title}<p class="unavailable">The run found no clusters.</p></section>`;
  const cards = personas.map((p) => {
    const features = p.distinguishingFeatures.map((f) => `<li>${escapeHtml(f.feature)}: ${f.direction} (z ${f.zScore.toFixed(1)})</li>`).join('');
    return `<article class="card persona"><h3>${escapeHtml(p.name)}</h3><p>${escapeHtml(p.description)}</p><p class="meta">Cluster ${escapeHtml(p.clusterId)} · ${count(p.size)} customers · ${pct(p.revenueShare)} of revenue · mean predicted CLV ${money(p.meanPredictedValue, 1)} · mean churn ${pct(p.meanChurnProbability)}</p><ul>${features}</ul></article>`;
  });
  return `<section id="personas">${title}<div class="grid">${cards.join('')}</div></section>`;
}
