import type { ForgetWork } from './forget-work.js';
import type { PersonRef } from './person-ref.js';
import type { PlaceTally } from './verification-report.js';

const ID_KEYS: Record<PersonRef['kind'], readonly string[]> = {
  customer: ['customerId', 'customer_id'],
  prospect: ['prospectId', 'prospect_id'],
};

/**
 * The value without the people: an object naming one of them by an id key is dropped from the
 * array holding it, and a bare id string is dropped from an array of ids (customer lists in
 * reports). Returns the removals by person hash.
 */
function strip(value: unknown, people: readonly PersonRef[], removed: Map<string, number>): unknown {
  if (Array.isArray(value)) {
    return value
      .filter((element) => {
        const person = personNamedBy(element, people);
        if (person) removed.set(person.hash, (removed.get(person.hash) ?? 0) + 1);
        return !person;
      })
      .map((element) => strip(element, people, removed));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, strip(child, people, removed)]));
  }
  return value;
}

function personNamedBy(element: unknown, people: readonly PersonRef[]): PersonRef | undefined {
  if (typeof element === 'string') return people.find((p) => p.kind === 'customer' && p.id === element);
  if (element === null || typeof element !== 'object') return undefined;
  const record = element as Record<string, unknown>;
  return people.find((p) => ID_KEYS[p.kind].some((key) => record[key] === p.id));
}

/** Every JSON object under `prefix` (but `skip`), rewritten without the people wherever an id key or id list names them. */
export async function removeFromJsonObjects(work: ForgetWork, prefix: string, tally: PlaceTally, found: Set<string>, skip: (key: string) => boolean = () => false): Promise<void> {
  for (const { key } of await work.store.list(prefix)) {
    if (!key.endsWith('.json') || skip(key)) continue;
    tally.checked();
    const bytes = await work.store.get(key);
    if (!bytes) continue;
    const text = new TextDecoder().decode(bytes);
    // Most reports never mention the id at all: only those that do are parsed.
    if (!work.people.some((p) => text.includes(JSON.stringify(p.id)))) continue;
    const removed = new Map<string, number>();
    const stripped = strip(JSON.parse(text), work.people, removed);
    if (removed.size === 0) continue;
    await work.store.put(key, JSON.stringify(stripped, null, 2), 'application/json');
    tally.rewrote(key);
    for (const [hash, count] of removed) {
      tally.removed(hash, count);
      found.add(hash);
    }
  }
}
