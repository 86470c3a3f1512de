import fs from 'node:fs';
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { parseSegmentsConfig } from '../../models/config/index.js';
import type { PredictiveSegmentsProps } from './predictive-segments-props.js';

/**
 * The CDK context values `cdk deploy -c key=value` takes (or cdk.json's / cdk.context.json's `context`).
 * Each maps to one property of the PredictiveSegments construct.
 */
export const CONTEXT_KEYS = {
  namePrefix: 'namePrefix',
  alarmEmail: 'alarmEmail',
  horizonDays: 'horizonDays',
  clvHorizonDays: 'clvHorizonDays',
  schedule: 'schedule',
  scheduleTimeZone: 'scheduleTimeZone',
  scheduleEnabled: 'scheduleEnabled',
  /** The name of an existing bucket to use instead of creating one. */
  bucketName: 'bucketName',
  removalPolicy: 'removalPolicy',
  logRetentionDays: 'logRetentionDays',
  lambdaMemoryMiB: 'lambdaMemoryMiB',
  /** A local segments.config.yaml whose deploy-time sections (schedule, retention, the scoring horizons) are used. */
  config: 'config',
} as const;

/** A context value the app cannot use; names the key and what it accepts. */
export class AppContextError extends Error {
  override readonly name = 'AppContextError';
}

type ContextReader = (key: string) => unknown;

/** The construct's props from the context: a `-c` value wins over the `-c config=FILE` file, which wins over the defaults. */
export function propsFromContext(read: ContextReader): Omit<PredictiveSegmentsProps, 'bucket'> & { bucketName?: string } {
  const text = (key: string): string | undefined => {
    const value = read(key);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new AppContextError(`-c ${key} must be a single value, not ${JSON.stringify(value)}.`);
    }
    return String(value);
  };
  const whole = (key: string): number | undefined => {
    const value = text(key);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) throw new AppContextError(`-c ${key} must be a whole number, not "${value}".`);
    return Number(value);
  };
  const flag = (key: string): boolean | undefined => {
    const value = text(key);
    if (value === undefined) return undefined;
    if (value !== 'true' && value !== 'false') throw new AppContextError(`-c ${key} must be true or false, not "${value}".`);
    return value === 'true';
  };

  const configPath = text(CONTEXT_KEYS.config);
  const config = configPath === undefined ? undefined : readConfigFile(configPath);
  const removalPolicy = text(CONTEXT_KEYS.removalPolicy);
  const logRetentionDays = whole(CONTEXT_KEYS.logRetentionDays);
  const memory = whole(CONTEXT_KEYS.lambdaMemoryMiB);
  const horizonDays = whole(CONTEXT_KEYS.horizonDays) ?? config?.scoring.horizonDays;
  const clvHorizonDays = whole(CONTEXT_KEYS.clvHorizonDays) ?? config?.scoring.clvHorizonDays;
  const schedule = {
    ...config?.schedule,
    ...defined({
      expression: text(CONTEXT_KEYS.schedule),
      timeZone: text(CONTEXT_KEYS.scheduleTimeZone),
      enabled: flag(CONTEXT_KEYS.scheduleEnabled),
    }),
  };
  return defined({
    namePrefix: text(CONTEXT_KEYS.namePrefix),
    alarmEmail: text(CONTEXT_KEYS.alarmEmail),
    horizonDays,
    clvHorizonDays,
    schedule,
    retention: config?.retention,
    bucketName: text(CONTEXT_KEYS.bucketName),
    removalPolicy: removalPolicy === undefined ? undefined : removalPolicyOf(removalPolicy),
    logRetention: logRetentionDays === undefined ? undefined : logRetentionOf(logRetentionDays),
    lambdaMemory: memory === undefined ? undefined : { default: memory },
  });
}

function readConfigFile(path: string) {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppContextError(`-c ${CONTEXT_KEYS.config}=${path}: the file cannot be read (${(error as Error).message}).`, { cause: error });
  }
  return parseSegmentsConfig(text, path);
}

const REMOVAL_POLICIES: Readonly<Record<string, RemovalPolicy>> = { retain: RemovalPolicy.RETAIN, destroy: RemovalPolicy.DESTROY };

function removalPolicyOf(value: string): RemovalPolicy {
  const policy = REMOVAL_POLICIES[value.toLowerCase()];
  if (policy === undefined) throw new AppContextError(`-c ${CONTEXT_KEYS.removalPolicy} must be retain or destroy, not "${value}".`);
  return policy;
}

/** CloudWatch Logs accepts only these retention periods (RetentionDays' values, in days). */
function logRetentionOf(days: number): RetentionDays {
  const allowed = Object.values(RetentionDays).filter((value): value is RetentionDays => typeof value === 'number' && value > 0);
  if (!allowed.includes(days as RetentionDays)) {
    throw new AppContextError(`-c ${CONTEXT_KEYS.logRetentionDays} must be one of ${[...allowed].sort((a, b) => a - b).join(', ')}, not ${days}.`);
  }
  return days as RetentionDays;
}

/** The object without its undefined entries, so spreading it never overrides a value with undefined. */
function defined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}
