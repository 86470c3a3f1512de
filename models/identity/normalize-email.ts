const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;
const LOCAL_PART = /^[^\s@"(),:;<>[\\\]]+$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TOP_LEVEL_DOMAIN = /^(?:\p{L}{2,}|xn--[a-z0-9-]+)$/u;

/**
 * Normalises an email address the way Meta and Google Customer Match ask before hashing: trim
 * surrounding whitespace, Unicode NFC (so the same address typed with composed or decomposed
 * accents hashes the same) and lower-case. No provider-specific rewriting: Meta hashes the
 * address as typed; Google's extra rule for Gmail addresses lives in its destination.
 * Returns null when the value is empty or not a plausible `local@domain.tld` address.
 */
export function normalizeEmail(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const email = raw.trim().normalize('NFC').toLowerCase();
  if (email.length === 0 || email.length > MAX_EMAIL_LENGTH) return null;
  const at = email.indexOf('@');
  if (at <= 0 || at !== email.lastIndexOf('@')) return null;
  const localPart = email.slice(0, at);
  const domain = email.slice(at + 1);
  return isValidLocalPart(localPart) && isValidDomain(domain) ? email : null;
}

function isValidLocalPart(localPart: string): boolean {
  return (
    localPart.length <= MAX_LOCAL_PART_LENGTH &&
    LOCAL_PART.test(localPart) &&
    !localPart.startsWith('.') &&
    !localPart.endsWith('.') &&
    !localPart.includes('..')
  );
}

function isValidDomain(domain: string): boolean {
  const labels = domain.split('.');
  const topLevel = labels[labels.length - 1];
  return (
    labels.length >= 2 &&
    topLevel !== undefined &&
    TOP_LEVEL_DOMAIN.test(topLevel) &&
    labels.every((label) => DOMAIN_LABEL.test(label))
  );
}
