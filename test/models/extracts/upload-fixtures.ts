import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { DuckDbSession } from '../../../models/duckdb/duckdb-session.js';
import { ORDERS_SCHEMA, detectFormat, validateExtract, type ExtractSchema } from '../../../models/extracts/index.js';

export type UploadEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le-bom' | 'utf-16le' | 'utf-16be-bom' | 'windows-1252';

export const UPLOAD_ENCODINGS: readonly UploadEncoding[] = ['utf-8', 'utf-8-bom', 'utf-16le-bom', 'utf-16le', 'utf-16be-bom', 'windows-1252'];

// windows-1252 bytes 0x80-0x9F that are printable (the rest of the table is latin-1).
const CP1252_EXTRAS: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, 'œ': 0x9c, 'Ÿ': 0x9f };

export function encodeText(text: string, encoding: UploadEncoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.from(text, 'utf16le');
    case 'utf-16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be-bom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'windows-1252':
      return Buffer.from([...text].map((c) => windows1252Byte(c)));
  }
}

function windows1252Byte(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  const extra = CP1252_EXTRAS[char];
  if (extra !== undefined) return extra;
  if (code > 0xff || (code >= 0x80 && code < 0xa0)) throw new Error(`${char} has no windows-1252 byte`);
  return code;
}

/** Compresses `text` as several gzip members, as `cat a.gz b.gz` or some exporters write it. */
export const multiMemberGzip = (bytes: Buffer, parts: number): Buffer => {
  const size = Math.ceil(bytes.length / parts);
  const members = Array.from({ length: parts }, (_, i) => gzipSync(bytes.subarray(i * size, (i + 1) * size)));
  return Buffer.concat(members);
};

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

export interface UploadResult {
  report: Awaited<ReturnType<typeof validateExtract>>;
  clean: Record<string, unknown>[];
  quarantine: { row_number: string; reason: string; raw_line: string | null }[];
  inputPath: string;
}

/** Validates `content` uploaded as `fileName`, as the pipeline does (the file keeps its name). */
export async function validateUpload(
  db: DuckDbSession,
  dir: string,
  content: Buffer | string,
  options: { fileName?: string; schema?: ExtractSchema; mapping?: Record<string, string> } = {},
): Promise<UploadResult> {
  const fileName = options.fileName ?? 'orders.csv';
  const inputPath = path.join(dir, fileName);
  fs.writeFileSync(inputPath, content);
  const format = detectFormat(fileName, fs.readFileSync(inputPath).subarray(0, 4096));
  const cleanPath = path.join(dir, 'clean.parquet');
  const quarantinePath = path.join(dir, 'quarantine.csv');
  fs.rmSync(quarantinePath, { force: true });
  const report = await validateExtract(db, {
    inputPath,
    format,
    schema: options.schema ?? ORDERS_SCHEMA,
    cleanPath,
    quarantinePath,
    fileName,
    ...(options.mapping ? { mapping: options.mapping } : {}),
  });
  const clean = await db.rows<Record<string, unknown>>(`SELECT * FROM read_parquet('${cleanPath}')`);
  const quarantine = fs.existsSync(quarantinePath)
    ? await db.rows<UploadResult['quarantine'][number]>(`SELECT * FROM read_csv('${quarantinePath}', all_varchar = true, max_line_size = 10000000)`)
    : [];
  return { report, clean, quarantine, inputPath };
}

/** `n` valid order rows c1..cn dated in January 2024, amount i.50. */
export const orderRows = (n: number, from = 1): string[] =>
  Array.from({ length: n }, (_, k) => `c${from + k},2024-01-${String(((from + k) % 28) + 1).padStart(2, '0')},${from + k}.50`);
