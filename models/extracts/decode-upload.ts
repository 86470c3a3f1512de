import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { CsvNormaliser, type LineEndings, type OversizedRecords } from './csv-normaliser.js';
import { ExtractRejectedError } from './extract-rejected-error.js';
import { isGzipFile, readUploadContent } from './read-upload-content.js';
import { sniffTextEncoding, type TextEncoding } from './sniff-text-encoding.js';

export interface DecodingReport {
  compression: 'none' | 'gzip';
  /** `binary` for Parquet. */
  encoding: TextEncoding | 'binary';
  /** The field delimiter DuckDB read the file with; null for Parquet or when it cannot be told. */
  delimiter: string | null;
  /** The file began with Excel's `sep=` line, which set the delimiter and is not a record. */
  excelSepLine: boolean;
  /**
   * SHA-256 of the content: the decompressed bytes before any transcoding (for Parquet, the
   * file), so the same content uploaded under another name or gzipped has the same value.
   */
  contentSha256: string;
  /** Size of those bytes. */
  decodedBytes: number;
  /** CSV only: how many records ended in LF, CRLF and CR (a mix is read as it is). */
  lineEndings?: LineEndings;
}

export interface DecodedCsv {
  /** UTF-8 CSV in the work dir with LF line ends and no sep line. */
  path: string;
  decoding: DecodingReport;
  /** The header line as decoded. */
  header: string;
  oversized: OversizedRecords;
}

const SNIFF_BYTES = 4096;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Signals that the content is not UTF-8 after all: decoding starts again as windows-1252. */
class NotUtf8Error extends Error {}

/**
 * Decodes a CSV upload (gzipped or not, UTF-8, UTF-16 or windows-1252) into UTF-8 CSV at
 * `workDir/decoded.csv`, streamed, and fingerprints its content. Text that stops being UTF-8
 * anywhere is decoded again from the start as windows-1252, of which latin-1 is a subset.
 */
export async function decodeUpload(input: { inputPath: string; fileName: string; workDir: string }): Promise<DecodedCsv> {
  const gzip = await isGzipFile(input.inputPath);
  try {
    return await decodeOnce({ ...input, gzip, output: path.join(input.workDir, 'decoded.csv'), fallback: false });
  } catch (error) {
    if (!(error instanceof NotUtf8Error)) throw error;
    // Another file: a write of the abandoned pass may still land in the first one.
    return decodeOnce({ ...input, gzip, output: path.join(input.workDir, 'decoded-windows-1252.csv'), fallback: true });
  }
}

/** SHA-256 and size of a file as it is (the fingerprint of a Parquet upload). */
export async function fingerprintFile(filePath: string): Promise<Pick<DecodingReport, 'contentSha256' | 'decodedBytes'>> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return { contentSha256: hash.digest('hex'), decodedBytes: (await stat(filePath)).size };
}

interface Pass {
  inputPath: string;
  fileName: string;
  gzip: boolean;
  output: string;
  fallback: boolean;
}

async function decodeOnce(pass: Pass): Promise<DecodedCsv> {
  const hash = createHash('sha256');
  const normaliser = new CsvNormaliser(pass.fileName);
  const out = createWriteStream(pass.output);
  // A write that fails (disk full, or one still queued when a bad gzip stops the pass and the
  // stream is destroyed) would otherwise be an uncaught 'error' event; `finished` reports it.
  let writeFailure: Error | null = null;
  out.on('error', (error) => {
    writeFailure ??= error;
  });
  let bytes = 0;
  let head: Buffer[] = [];
  let converter: Utf8Converter | null = null;
  try {
    for await (const chunk of readUploadContent(pass.inputPath, pass.fileName, pass.gzip)) {
      hash.update(chunk);
      bytes += chunk.length;
      if (converter) {
        await write(out, normaliser.pushParts(converter.convert(chunk)));
        continue;
      }
      head.push(chunk);
      if (bytes < SNIFF_BYTES) continue;
      converter = utf8Converter(Buffer.concat(head), pass);
      await write(out, normaliser.pushParts(converter.convert(Buffer.concat(head))));
      head = [];
    }
    if (bytes === 0) throw new ExtractRejectedError('empty-file', `${pass.fileName} has no content once decompressed.`);
    converter ??= utf8Converter(Buffer.concat(head), pass);
    if (head.length > 0) await write(out, normaliser.pushParts(converter.convert(Buffer.concat(head))));
    await write(out, normaliser.pushParts(converter.end()));
    await write(out, [normaliser.end()]);
    out.end();
    await finished(out);
    if (writeFailure) throw writeFailure;
  } catch (error) {
    out.destroy();
    throw error;
  }
  return {
    path: pass.output,
    header: normaliser.header ?? '',
    oversized: normaliser.oversized,
    decoding: {
      compression: pass.gzip ? 'gzip' : 'none',
      encoding: converter.encoding,
      delimiter: normaliser.sepDelimiter ?? normaliser.delimiter,
      excelSepLine: normaliser.sepDelimiter !== null,
      contentSha256: hash.digest('hex'),
      decodedBytes: bytes,
      lineEndings: normaliser.lineEndings,
    },
  };
}

interface Utf8Converter {
  encoding: TextEncoding;
  convert(chunk: Buffer): Buffer;
  /** What is left once the content has ended. */
  end(): Buffer;
}

/** Picks the encoding from the first bytes of the content (a BOM is stripped by the normaliser or the decoder). */
function utf8Converter(head: Buffer, pass: Pass): Utf8Converter {
  const sniffed = sniffTextEncoding(head);
  if (!sniffed) {
    throw new ExtractRejectedError('unknown-format', `${pass.fileName} decompresses to binary content, not CSV.`);
  }
  if (pass.fallback) return transcoder('windows-1252', UTF8_BOM.every((b, i) => head[i] === b) ? UTF8_BOM.length : 0);
  return sniffed === 'utf-8' ? utf8Validator() : transcoder(sniffed, 0);
}

/** UTF-8 passes through as bytes once checked; a character cut by the chunk boundary waits for the next chunk. */
function utf8Validator(): Utf8Converter {
  let carry: Buffer = Buffer.alloc(0);
  return {
    encoding: 'utf-8',
    convert(chunk) {
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const complete = completeUtf8Length(bytes);
      carry = Buffer.from(bytes.subarray(complete));
      const checked = bytes.subarray(0, complete);
      if (!isUtf8(checked)) throw new NotUtf8Error();
      return checked;
    },
    end() {
      if (carry.length > 0) throw new NotUtf8Error();
      return Buffer.alloc(0);
    },
  };
}

function transcoder(encoding: TextEncoding, skip: number): Utf8Converter {
  const decoder = new TextDecoder(encoding);
  let toSkip = skip;
  return {
    encoding,
    convert(chunk) {
      const bytes = chunk.subarray(toSkip);
      toSkip = 0;
      return Buffer.from(decoder.decode(bytes, { stream: true }), 'utf8');
    },
    end: () => Buffer.from(decoder.decode(), 'utf8'),
  };
}

/** Length of `bytes` without a multi-byte character its end cuts short (the rest is judged with the next chunk). */
function completeUtf8Length(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

async function write(out: WriteStream, parts: readonly Buffer[]): Promise<void> {
  let full = false;
  for (const part of parts) if (part.length > 0) full = !out.write(part) || full;
  if (full) await once(out, 'drain');
}
