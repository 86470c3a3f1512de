import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { DEFAULT_NAME_PREFIX } from '../../functions/shared/resource-names.js';
import { propsFromContext } from './app-context.js';
import { PredictiveSegmentsStack, STACK_NAME } from './predictive-segments-stack.js';

const app = new App();
const { bucketName, ...props } = propsFromContext((key) => app.node.tryGetContext(key));
new PredictiveSegmentsStack(app, stackNameFor(props.namePrefix), {
  description: 'Predictive segments: ingest, feature computation, scoring and audiences for customer extracts',
  ...props,
  ...(bucketName === undefined ? {} : { existingBucketName: bucketName }),
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));

/** One stack per name prefix, so a second deployment in the same account and region is a second stack. */
function stackNameFor(namePrefix: string | undefined): string {
  return namePrefix === undefined || namePrefix === DEFAULT_NAME_PREFIX ? STACK_NAME : `${STACK_NAME}-${namePrefix}`;
}
