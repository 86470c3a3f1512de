export * from './errors.js';
export * from './segments-config.js';
export * from './profile-section.js';
