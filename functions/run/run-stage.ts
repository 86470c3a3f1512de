import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { z } from 'zod';
import { logger, tracer } from '../shared/observability.js';

/**
 * A stage handler: an X-Ray segment, structured logs with the Lambda context and the run id, the event validated
 * against the run contract, the stage's work, and one log line with its duration.
 */
export function withRunStage<TEvent extends object, TResult>(stage: string, schema: z.ZodType<TEvent>, work: (event: TEvent) => Promise<TResult>) {
  return middy<TEvent, TResult>()
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(parser({ schema }))
    .handler(async (event) => {
      const runId = (event as { run?: { runId?: string } }).run?.runId;
      if (runId) {
        logger.appendKeys({ runId });
        tracer.putAnnotation('runId', runId);
      }
      const started = performance.now();
      const result = await work(event);
      logger.info(`${stage} done`, { stage, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) });
      return result;
    });
}
