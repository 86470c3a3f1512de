export * from './detect-format.js';
export * from './extract-rejected-error.js';
export * from './extract-schemas.js';
export * from './ingest-limits.js';
export * from './resolve-columns.js';
export * from './validate-extract.js';
