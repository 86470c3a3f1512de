export { US_EAST_1_ON_DEMAND, type AwsPrices } from './aws-prices.js';
export { dynamoItemBytes, writeUnitsOf } from './dynamodb-item-size.js';
export {
  COST_SERVICES,
  CostModelError,
  eventsFor,
  nightlyCost,
  s3RequestsOf,
  scaleRun,
  stateTransitionsOf,
  type CostLine,
  type CostService,
  type EventsMode,
  type LambdaStageMeasure,
  type NightlyCost,
  type NightlyRunMeasure,
} from './nightly-cost.js';
