export * from './errors.js';
export * from './segments-config.js';
export * from './profile-section.js';
export * from './writes-section.js';
export * from './events-section.js';
