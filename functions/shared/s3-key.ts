export class S3KeyDecodeError extends Error {
  override name = 'S3KeyDecodeError';
}

/**
 * S3 event notifications carry object keys form-URL-encoded (`red flower.jpg` arrives as
 * `red+flower.jpg`); S3 API calls need the raw key back. A literal `+` arrives as `%2B`.
 */
export function decodeS3Key(encodedKey: string): string {
  try {
    return decodeURIComponent(encodedKey.replaceAll('+', ' '));
  } catch (error) {
    throw new S3KeyDecodeError(`Object key in the S3 event is not valid URL encoding: ${encodedKey}`, { cause: error });
  }
}
