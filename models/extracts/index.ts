export type { DecodingReport } from './decode-upload.js';
export * from './detect-format.js';
export type { DuplicateHeader } from './duplicate-headers.js';
export * from './extract-rejected-error.js';
export * from './extract-schemas.js';
export * from './ingest-limits.js';
export * from './resolve-columns.js';
export type { TextEncoding } from './sniff-text-encoding.js';
export * from './validate-extract.js';
