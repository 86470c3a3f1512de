/** Base class of the KPI module's errors; `cause` carries the underlying error. */
export class KpiError extends Error {
  override readonly name: string = 'KpiError';
}

/** Input the KPIs cannot be computed from (a horizon that is not a whole number of days). */
export class KpiInputError extends KpiError {
  override readonly name = 'KpiInputError';
}
