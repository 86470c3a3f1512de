export { BtydPredictionError } from './btyd-prediction-error.js';
export type { BtydSummaries } from './btyd-summaries.js';
export { fitBtydModels, MIN_REPEAT_BUYERS, type BtydModels } from './fit-btyd-models.js';
export { horizonSpendSigma, MAX_SPEND_SIGMA } from './horizon-spend-spread.js';
export { btydSummariesOf, loadBtydSummaries } from './load-btyd-summaries.js';
export { predictBtyd, type BtydPredictions } from './predict-btyd.js';
export { robustExpectedTransactions } from './robust-expected-transactions.js';
export { MAX_FIT_CUSTOMERS, sampleSummaries } from './sample-summaries.js';
