export { bgNbdLogLikelihood } from './bg-nbd-log-likelihood.js';
export type { BgNbdCustomer, BgNbdFit, BgNbdParams } from './bg-nbd-types.js';
export { BtydInputError } from './btyd-input-error.js';
export { expectedAverageSpend } from './expected-average-spend.js';
export { expectedSpend, type SpendingCustomer } from './expected-spend.js';
export { expectedTransactions } from './expected-transactions.js';
export { fitBgNbd, type BgNbdFitOptions } from './fit-bg-nbd.js';
export { fitGammaGamma, type GammaGammaFitOptions } from './fit-gamma-gamma.js';
export { gammaGammaLogLikelihood } from './gamma-gamma-log-likelihood.js';
export type { GammaGammaCustomer, GammaGammaFit, GammaGammaParams } from './gamma-gamma-types.js';
export { hypergeometric2F1 } from './hypergeometric-2f1.js';
export { HypergeometricError } from './hypergeometric-error.js';
export type { MaximumLikelihoodOptions } from './maximize-log-likelihood.js';
export { probabilityAlive } from './probability-alive.js';
export { probabilityNoPurchase } from './probability-no-purchase.js';
export { purchaseCountMoments, purchaseCountProbabilities, type PurchaseCountMoments } from './purchase-count-distribution.js';
export {
  summarizeTransactions,
  type CustomerTransactionSummary,
  type TransactionRow,
} from './summarize-transactions.js';
