export interface PseudoParameters {
  partition: string;
  region: string;
  accountId: string;
}

/**
 * Evaluates the few CloudFormation intrinsics a synthesized definition string can hold
 * (`Fn::Join` of strings and the pseudo parameters), so it becomes the plain JSON Step Functions
 * would receive. Anything else (a reference to another resource) cannot be known locally.
 */
export function resolveIntrinsics(value: unknown, pseudo: PseudoParameters): unknown {
  if (typeof value === 'string' || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => resolveIntrinsics(item, pseudo));
  const entries = Object.entries(value);
  const [intrinsic, argument] = entries[0] ?? [];
  if (entries.length === 1 && intrinsic === 'Fn::Join') {
    const [separator, parts] = argument as [string, unknown[]];
    return parts.map((part) => String(resolveIntrinsics(part, pseudo))).join(separator);
  }
  if (entries.length === 1 && intrinsic === 'Ref') {
    const pseudoValues: Record<string, string> = {
      'AWS::Partition': pseudo.partition,
      'AWS::Region': pseudo.region,
      'AWS::AccountId': pseudo.accountId,
      'AWS::URLSuffix': 'amazonaws.com',
    };
    const resolved = pseudoValues[argument as string];
    if (resolved === undefined) throw new Error(`Cannot resolve { Ref: ${String(argument)} } outside CloudFormation`);
    return resolved;
  }
  if (entries.length === 1 && intrinsic?.startsWith('Fn::')) {
    throw new Error(`Cannot resolve ${intrinsic} outside CloudFormation`);
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, resolveIntrinsics(item, pseudo)]));
}
