import { open } from 'node:fs/promises';
import { ExtractRejectedError } from './extract-rejected-error.js';
import { sniffTextEncoding } from './sniff-text-encoding.js';

export type ExtractFormat = 'csv' | 'csv.gz' | 'parquet';

const startsWith = (head: Uint8Array, bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);

/**
 * Decides the format from the first bytes, not only the name: uploads are often misnamed
 * (`.csv` that is gzipped, `.txt` that is CSV), and an Excel file renamed `.csv` must be
 * rejected with a useful message rather than parsed as garbage. UTF-16 and text with a stray
 * NUL byte are text; the encoding itself is settled when the file is decoded.
 */
export function detectFormat(fileName: string, head: Uint8Array): ExtractFormat {
  if (head.length === 0) {
    throw new ExtractRejectedError('empty-file', `${fileName} is empty (0 bytes).`);
  }
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) return 'parquet';
  if (startsWith(head, [0x1f, 0x8b])) return 'csv.gz';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    throw new ExtractRejectedError(
      'unknown-format',
      `${fileName} is a ZIP archive (an Excel workbook?). Export it as CSV, gzipped CSV or Parquet.`,
    );
  }
  if (sniffTextEncoding(head)) return 'csv';
  throw new ExtractRejectedError(
    'unknown-format',
    `${fileName} is not CSV, gzipped CSV or Parquet (binary content of unknown type).`,
  );
}

export const fileExtension = (format: ExtractFormat): string => `.${format}`;

const HEAD_BYTES = 4096;

/** detectFormat on the first bytes of a file; `fileName` is the name the user knows it by. */
export async function detectFileFormat(filePath: string, fileName: string): Promise<ExtractFormat> {
  const handle = await open(filePath, 'r');
  try {
    const head = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
    return detectFormat(fileName, head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
