export * from './model-metadata.js';
export * from './model-registry.js';
export * from './score-customers.js';
export * from './tensorflow-backend.js';
export * from './train-churn-clv-model.js';
export * from '../model-families/model-card.js';
export * from './evaluate-predictions.js';
export * from './champion-challenger.js';
