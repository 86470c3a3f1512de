export {
  executeScoringRun,
  type ExecuteScoringRunOptions,
  type ScoringRunExecution,
  type ScoringRunHandlers,
  type ScoringRunStatus,
  type StageHandler,
} from './execute-scoring-run.js';
export {
  LOCAL_FUNCTION_NAMES,
  localFunctionArn,
  renderScoringRunDefinition,
  type AslDefinition,
  type AslState,
} from './render-definition.js';
export type { ScoringRunEvent } from './run-events.js';
export { LambdaFunctionError, MAX_STATE_PAYLOAD_BYTES } from './task-errors.js';
export { workerMemory, type StageWorkerModule } from './worker-pool.js';
