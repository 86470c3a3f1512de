import { SegmentationError } from '../errors.js';
import { BUILT_IN_PROFILE_FIELDS } from './profile-fields.js';
import { BUILT_IN_FIELDS, type SegmentField } from './segment-fields.js';

const registered = new Map<string, SegmentField>([...BUILT_IN_FIELDS, ...BUILT_IN_PROFILE_FIELDS].map((field) => [field.name, field]));

/**
 * Adds a field every later compilation knows (for example a column a deployment's score rows
 * carry). A name already registered is refused.
 */
export function registerSegmentField(field: SegmentField): void {
  if (registered.has(field.name)) throw new SegmentationError(`A segment field named ${field.name} is already registered`);
  registered.set(field.name, field);
}

/** Every field registered: the score row's, the built-in profile columns, then registered ones. */
export const registeredSegmentFields = (): ReadonlyMap<string, SegmentField> => registered;
