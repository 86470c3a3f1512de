import { z } from 'zod';

/** The run contract's payloads as zod schemas: every stage handler validates what the state machine hands it. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ShardRefSchema = z.object({
  index: z.number().int().min(0),
  fromBucket: z.number().int().min(0),
  toBucket: z.number().int().min(1),
  ordersKey: z.string().min(1),
  customersKey: z.string().min(1),
  customers: z.number().int().min(0),
});

export const RunContextSchema = z.object({
  runId: z.string().min(1),
  trigger: z.enum(['upload', 'schedule', 'manual']),
  asOf: day.nullable(),
  horizonDays: z.number().int().positive(),
  clvHorizonDays: z.number().int().positive(),
  annualDiscountRate: z.number().min(0).max(1),
  startedAt: z.string(),
  shards: z.array(ShardRefSchema),
  train: z.boolean(),
  modelVersion: z.string().nullable(),
  populationKey: z.string().nullable(),
  data: z
    .object({
      orders: z.number(),
      customers: z.number(),
      prospects: z.number(),
      duplicateUploads: z.number(),
      overlappingOrderRows: z.object({ sameOrderId: z.number(), sameCustomerTimeAmount: z.number() }),
    })
    .optional(),
  promotion: z.object({ challenger: z.string(), promoted: z.boolean(), reason: z.string() }).optional(),
  configuration: z.object({ source: z.string(), problem: z.string().optional() }).optional(),
});

export const RunTriggerSchema = z.object({ trigger: z.enum(['upload', 'schedule', 'manual']), asOf: day.optional(), requestedAt: z.string() }).loose();
export const StageEventSchema = z.object({ run: RunContextSchema }).loose();
export const ShardEventSchema = z.object({ run: RunContextSchema, shard: ShardRefSchema }).loose();
const ShardScoresSchema = z.object({ index: z.number().int(), customers: z.number().int(), scoresKey: z.string(), seconds: z.number() });
export const SegmentEventSchema = z.object({ run: RunContextSchema, shardScores: z.array(ShardScoresSchema) }).loose();
const ShardSummarySchema = z.object({
  index: z.number().int(),
  customers: z.number().int(),
  itemsWritten: z.number().int(),
  scoreItemsWritten: z.number().int(),
  membershipsEntered: z.number().int(),
  membershipsExited: z.number().int(),
  customersRemoved: z.number().int(),
  bucketsFromLedger: z.number().int(),
  seconds: z.number(),
});
export const PublishEventSchema = z.object({ run: RunContextSchema, shardResults: z.array(ShardSummarySchema) }).loose();
export const AbandonEventSchema = z.object({ run: RunContextSchema.optional(), error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).loose() }).loose();
