export * from './errors.js';
export * from './segments-config.js';
