import type { IngestOutcome } from '../../../functions/ingest/ingest-upload-object.js';
import type { RunSummary } from '../../../functions/pipeline/run-summary.js';

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
    ].filter(Boolean);
    if (notes.length > 0) lines.push(`  ${pad('', width)}  ${notes.join('; ')}`);
    if (o.duplicateOf) lines.push(`  ${pad('', width)}  same content as ${o.duplicateOf}: counted once`);
    if (!o.current) lines.push(`  ${pad('', width)}  a later upload of the same key is already in force: kept on record only`);
    return lines;
  });
}

export function formatRunSummary(run: RunSummary): string[] {
  const h = run.model.holdout;
  const overlap = run.data.overlappingOrderRows;
  const overlapNote = overlap.sameOrderId + overlap.sameCustomerTimeAmount > 0
    ? [`Counted once: ${n(overlap.sameOrderId)} order rows repeated by order id and ${n(overlap.sameCustomerTimeAmount)} rows without an order id repeated (same customer, time and amount) across uploads`]
    : [];
  const duplicateNote = run.data.duplicateUploads.map((d) => `Not read again: ${d.key} has the same content as ${d.sameContentAs}`);
  const lines = [
    ...overlapNote,
    ...duplicateNote,
    `Scored ${n(run.scoredCustomers)} customers as of ${run.asOf} (horizon ${run.horizonDays} days) from ${n(run.data.orders)} orders, ${n(run.data.customers)} profiles, ${n(run.data.prospects)} prospects`,
    '',
    `Model ${run.model.version}: ${run.model.familyName} (${run.model.trainedThisRun ? 'trained this run' : 'current model reused'}; fitted on orders up to ${run.model.fittedAsOf}${run.model.networks > 0 ? `; ${run.model.networks} networks on ${n(run.model.trainingRows)} customers' labels, ${run.model.backend} backend` : ''})`,
    h
      ? `  held-out time split, ${n(h.customers)} customers (churn rate ${f(h.churnRate * 100, 1)}%): churn AUC ${f(h.churnAuc)} | Brier ${f(h.churnBrier)} | CLV normalised Gini ${f(h.clvNormalizedGini)} | Spearman ${f(h.clvSpearman)} | decile MAPE ${f(h.clvDecileMape)}`
      : '  no held-out time split (history shorter than one horizon): uncalibrated BG/NBD + Gamma-Gamma',
    ...Object.entries(run.model.baselines).map(
      ([name, m]) => `  baseline ${name} on the same split: churn AUC ${f(m.churnAuc)} | Brier ${f(m.churnBrier)} | CLV normalised Gini ${f(m.clvNormalizedGini)} | decile MAPE ${f(m.clvDecileMape)}`,
    ),
    ...(run.model.promotion ? [`  champion/challenger: ${run.model.promotion.promoted ? 'promoted' : 'NOT promoted'}, ${run.model.promotion.reason}`] : []),
    '',
    'Segments',
  ];
  const width = Math.max(...run.segments.map((s) => s.id.length));
  for (const s of run.segments) {
    const share = run.scoredCustomers > 0 ? (100 * s.size) / run.scoredCustomers : 0;
    lines.push(`  ${pad(s.id, width)}  ${n(s.size).padStart(7)}  ${f(share, 1).padStart(5)}%  ${s.name}`);
  }
  lines.push(`  membership changes written: ${n(run.membershipWrites.entered)} entered, ${n(run.membershipWrites.exited)} exited`, '');
  if (run.audience) {
    const lift = run.audience.holdoutLiftAtTop10 === null ? 'n/a' : `${f(run.audience.holdoutLiftAtTop10, 2)}x`;
    lines.push(
      `Lookalike audience: ${n(run.audience.rows)} hashed rows from seed ${run.audience.seedSegments.join(' + ')} (${n(run.audience.seedSize)} customers); held-out seed members in the top 10%: ${lift} chance`,
      '',
    );
  }
  lines.push(
    'Outputs',
    `  scores and segments   DynamoDB table ${run.outputs.table}`,
    `  model                 s3://${run.outputs.bucket}/${run.outputs.model}`,
    ...(run.audience ? [`  audience              s3://${run.outputs.bucket}/${run.audience.key}`] : []),
    `  run report            s3://${run.outputs.bucket}/${run.outputs.report}`,
    `Timings (s): ${Object.entries(run.seconds).map(([step, s]) => `${step} ${s}`).join(' | ')}`,
  );
  return lines;
}
