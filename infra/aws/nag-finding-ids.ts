import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * A resolved CloudFormation value as cdk-nag writes it into a finding id (its flattenCfnReference, which it does
 * not export): `{ "Fn::GetAtt": ["Bucket", "Arn"] }` is `<Bucket.Arn>`, `{ "Ref": "AWS::Region" }` is
 * `<AWS::Region>`, joins are joined, and a literal stays as it is. An environment-agnostic stack and one with an
 * account and region therefore get different ids for the same grant, which is why they are computed, not written.
 */
export const flattenCfnReference = (node: unknown): string => {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/}/g, '>');
  const intrinsic = node as Record<string, unknown>;
  if (Array.isArray(intrinsic['Fn::Join'])) {
    const [delimiter, items] = intrinsic['Fn::Join'] as [string, unknown[]];
    return items.map(flattenCfnReference).join(delimiter);
  }
  if (intrinsic['Fn::Sub'] !== undefined) return flattenCfnReference(intrinsic['Fn::Sub']);
  if (Array.isArray(intrinsic['Fn::GetAtt'])) {
    const [resource, attribute] = intrinsic['Fn::GetAtt'] as [unknown, unknown];
    return `<${flattenCfnReference(resource)}.${flattenCfnReference(attribute)}>`;
  }
  if (intrinsic['Fn::ImportValue'] !== undefined) return flattenCfnReference(intrinsic['Fn::ImportValue']);
  if (intrinsic.Ref !== undefined) return `<${flattenCfnReference(intrinsic.Ref)}>`;
  return JSON.stringify(node);
};

/** A value (token or literal) of `scope`'s stack as it appears in a finding id. */
export const flattenedResource = (scope: IConstruct, value: unknown): string => flattenCfnReference(Stack.of(scope).resolve(value));
