import { z } from 'zod';
import { DECLARED_COLUMN_TYPES } from '../extracts/declared-columns.js';
import { PROFILE_COLUMN_NAMES } from '../extracts/extract-schemas.js';

const COLUMN_NAME = /^[a-z][a-z0-9_]*$/;

/** Record keys are checked here rather than by a key schema, whose failures zod reports without their message. */
function checkColumnNames(columns: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const name of Object.keys(columns)) {
    if (!COLUMN_NAME.test(name)) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'not a column name as the clean data has it: use snake_case, e.g. web_sessions for a header "Web Sessions"' });
    } else if (PROFILE_COLUMN_NAMES.includes(name)) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'a built-in profile column; only extra columns are declared' });
    }
  }
}

/**
 * `profile`: the extra columns of the customers and prospects extracts that segment rules and
 * audiences may use (every extra column is kept at ingest as text; declaring one gives it a type),
 * and what to assume about marketing consent when an extract does not say.
 */
export const ProfileSectionSchema = z
  .object({
    columns: z
      .record(z.string(), z.object({ type: z.enum(DECLARED_COLUMN_TYPES), description: z.string().optional() }).strict())
      .superRefine(checkColumnNames)
      .default({}),
    consent: z
      .object({
        /** For people whose extract has no `marketing_consent` value: `denied` keeps them out of every audience. */
        default: z.enum(['granted', 'denied']).default('denied'),
      })
      .strict()
      .default({ default: 'denied' }),
  })
  .strict();

export type ProfileSection = z.infer<typeof ProfileSectionSchema>;

/** The declared columns as a list, in the file's order. */
export const declaredProfileColumns = (section: ProfileSection) =>
  Object.entries(section.columns).map(([name, { type }]) => ({ name, type }));
