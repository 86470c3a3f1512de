import { describe, expect, it } from 'vitest';
import { parse, problemsOf } from './config-problems.js';
import { DEFAULT_RETENTION } from '../../../models/config/retention-section.js';


describe('the configuration sections a deployment reads: schedule and retention', () => {
  it('default to 02:00 UTC every day, enabled, and to keeping run files 30 days, reports, exports and audiences a year, quarantine 90 days', () => {
    const config = parse('');

    expect(config.schedule).toEqual({ expression: 'cron(0 2 * * ? *)', timeZone: 'UTC', enabled: true });
    expect(config.retention).toEqual({ runFilesDays: 30, reportsDays: 365, exportsDays: 365, audiencesDays: 365, quarantineDays: 90 });
    expect(config.retention).toEqual(DEFAULT_RETENTION);
  });

  it('take a cron or rate expression in an IANA time zone, and null to keep something for good', () => {
    const config = parse(`
schedule: { expression: "cron(30 3 ? * MON-FRI *)", timeZone: Europe/Berlin }
retention: { exportsDays: null, quarantineDays: 30 }
`);

    expect(config.schedule).toEqual({ expression: 'cron(30 3 ? * MON-FRI *)', timeZone: 'Europe/Berlin', enabled: true });
    expect(parse('schedule: { expression: "rate(12 hours)" }').schedule.expression).toBe('rate(12 hours)');
    expect(config.retention).toMatchObject({ exportsDays: null, quarantineDays: 30, runFilesDays: 30 });
  });

  it('refuse a five-field cron, an unknown time zone, run files kept under a week and unknown entries, naming each path', () => {
    const problems = problemsOf(`
schedule: { expression: "0 2 * * *", timeZone: Mars/Olympus }
retention: { runFilesDays: 3, reportDays: 10 }
`);

    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^schedule\.expression: expected cron\(/),
        expect.stringMatching(/^schedule\.timeZone: expected an IANA time zone/),
        expect.stringMatching(/^retention\.runFilesDays: /),
        expect.stringMatching(/^retention: .*reportDays/),
      ]),
    );
  });
});
