import type { AudienceDestination } from './audience-destination.js';
import { UnknownDestinationError } from './errors.js';
import { googleDestination } from './google.js';
import { metaDestination } from './meta.js';

/** Every ad platform an audience can be written for. Adding one is a file beside these and one line here. */
export const AUDIENCE_DESTINATIONS: readonly AudienceDestination[] = [metaDestination, googleDestination];

export function destinationById(
  id: string,
  destinations: readonly AudienceDestination[] = AUDIENCE_DESTINATIONS,
): AudienceDestination {
  const destination = destinations.find((d) => d.id === id);
  if (destination === undefined) {
    throw new UnknownDestinationError(
      `Unknown audience destination '${id}'; the registered destinations are ${destinations.map((d) => `'${d.id}'`).join(', ')}.`,
    );
  }
  return destination;
}
