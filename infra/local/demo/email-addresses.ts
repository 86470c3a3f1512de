import { weightedPick } from './distributions.js';
import type { RandomSource } from './random-source.js';

const FIRST_NAMES = [
  'olivia', 'amelia', 'isla', 'ava', 'mia', 'emily', 'sophie', 'grace', 'chloe', 'lucy', 'emma', 'hannah', 'lea',
  'lena', 'marie', 'camille', 'ines', 'julia', 'sara', 'lucia', 'noor', 'fenna', 'charlotte', 'zoe', 'ruby',
  'oliver', 'george', 'harry', 'jack', 'noah', 'leo', 'arthur', 'james', 'liam', 'ethan', 'lucas', 'mason',
  'finn', 'jonas', 'lukas', 'paul', 'louis', 'gabriel', 'hugo', 'mateo', 'pablo', 'daan', 'sem', 'william', 'thomas',
] as const;

const LAST_NAMES = [
  'smith', 'jones', 'taylor', 'brown', 'williams', 'wilson', 'johnson', 'davies', 'patel', 'wright', 'walker',
  'garcia', 'miller', 'davis', 'martinez', 'anderson', 'thompson', 'muller', 'schmidt', 'schneider', 'fischer',
  'weber', 'wagner', 'martin', 'bernard', 'dubois', 'durand', 'lefebvre', 'moreau', 'dejong', 'jansen', 'devries',
  'vandijk', 'bakker', 'fernandez', 'lopez', 'sanchez', 'perez', 'gomez', 'nguyen', 'kelly', 'ryan', 'oconnor',
  'campbell', 'stewart', 'murray', 'clarke', 'hughes', 'edwards', 'baker',
] as const;

/** Only reserved example domains (RFC 2606: example.com/.org/.net and the .example TLD), never real ones. */
const EMAIL_DOMAINS = {
  'example.com': 0.34,
  'example.org': 0.2,
  'example.net': 0.2,
  'mail.example.com': 0.08,
  'acme-corp.example': 0.06,
  'globex.example': 0.05,
  'initech.example': 0.04,
  'umbrella-group.example': 0.03,
} as const;

/** `firstname.lastname<n>@domain`; `n` is unique per person, so addresses never collide. */
export function emailAddress(random: RandomSource, uniqueNumber: number): string {
  const first = FIRST_NAMES[random.integer(0, FIRST_NAMES.length - 1)];
  const last = LAST_NAMES[random.integer(0, LAST_NAMES.length - 1)];
  return `${first}.${last}${uniqueNumber}@${weightedPick(random, EMAIL_DOMAINS)}`;
}
