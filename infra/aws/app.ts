import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { PredictiveSegmentsStack, STACK_NAME } from './predictive-segments-stack.js';

const app = new App();
new PredictiveSegmentsStack(app, STACK_NAME, {
  description: 'Predictive segments: ingest, feature computation, scoring and audiences for customer extracts',
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
