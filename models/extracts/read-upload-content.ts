import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ExtractRejectedError } from './extract-rejected-error.js';

const CHUNK_BYTES = 1 << 20;

export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * The content of an upload, decompressed if it is gzip (every member of a multi-member file),
 * as a stream of chunks. The file is only read. A gzip stream that ends early or fails its
 * checks is rejected: DuckDB's own reader returned the rows before the damage as if they were
 * the whole file.
 */
export async function* readUploadContent(path: string, fileName: string, gzip: boolean): AsyncGenerator<Buffer> {
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  if (!gzip) {
    yield* file;
    return;
  }
  // pipeline destroys every stage on a failure, so an unreadable file ends the iteration too.
  const content = pipeline(file, createGunzip({ chunkSize: CHUNK_BYTES }), () => {});
  let decompressed = 0;
  try {
    for await (const chunk of content as AsyncIterable<Buffer>) {
      decompressed += chunk.length;
      yield chunk;
    }
  } catch (error) {
    throw isZlibError(error) ? corruptGzip(fileName, decompressed, error) : error;
  }
}

const isZlibError = (error: unknown): error is Error & { code: string } => {
  const code: unknown = error instanceof Error ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' && code.startsWith('Z_');
};

function corruptGzip(fileName: string, decompressedBytes: number, error: Error & { code: string }): ExtractRejectedError {
  const what = error.code === 'Z_BUF_ERROR' ? 'unexpected end of data' : error.message;
  return new ExtractRejectedError(
    'corrupt-file',
    `${fileName} is a truncated or corrupt gzip file (${what} after ${decompressedBytes} decompressed bytes); ` +
      're-export and upload it again.',
    { decompressedBytes, zlibCode: error.code },
    { cause: error },
  );
}
