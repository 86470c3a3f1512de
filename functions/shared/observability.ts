import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'predictive-segments';

/** One logger, one metrics buffer and one tracer per process, as Powertools recommends. */
export const logger = new Logger({ serviceName });

export const metrics = new Metrics({
  serviceName,
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'PredictiveSegments',
});

/**
 * X-Ray segments for each invocation (the handlers' captureLambdaHandler middleware) and a subsegment per
 * AWS SDK call of the clients passed through `traced`. Tracer switches itself off outside Lambda (no
 * AWS_EXECUTION_ENV), so the local runtime and the CLI run the same handlers without an X-Ray daemon.
 */
export const tracer = new Tracer({ serviceName });

/** The client, its calls recorded as X-Ray subsegments when tracing is on (it is returned unchanged otherwise). */
export const traced = <T>(client: T): T => tracer.captureAWSv3Client(client);
