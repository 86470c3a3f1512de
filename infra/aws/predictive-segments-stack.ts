import { Stack, type StackProps } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { PredictiveSegments } from './predictive-segments.js';
import type { PredictiveSegmentsProps } from './predictive-segments-props.js';

export const STACK_NAME = 'PredictiveSegments';

export interface PredictiveSegmentsStackProps extends StackProps, PredictiveSegmentsProps {
  /** The name of an existing bucket in the stack's account to use instead of creating one (`-c bucketName=...`). */
  readonly existingBucketName?: string;
}

/**
 * The app-level stack `cdk deploy` creates: nothing but the PredictiveSegments construct. Its id is
 * `Default`, which CDK leaves out of logical ids, so the resources keep the logical ids they had when the
 * stack held them itself (an update replaces nothing) and the outputs are keyed by their plain names.
 */
export class PredictiveSegmentsStack extends Stack {
  readonly pipeline: PredictiveSegments;

  constructor(scope: Construct, id: string, props: PredictiveSegmentsStackProps = {}) {
    super(scope, id, props);
    const { existingBucketName, ...pipelineProps } = props;
    if (existingBucketName !== undefined && props.bucket !== undefined) {
      throw new Error('Give existingBucketName or bucket, not both.');
    }
    const bucket = existingBucketName === undefined ? props.bucket : Bucket.fromBucketName(this, 'ExistingDataBucket', existingBucketName);
    this.pipeline = new PredictiveSegments(this, 'Default', { ...pipelineProps, bucket });
  }
}
