import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { propsFromContext } from '../../infra/aws/app-context.js';

const reader = (context: Record<string, unknown>) => (key: string) => context[key];

const configFile = (yaml: string): string => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'app-context-')), 'segments.config.yaml');
  fs.writeFileSync(file, yaml);
  return file;
};

describe('the CDK app: construct props from -c context values and -c config=FILE', () => {
  it('gives nothing without context, so every default is the construct’s', () => {
    expect(propsFromContext(reader({}))).toEqual({ schedule: {} });
  });

  it('reads each context value as the type its prop needs (cdk passes them all as strings)', () => {
    const props = propsFromContext(
      reader({
        namePrefix: 'acme-segments',
        alarmEmail: 'ops@example.com',
        horizonDays: '180',
        clvHorizonDays: '730',
        schedule: 'cron(0 4 * * ? *)',
        scheduleTimeZone: 'Europe/Berlin',
        scheduleEnabled: 'false',
        bucketName: 'acme-data-lake',
        removalPolicy: 'destroy',
        logRetentionDays: '30',
        lambdaMemoryMiB: '4096',
      }),
    );

    expect(props).toEqual({
      namePrefix: 'acme-segments',
      alarmEmail: 'ops@example.com',
      horizonDays: 180,
      clvHorizonDays: 730,
      schedule: { expression: 'cron(0 4 * * ? *)', timeZone: 'Europe/Berlin', enabled: false },
      bucketName: 'acme-data-lake',
      removalPolicy: RemovalPolicy.DESTROY,
      logRetention: RetentionDays.ONE_MONTH,
      lambdaMemory: { default: 4096 },
    });
  });

  it('takes the schedule, retention and horizon from the configuration file, a -c value winning over the file', () => {
    const config = configFile(`
scoring: { horizonDays: 60, clvHorizonDays: 180 }
schedule: { expression: "cron(0 3 * * ? *)", timeZone: America/New_York }
retention: { runFilesDays: 14, exportsDays: null }
`);

    const fromFile = propsFromContext(reader({ config }));
    const overridden = propsFromContext(reader({ config, horizonDays: '90', scheduleTimeZone: 'UTC' }));

    expect(fromFile).toMatchObject({
      horizonDays: 60,
      clvHorizonDays: 180,
      schedule: { expression: 'cron(0 3 * * ? *)', timeZone: 'America/New_York', enabled: true },
      retention: { runFilesDays: 14, exportsDays: null, reportsDays: 365 },
    });
    expect(overridden).toMatchObject({ horizonDays: 90, schedule: { expression: 'cron(0 3 * * ? *)', timeZone: 'UTC' } });
  });

  it('refuses a value it cannot use, naming the -c key, and a configuration file that is missing or invalid, naming the file', () => {
    expect(() => propsFromContext(reader({ horizonDays: 'ninety' }))).toThrow(/-c horizonDays must be a whole number/);
    expect(() => propsFromContext(reader({ scheduleEnabled: 'no' }))).toThrow(/-c scheduleEnabled must be true or false/);
    expect(() => propsFromContext(reader({ removalPolicy: 'snapshot' }))).toThrow(/-c removalPolicy must be retain or destroy/);
    expect(() => propsFromContext(reader({ logRetentionDays: '31' }))).toThrow(/-c logRetentionDays must be one of 1, 3, 5, 7, 14, 30/);
    expect(() => propsFromContext(reader({ config: '/nonexistent/segments.config.yaml' }))).toThrow(/-c config=\/nonexistent\/segments.config.yaml: the file cannot be read/);
    const invalid = configFile('schedule: { timeZone: Mars/Olympus }');
    expect(() => propsFromContext(reader({ config: invalid }))).toThrow(new RegExp(`${invalid} is not a valid configuration`));
  });
});
