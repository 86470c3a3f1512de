import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { removeFromAudiences } from '../../../functions/forget/audience-files.js';
import type { ForgetWork } from '../../../functions/forget/forget-work.js';
import { identifierHashes } from '../../../functions/forget/identifier-hashes.js';
import { personRefs } from '../../../functions/forget/index.js';
import { AUDIENCE_DESTINATIONS, toDestinationCsv, type AudiencePerson } from '../../../models/audiences/destinations/index.js';
import { AUDIENCE_MANIFEST_FORMAT, type AudienceManifest } from '../../../models/audiences/audience-version.js';

/** The bucket as the audience pass uses it (get, put, list), remembering the order of writes. */
class MemoryObjects {
  readonly objects = new Map<string, Uint8Array>();
  readonly puts: string[] = [];
  async get(key: string) {
    return this.objects.get(key) ?? null;
  }
  async put(key: string, body: Uint8Array | string) {
    this.objects.set(key, typeof body === 'string' ? new TextEncoder().encode(body) : body);
    this.puts.push(key);
  }
  async list(prefix: string) {
    return [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort().map((key) => ({ key, size: this.objects.get(key)!.length }));
  }
  text(key: string) {
    return new TextDecoder().decode(this.objects.get(key)!);
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const people: AudiencePerson[] = [
  { id: 'P1', email: 'Ann.Lee@Example.com', phone: '07700 900001', country: 'GB', firstName: 'Ann', lastName: 'Lee', zip: 'SW1A 1AA' },
  { id: 'P2', email: 'bob@example.org', phone: null, country: 'US', firstName: 'Bob', lastName: 'Lee' },
  { id: 'P3', email: null, phone: '+1 650 555 1212', country: 'US', firstName: 'Ann', lastName: 'Lee' },
];

function storeVersion(store: MemoryObjects, prefix: string): AudienceManifest {
  const destinations = AUDIENCE_DESTINATIONS.map((destination) => {
    const file = toDestinationCsv(destination, people, { valueBased: false });
    store.objects.set(`${prefix}${destination.id}.csv`, new TextEncoder().encode(file.csv));
    return { destination: destination.id, file: `${destination.id}.csv`, header: destination.header({ valueBased: false }), rows: file.rows, droppedWithoutIdentifiers: 0, sha256: sha256(file.csv) };
  });
  const manifest = { format: AUDIENCE_MANIFEST_FORMAT, audienceId: 'a', versionId: 'r1', members: 3, destinations } as unknown as AudienceManifest;
  store.objects.set(`${prefix}manifest.json`, new TextEncoder().encode(JSON.stringify(manifest)));
  return manifest;
}

describe('removing people from stored audience versions', () => {
  it('drops their rows from each destination file, keeps every other row as it was, and rewrites the manifest last', async () => {
    const store = new MemoryObjects();
    const prefix = 'audiences/a/versions/r1/';
    const before = storeVersion(store, prefix);
    const beforeMeta = store.text(`${prefix}meta.csv`).split('\n');
    const [forgotten] = personRefs([{ kind: 'prospect', id: 'P3' }]);
    const ownerOf = new Map([...identifierHashes([people[2]!], AUDIENCE_DESTINATIONS)].map((hash) => [hash, forgotten!.hash]));
    const found = new Set<string>();

    const check = await removeFromAudiences({ store, people: [forgotten!] } as unknown as ForgetWork, ownerOf, found);

    expect(check.removedByPerson).toEqual({ [forgotten!.hash]: 2 });
    expect(found).toEqual(new Set([forgotten!.hash]));
    expect(store.puts).toEqual([`${prefix}google.csv`, `${prefix}meta.csv`, `${prefix}manifest.json`]);
    const meta = store.text(`${prefix}meta.csv`).split('\n');
    expect(meta).toEqual(beforeMeta.filter((_, i) => i !== 3));
    // P1 and P3 share a first and last name (hashed alike): only the phone, which is P3's own, decides.
    expect(store.text(`${prefix}google.csv`)).toContain(sha256('ann'));
    const manifest = JSON.parse(store.text(`${prefix}manifest.json`)) as AudienceManifest;
    expect(manifest.members).toBe(2);
    for (const destination of manifest.destinations) {
      expect(destination.rows).toBe(before.destinations.find((d) => d.file === destination.file)!.rows - 1);
      expect(destination.sha256).toBe(sha256(store.text(`${prefix}${destination.file}`)));
    }
  });

  it('matches the email however it was typed (case, NFC) and the phone in both platforms\' forms', () => {
    const hashes = identifierHashes([{ id: 'x', email: ' Jose\u0301@Example.COM ', phone: '0044 20 7946 0958', country: null }], AUDIENCE_DESTINATIONS);
    expect(hashes).toContain(sha256('jos\u00e9@example.com'));
    expect(hashes).toContain(sha256('442079460958'));
    expect(hashes).toContain(sha256('+442079460958'));
  });

  it('changes nothing when no profile of the person is known', async () => {
    const store = new MemoryObjects();
    storeVersion(store, 'audiences/a/versions/r1/');
    const check = await removeFromAudiences({ store, people: personRefs([{ kind: 'customer', id: 'C1' }]) } as unknown as ForgetWork, new Map(), new Set());
    expect(check.removed).toBe(0);
    expect(store.puts).toEqual([]);
    expect(check.notes[0]).toMatch(/no email or phone of these people was known/);
  });
});
