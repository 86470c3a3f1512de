export * from './compute-features.js';
export * from './dates.js';
export * from './extract-views.js';
export * from './feature-frame.js';
export * from './labels.js';
export * from './data-fingerprint.js';
export * from './purchase-history.js';
export * from './errors.js';
