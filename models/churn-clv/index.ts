export * from './model-metadata.js';
export * from './model-registry.js';
export * from './score-customers.js';
export * from './tensorflow-backend.js';
export * from './train-churn-clv-model.js';
