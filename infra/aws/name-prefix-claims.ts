import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** Which construct took each name prefix, per app: `<account>/<region>/<prefix>` -> construct path. */
const claims = new WeakMap<Construct, Map<string, string>>();

/**
 * Refuses a second deployment with the same name prefix in one app and environment, whose table, bucket,
 * bus, state machine and schedule names would collide at deploy time. Environment-agnostic stacks share
 * the account and region tokens, so two of them count as one environment: they can be deployed together.
 */
export function claimNamePrefix(construct: Construct, namePrefix: string): void {
  const stack = Stack.of(construct);
  const app = construct.node.root;
  const taken = claims.get(app) ?? new Map<string, string>();
  claims.set(app, taken);
  const key = `${stack.account}/${stack.region}/${namePrefix}`;
  const holder = taken.get(key);
  if (holder !== undefined) {
    throw new Error(
      `${construct.node.path}: the name prefix "${namePrefix}" is already used by ${holder} in the same account and region; ` +
        'give each PredictiveSegments its own namePrefix (cdk deploy -c namePrefix=...).',
    );
  }
  taken.set(key, construct.node.path);
}
