/** Base of the report errors; `cause` keeps the underlying failure. */
export class ReportError extends Error {
  override readonly name: string = 'ReportError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A report input that cannot be drawn (a negative count, calibration rows out of [0, 1], an empty histogram bin range). */
export class ReportInputError extends ReportError {
  override readonly name = 'ReportInputError';
}

/** Vega could not compile or render one chart; the message names the chart. */
export class ChartRenderError extends ReportError {
  override readonly name = 'ChartRenderError';
}
