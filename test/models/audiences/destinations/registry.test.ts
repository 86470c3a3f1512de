import { describe, expect, it } from 'vitest';
import type { DestinationId } from '../../../../models/audiences/audience-version.js';
import { AUDIENCE_DESTINATIONS, destinationById, UnknownDestinationError } from '../../../../models/audiences/destinations/index.js';

describe('the destination registry', () => {
  it('registers Meta and Google once each, with a name and the documentation they follow', () => {
    const ids: DestinationId[] = AUDIENCE_DESTINATIONS.map((d) => d.id);

    expect(ids).toEqual(['meta', 'google']);
    expect(AUDIENCE_DESTINATIONS.every((d) => d.name.length > 0 && d.documentation.startsWith('https://'))).toBe(true);
  });

  it('finds a destination by its id', () => {
    expect(destinationById('google').id).toBe('google');
    expect(destinationById('meta').name).toBe('Meta custom audience (customer list)');
  });

  it('names the registered destinations when the id is unknown', () => {
    expect(() => destinationById('tiktok')).toThrow(UnknownDestinationError);
    expect(() => destinationById('tiktok')).toThrow("Unknown audience destination 'tiktok'; the registered destinations are 'meta', 'google'.");
  });

  it('declares hashed columns that are all in its header', () => {
    for (const destination of AUDIENCE_DESTINATIONS) {
      const header = destination.header({ valueBased: true });
      expect(destination.hashedColumns?.filter((column) => !header.includes(column)), destination.id).toEqual([]);
      expect(destination.hashedColumns?.length, destination.id).toBeGreaterThan(0);
    }
  });
});
