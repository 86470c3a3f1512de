import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { createS3Client, requiredEnv } from './adapters/aws-clients.js';
import { AudienceCatalogue, createAudienceRouter, S3AudienceStore } from './audiences/index.js';
import { logger, tracer } from './shared/observability.js';
import { ENV } from './shared/resource-names.js';

/**
 * API Gateway (REST, proxy integration): the audience pull API's routes over a catalogue. The
 * same handler serves `segments serve` locally, behind a node:http server that builds the events.
 */
export function createAudienceApiHandler(catalogue: () => AudienceCatalogue) {
  const router = createAudienceRouter(catalogue, logger);
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler((event, context) => router.resolve(event, context));
}

let catalogue: AudienceCatalogue | undefined;

/** The data bucket's audiences/, through one client per container. */
const defaultCatalogue = (): AudienceCatalogue =>
  (catalogue ??= new AudienceCatalogue(new S3AudienceStore(createS3Client(), requiredEnv(ENV.bucket)), (version, error) =>
    logger.warn('audience version left out: its manifest cannot be used', { ...version, error }),
  ));

export const handler = createAudienceApiHandler(defaultCatalogue);
