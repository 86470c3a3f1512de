/**
 * Encodes an object key the way S3 writes it into event notifications: form URL encoding
 * (space as `+`, everything but `A-Z a-z 0-9 - _ . *` percent-encoded as UTF-8) except that
 * `/` stays literal. encodeURIComponent leaves `! ' ( ) ~` alone, so those are encoded here.
 */
export function encodeS3EventKey(key: string): string {
  return encodeURIComponent(key)
    .replaceAll('%20', '+')
    .replaceAll('%2F', '/')
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
