import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { type Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { SEGMENT_MEMBERS_INDEX, TABLE_KEYS } from '../../functions/shared/table-design.js';

/** The item actions the handlers use; no Scan (only the CLI's `segments check` diagnostic scans), BatchGetItem or DescribeTable. */
export const ITEM_ACCESS_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

export interface SegmentsTableProps {
  readonly tableName: string;
  /** Default RETAIN, with deletion protection; any other policy turns deletion protection off. */
  readonly removalPolicy?: RemovalPolicy;
}

/** Per-customer scores and segment memberships; see functions/shared/table-design.ts for the item layout. */
export class SegmentsTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: SegmentsTableProps) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.table = new Table(this, 'Table', {
      tableName: props.tableName,
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: SEGMENT_MEMBERS_INDEX.indexName,
      partitionKey: { name: SEGMENT_MEMBERS_INDEX.partitionKey, type: AttributeType.STRING },
      sortKey: { name: SEGMENT_MEMBERS_INDEX.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }

  /**
   * Item reads and writes on the table and its segment-members index, named one by one:
   * `table.grantReadWriteData` would grant `<table>/index/*` and stream actions the pipeline does not use.
   */
  grantItemAccess(policy: Policy): void {
    policy.addStatements(
      new PolicyStatement({
        actions: [...ITEM_ACCESS_ACTIONS],
        resources: [this.table.tableArn, `${this.table.tableArn}/index/${SEGMENT_MEMBERS_INDEX.indexName}`],
      }),
    );
  }
}
