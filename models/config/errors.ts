/** The configuration file cannot be used; `issues` lists each offending entry by its path. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';

  constructor(
    message: string,
    readonly issues: readonly { path: string; message: string }[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
