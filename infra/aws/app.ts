import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { PredictiveSegmentsStack, STACK_NAME } from './predictive-segments-stack.js';

const app = new App();
const horizonDays = app.node.tryGetContext('horizonDays') as string | number | undefined;
new PredictiveSegmentsStack(app, STACK_NAME, {
  description: 'Predictive segments: ingest, feature computation, scoring and audiences for customer extracts',
  ...(horizonDays === undefined ? {} : { horizonDays: Number(horizonDays) }),
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
