export { checkState, type StateCheck } from './check-state.js';
export { PROBLEM_KINDS, type ProblemKind, type StateProblem } from './state-problems.js';
