import { describe, expect, it } from 'vitest';
import { PREFIXES } from '../../functions/shared/storage-layout.js';
import type { RunTaskState } from '../../functions/run/run-contract.js';
import { FORGET_BUCKET_ACCESS, INGEST_BUCKET_ACCESS, RESCORE_BUCKET_ACCESS, RUN_STAGE_BUCKET_ACCESS } from '../../infra/aws/bucket-access.js';
import { logicalIdOf, ownData, synthTestStack } from './synth-test-stack.js';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const actionsOf = (statement: Statement): string[] => asArray(statement.Action);

describe('IAM access', () => {
  const { stack, template } = synthTestStack();
  const resources = template.toJSON().Resources;
  const bucketId = logicalIdOf(stack, ownData(stack).bucket);
  const tableId = logicalIdOf(stack, stack.pipeline.segments.table);

  const statementsOfPolicy = (policyId: string): Statement[] => resources[policyId].Properties.PolicyDocument.Statement;
  const allPolicyStatements = (): Statement[] =>
    Object.keys(template.findResources('AWS::IAM::Policy')).flatMap(statementsOfPolicy);
  const statementsWith = (statements: Statement[], action: string): Statement[] =>
    statements.filter((statement) => actionsOf(statement).includes(action));
  const statementWith = (statements: Statement[], action: string): Statement => {
    const found = statements.filter((statement) => actionsOf(statement).includes(action));
    expect(found).toHaveLength(1);
    return found[0] as Statement;
  };
  /** `arn-of-bucket + "/clean/*"` as CloudFormation renders it. */
  const objectArn = (keyPattern: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, `/${keyPattern}`]] });

  const cases = [
    { name: 'ingest', pipelineFunction: stack.pipeline.functions.ingestUpload, access: INGEST_BUCKET_ACCESS },
    { name: 'rescore', pipelineFunction: stack.pipeline.functions.nightlyRescore, access: RESCORE_BUCKET_ACCESS },
    { name: 'forget-people', pipelineFunction: stack.pipeline.functions.forgetPeople, access: FORGET_BUCKET_ACCESS },
    ...(Object.entries(stack.pipeline.scoringRun.functions) as Array<[RunTaskState, typeof stack.pipeline.functions.ingestUpload]>).map(
      ([state, pipelineFunction]) => ({ name: `scoring-run ${state}`, pipelineFunction, access: RUN_STAGE_BUCKET_ACCESS[state] }),
    ),
  ];

  describe.each(cases)('$name function', ({ pipelineFunction, access }) => {
    const dataAccess = statementsOfPolicy(logicalIdOf(stack, pipelineFunction.dataAccess));

    // minimizePolicies merges a read and a write grant on the very same prefixes into one statement.
    const objectResourcesWith = (action: string) => statementsWith(dataAccess, action).flatMap((statement) => asArray(statement.Resource));

    it('reads objects only under its readable prefixes', () => {
      const expectedResources = access.read.map((prefix) => objectArn(`${prefix}*`));

      const readable = objectResourcesWith('s3:GetObject');

      expect(readable).toEqual(expect.arrayContaining(expectedResources));
      expect(readable).toHaveLength(expectedResources.length);
      const objectActions = statementsWith(dataAccess, 's3:GetObject').flatMap(actionsOf);
      expect(objectActions.every((action) => ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'].includes(action))).toBe(true);
    });

    it('lists only its readable prefixes', () => {
      if (access.read.length === 0) {
        expect(statementsWith(dataAccess, 's3:ListBucket')).toEqual([]);
        return;
      }

      const list = statementWith(dataAccess, 's3:ListBucket');

      expect(list.Resource).toEqual({ 'Fn::GetAtt': [bucketId, 'Arn'] });
      expect(list.Condition).toEqual({ StringLike: { 's3:prefix': access.read.map((prefix) => `${prefix}*`) } });
    });

    it('writes objects only under its writable prefixes', () => {
      const expectedResources = access.write.map((prefix) => objectArn(`${prefix}*`));

      const writable = objectResourcesWith('s3:PutObject');

      expect(writable).toEqual(expect.arrayContaining(expectedResources));
      expect(writable).toHaveLength(expectedResources.length);
    });

    it('reads and writes items of the segments table and its segment-members index only', () => {
      const expectedResources = [
        { 'Fn::GetAtt': [tableId, 'Arn'] },
        { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, '/index/segment-members']] },
      ];

      const items = statementWith(dataAccess, 'dynamodb:PutItem');

      expect(items.Resource).toEqual(expectedResources);
      expect(actionsOf(items)).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:BatchWriteItem']));
      expect(actionsOf(items)).not.toContain('dynamodb:Scan');
    });
  });

  it('grants some function access to every prefix of the storage layout', () => {
    const granted = new Set(
      [INGEST_BUCKET_ACCESS, RESCORE_BUCKET_ACCESS, FORGET_BUCKET_ACCESS, ...Object.values(RUN_STAGE_BUCKET_ACCESS)].flatMap((access) => [
        ...access.read,
        ...access.write,
      ]),
    );

    const ungranted = Object.values(PREFIXES).filter((prefix) => !granted.has(prefix));

    expect(ungranted).toEqual([]);
  });

  it('gives the ingest function no access to incoming/ beyond reading it', () => {
    expect(INGEST_BUCKET_ACCESS.read).toContain('incoming/');
    expect(INGEST_BUCKET_ACCESS.write).not.toContain('incoming/');
  });

  it('gives the rescore function no access to uploads, quarantine or rejected files', () => {
    const rescorePrefixes = [...RESCORE_BUCKET_ACCESS.read, ...RESCORE_BUCKET_ACCESS.write];

    expect(rescorePrefixes).not.toContain('incoming/');
    expect(rescorePrefixes).not.toContain('quarantine/');
    expect(rescorePrefixes).not.toContain('rejected/');
  });

  it('lets nothing in the stack delete objects', () => {
    const actions = allPolicyStatements().flatMap(actionsOf);

    const deletes = actions.filter((action) => action.startsWith('s3:Delete'));

    expect(deletes).toEqual([]);
  });

  it('uses Resource "*" only for the X-Ray and log-delivery actions that require it', () => {
    const stateMachinePolicyId = logicalIdOf(stack, stack.pipeline.scoringRun.stateMachine.role.node.findChild('DefaultPolicy'));
    const wildcardActionsOf = (policyIds: string[]) =>
      [...new Set(policyIds.flatMap(statementsOfPolicy).filter((s) => asArray(s.Resource).includes('*')).flatMap(actionsOf))].sort();
    const functionPolicies = Object.keys(template.findResources('AWS::IAM::Policy')).filter((id) => id !== stateMachinePolicyId);

    expect(wildcardActionsOf(functionPolicies)).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    expect(wildcardActionsOf([stateMachinePolicyId])).toEqual([
      'logs:CreateLogDelivery',
      'logs:DeleteLogDelivery',
      'logs:DescribeLogGroups',
      'logs:DescribeResourcePolicies',
      'logs:GetLogDelivery',
      'logs:ListLogDeliveries',
      'logs:PutResourcePolicy',
      'logs:UpdateLogDelivery',
      'xray:GetSamplingRules',
      'xray:GetSamplingTargets',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
  });

  it('grants no action wildcards', () => {
    const actions = allPolicyStatements().flatMap(actionsOf);

    expect(actions.filter((action) => action.includes('*'))).toEqual([]);
  });
});
