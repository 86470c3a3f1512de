import type { DeclaredProfileColumn, ProfileColumnType } from '../settings/index.js';
import { rowBooleanField, rowDateField, rowNumberField, rowStringField, type ProfileColumnRef, type SegmentField } from './segment-fields.js';


/** A category is compared as text, the other types as themselves. */
export function profileField(ref: ProfileColumnRef, description: string): SegmentField {
  const make = ref.type === 'number' ? rowNumberField : ref.type === 'date' ? rowDateField : ref.type === 'boolean' ? rowBooleanField : rowStringField;
  return { ...make(ref.column, description), profile: ref };
}

const builtIn = (column: string, type: ProfileColumnType, description: string): SegmentField => profileField({ column, type, declared: false }, description);

/**
 * The profile columns every customers extract may carry that rules may read (contact details and
 * names are left out: segments are about behaviour and place, not identity). Customers with no
 * row in the customers extract have them missing.
 */
export const BUILT_IN_PROFILE_FIELDS: readonly SegmentField[] = [
  builtIn('country', 'category', 'the country of the customers extract, as ingested'),
  builtIn('acquisition_channel', 'category', 'the acquisition channel of the customers extract'),
  builtIn('signup_date', 'date', 'the signup day of the customers extract'),
  builtIn('marketing_consent', 'boolean', 'whether the person agreed to marketing (profile.consent.default where the extract does not say)'),
];

/** The field a declared extra column gives rules. */
export const declaredProfileField = (column: DeclaredProfileColumn): SegmentField =>
  profileField({ column: column.name, type: column.type, declared: true }, column.description ?? `the ${column.name} column of the customers extract (profile.columns, ${column.type})`);
