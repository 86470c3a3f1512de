export type { AudienceDestination, AudiencePerson, DestinationOptions } from './audience-destination.js';
export { toDestinationCsv, type DestinationCsv } from './destination-csv.js';
export { AudienceDestinationError, DestinationFormatError, UnknownDestinationError } from './errors.js';
export { googleDestination, googleEmail } from './google.js';
export { metaDestination } from './meta.js';
export { AUDIENCE_DESTINATIONS, destinationById } from './registry.js';
