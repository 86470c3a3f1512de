import { createDocumentClient, requiredEnv } from '../adapters/aws-clients.js';
import { DynamoRunControl } from '../adapters/dynamo-run-control.js';
import { dependenciesFromEnv } from '../shared/pipeline-dependencies.js';
import { ENV } from '../shared/resource-names.js';
import type { RunDependencies } from './run-dependencies.js';

let defaults: RunDependencies | undefined;

/** The stages' clients and resources from the environment, built on first use and kept for the execution environment's life. */
export function defaultRunDependencies(): RunDependencies {
  defaults ??= { ...dependenciesFromEnv(), control: new DynamoRunControl(createDocumentClient(), requiredEnv(ENV.table)) };
  return defaults;
}
