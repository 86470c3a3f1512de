import { BUCKET_COUNT } from '../../../models/partitioning/index.js';
import type { IngestOutcome } from '../../../functions/ingest/ingest-upload-object.js';
import type { AudienceOutcome } from '../../../functions/run/publish-audiences.js';
import type { RunReport } from '../../../functions/run/publish-run.js';
import type { ModelCard } from '../../../models/churn-clv/index.js';

/** How the report names each reason a score item was written (SCORE_WRITE_REASONS). */
const SCORE_WRITE_REASON_TEXT: Record<string, string> = {
  new: 'new customers',
  unfinishedRun: 'left by an unfinished run',
  layout: 'of the earlier item layout (with a segments list)',
  // Reports of runs before the segments list left the score item.
  segments: 'changed segments',
  orders: 'new orders or settings',
  probability: 'churn or P(alive) moved',
  value: 'predicted value moved',
  nextOrderDate: 'next order date moved or came',
};

const n = (value: number): string => value.toLocaleString('en-US');
const f = (value: number, digits = 3): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const pad = (text: string, width: number): string => text.padEnd(width);

export function formatIngestOutcomes(outcomes: IngestOutcome[]): string[] {
  const width = Math.max(...outcomes.map((o) => o.key.length), 10);
  return outcomes.flatMap((o) => {
    if (o.status === 'skipped') return [`  ${pad(o.key, width)}  skipped: ${o.message}`];
    if (o.status === 'rejected') {
      const previous = o.previousInForce ? `; the earlier version stays in force: ${o.previousInForce}` : '';
      return [`  ${pad(o.key, width)}  REJECTED (${o.reason}): ${o.message}${previous}  -> ${o.reportKey}`];
    }
    const { report } = o;
    const reasons = Object.entries(report.quarantineReasons).map(([reason, count]) => `${reason}: ${n(count)}`).join(', ');
    const quarantined = report.rowsQuarantined > 0 ? `  [${reasons}] -> ${o.quarantineKey}` : '';
    const lines = [`  ${pad(o.key, width)}  ${n(report.rowsRead).padStart(9)} read  ${n(report.rowsAccepted).padStart(9)} accepted  ${n(report.rowsQuarantined).padStart(7)} quarantined${quarantined}`];
    const notes = [
      report.decoding.encoding !== 'utf-8' ? `read as ${report.decoding.encoding}` : '',
      report.decoding.compression !== 'none' ? `${report.decoding.compression}-compressed` : '',
      report.amounts && report.amounts.returns > 0 ? `${n(report.amounts.returns)} returns netted against spend` : '',
      report.amounts && report.amounts.zero > 0 ? `${n(report.amounts.zero)} zero-amount orders` : '',
      report.rowsSuppressed ? `${n(report.rowsSuppressed)} rows of forgotten people dropped (suppression list)` : '',
      report.extraColumns?.length ? `extra columns kept: ${report.extraColumns.map((e) => e.column).join(', ')}` : '',
    ].filter(Boolean);
    if (notes.length > 0) lines.push(`  ${pad('', width)}  ${notes.join('; ')}`);
    if (o.duplicateOf) lines.push(`  ${pad('', width)}  same content as ${o.duplicateOf}: counted once`);
    if (!o.current) lines.push(`  ${pad('', width)}  a later upload of the same key is already in force: kept on record only`);
    return lines;
  });
}

/** A finished run's report, with the card of the model that scored it. */
export function formatRunReport(report: RunReport, card: ModelCard | null): string[] {
  const data = report.data;
  const overlap = data?.overlappingOrderRows;
  const lines = [
    ...(overlap && overlap.sameOrderId + overlap.sameCustomerTimeAmount > 0
      ? [`Counted once: ${n(overlap.sameOrderId)} order rows repeated by order id and ${n(overlap.sameCustomerTimeAmount)} rows without an order id repeated (same customer, time and amount) across uploads`]
      : []),
    ...(data && data.duplicateUploads > 0 ? [`Not read again: ${n(data.duplicateUploads)} upload(s) with the same content as another`] : []),
    `Run ${report.runId}: scored ${n(report.customers)} customers as of ${report.asOf} (horizon ${report.horizonDays} days) in ${n(report.shards)} shard(s)${data ? ` from ${n(data.orders)} orders, ${n(data.prospects)} prospects` : ''}`,
    '',
    `Model ${report.model.version}: ${report.model.familyName} (${report.model.trainedThisRun ? 'trained this run' : 'current model reused'}; fitted on orders up to ${report.model.fittedAsOf})`,
    ...(card ? cardLines(card) : []),
    ...(report.model.promotion
      ? [`  champion/challenger: ${report.model.promotion.challenger} ${report.model.promotion.promoted ? 'promoted' : 'NOT promoted'}, ${report.model.promotion.reason}`]
      : []),
    '',
    'Segments',
  ];
  const width = Math.max(...report.segments.map((s) => s.id.length));
  const names = Math.max(...report.segments.map((s) => s.name.length));
  const percent = (value: number | null | undefined) => (value === null || value === undefined ? 'n/a' : `${f(100 * value, 1)}%`);
  lines.push(`  ${pad('', width)}  ${'size'.padStart(7)}  ${'share'.padStart(6)}  ${pad('', names)}  ${'revenue'.padStart(7)}  ${'AOV'.padStart(8)}  ${'retained'.padStart(8)}  ${'converted'.padStart(9)}  ${'+in/-out'.padStart(11)}`);
  for (const s of report.segments) {
    const share = report.customers > 0 ? (100 * s.size) / report.customers : 0;
    const k = s.kpis;
    const kpis = k
      ? `  ${percent(k.revenueShare).padStart(7)}  ${(k.averageOrderValue === null ? 'n/a' : f(k.averageOrderValue, 2)).padStart(8)}  ${percent(k.retention).padStart(8)}  ${percent(k.conversion).padStart(9)}  ${`+${n(s.entered ?? 0)}/-${n(s.exited ?? 0)}`.padStart(11)}`
      : '';
    lines.push(`  ${pad(s.id, width)}  ${n(s.size).padStart(7)}  ${f(share, 1).padStart(5)}%  ${pad(s.name, names)}${kpis}`.trimEnd());
  }
  for (const persona of report.personas ?? []) lines.push(`  ${persona.id} ${persona.name}: ${persona.description}`);
  const w = report.writes;
  lines.push(
    `  table writes: ${n(w.items)} items (${n(w.scoreItems)} score items, ${n(w.membershipsEntered)} memberships entered, ${n(w.membershipsExited)} exited, ${n(w.customersRemoved)} customers removed)`,
    ...(w.scoreItemReasons && w.scoreItems > 0
      ? [`  score items written: ${Object.entries(w.scoreItemReasons).filter(([, count]) => count > 0).map(([reason, count]) => `${n(count)} ${SCORE_WRITE_REASON_TEXT[reason] ?? reason}`).join(', ')}`]
      : []),
    `  diffed against: ${diffedAgainst(w.bucketsFromLedger ?? 0)}`,
    ...(report.membershipChanges
      ? [`  membership events: ${n(report.membershipChanges.entered + report.membershipChanges.exited)} (${n(report.membershipChanges.entered)} entered, ${n(report.membershipChanges.exited)} exited) -> ${report.membershipChanges.destination ?? 'not sent (no destination configured)'}${report.membershipChanges.note ? ` (${report.membershipChanges.note})` : ''}`]
      : []),
    ...(report.configuration?.problem ? [`  configuration: ${report.configuration.problem}`] : []),
    '',
  );
  if (report.audiences?.length) lines.push('Audiences', ...report.audiences.flatMap(audienceLines), '');
  lines.push(
    'Outputs',
    '  scores and segments   DynamoDB table (current run pointer and catalogue)',
    ...(report.scoresExport ? [`  scores export         ${report.scoresExport.key} (${n(report.scoresExport.customers)} customers, every field and segment)`] : []),
    ...(report.audiences ?? []).flatMap((a) => (a.status === 'published' ? [`  audience              ${a.manifestKey.replace(/manifest\.json$/, '')} (${a.destinations.map((d) => d.file.slice(d.file.lastIndexOf('/') + 1)).join(', ')}, manifest.json)`] : [])),
    `  run report            reports/runs/${report.runId}.json (and .html: npx segments report --open)`,
  );
  return lines;
}

/** A published audience: its size, seed, model and held-out quality, then a line per destination file; a skipped one: why. */
function audienceLines(audience: AudienceOutcome): string[] {
  if (audience.status === 'skipped') return [`  ${audience.id.padEnd(28)} skipped: ${audience.message}`];
  return [
    `  ${audience.id.padEnd(28)} ${n(audience.members)} of ${n(audience.poolSize)} in the pool, seed ${audience.seedSegment} (${n(audience.seedSize)}); ${audience.model}: held-out recall ${f(audience.recallAtSize * 100, 1)}%, lift ${f(audience.liftAtSize, 2)}x; version ${audience.version}`,
    ...audience.destinations.map((d) => `    ${d.destination.padEnd(8)} ${n(d.rows)} rows${d.droppedWithoutIdentifiers > 0 ? ` (${n(d.droppedWithoutIdentifiers)} without an identifier it accepts)` : ''} -> ${d.file}`),
  ];
}

function diffedAgainst(fromLedger: number): string {
  if (fromLedger === 0) return 'the table, read back in full';
  if (fromLedger === BUCKET_COUNT) return `the last run's table ledgers (all ${n(BUCKET_COUNT)} buckets; no read-back)`;
  return `the last run's table ledgers for ${n(fromLedger)} of ${n(BUCKET_COUNT)} buckets, the table for the rest`;
}

function cardLines(card: ModelCard): string[] {
  const h = card.metrics;
  const baselines = Object.entries(card.baselines).map(
    ([name, m]) => `  baseline ${name} on the same split: churn AUC ${f(m.churnAuc)} | Brier ${f(m.churnBrier)} | CLV normalised Gini ${f(m.clvNormalizedGini)} | decile MAPE ${f(m.clvDecileMape)}`,
  );
  if (!h || !card.split || card.split.kind !== 'time') return [`  no held-out time split: ${card.reason}`];
  return [
    `  held-out time split, ${n(h.customers)} customers (churn rate ${f(h.churnRate * 100, 1)}%): churn AUC ${f(h.churnAuc)} | Brier ${f(h.churnBrier)} | CLV normalised Gini ${f(h.clvNormalizedGini)} | Spearman ${f(h.clvSpearman)} | decile MAPE ${f(h.clvDecileMape)}`,
    ...baselines,
  ];
}
