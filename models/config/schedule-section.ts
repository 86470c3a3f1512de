import { z } from 'zod';

export const DEFAULT_SCHEDULE_EXPRESSION = 'cron(0 2 * * ? *)';

/** EventBridge Scheduler's forms: six cron fields (minutes hours day-of-month month day-of-week year) or a rate. */
const SCHEDULE_EXPRESSION = /^(cron\(\S+( \S+){5}\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\))$/;

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/**
 * The nightly rescoring's timing. It lives in EventBridge Scheduler, so it takes effect when the stack is
 * deployed with this file (`cdk deploy -c config=segments.config.yaml`), not when the file is uploaded;
 * only `enabled: false` also works from the stored file, which the nightly function checks before each run.
 */
export const ScheduleSectionSchema = z
  .object({
    expression: z
      .string()
      .regex(SCHEDULE_EXPRESSION, 'expected cron(minutes hours day-of-month month day-of-week year) or rate(N minutes|hours|days)')
      .default(DEFAULT_SCHEDULE_EXPRESSION),
    timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone such as UTC or Europe/Berlin').default('UTC'),
    enabled: z.boolean().default(true),
  })
  .strict();

export type ScheduleConfig = z.infer<typeof ScheduleSectionSchema>;
