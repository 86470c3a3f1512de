export * from './step-timer.js';
