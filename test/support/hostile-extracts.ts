/**
 * Hostile extracts whose outcome is known row by row: the ground truth for "bad input loses
 * nothing". Every file is built from seeded random rows; each data record is either VALID (its
 * canonical values are listed) or BAD (its fault is listed), and file-level faults (encodings,
 * BOMs, line endings, gzip, names) are applied on top without changing which rows are valid.
 *
 * The rules the expectations follow (the ingest's target behaviour):
 * - valid orders row: customer id non-empty after trim, at most 256 characters, no control
 *   characters (U+0000-U+001F, U+007F-U+009F); a date that parses in the file's one format and lies
 *   in [1900-01-01, today + 2 days]; an amount (or quantity x unit price) that parses and is finite
 *   with |amount| <= 1e9. Zero and negative amounts (free orders, returns, `C536379` cancellation
 *   invoices) are valid. Exact duplicate records are bad ("duplicate of row N", first kept).
 * - bad row: breaks one of those, or is a CSV record with the wrong number of fields, or a record
 *   with a field over 2 MB.
 * - `row_number` is the 1-based position of the data record (header and an Excel `sep=` line
 *   excluded; a quoted field spanning lines is still one record).
 * - canonical values: customer id trimmed and NFC-normalised (an integer id exported as a float,
 *   `17850.0`, is `17850`), order date as its calendar day, amount as a number.
 *
 * `hostileCorpus()` is the fixed corpus the harness (test/bench/hostile-ingest.ts) measures; the
 * fast-check arbitraries at the end build single extracts for property tests.
 */
import { crc32, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { seededRandom } from './seeded-random.js';

// ---------------------------------------------------------------------------------------------
// Vocabulary

export type HostileKind = 'orders' | 'customers';

/** What makes one record bad. */
export const BAD_ROW_FAULTS = [
  'missing-id',
  'id-too-long',
  'control-char-id',
  'unparseable-date',
  'implausible-date',
  'missing-date',
  'unparseable-amount',
  'missing-amount',
  'huge-amount',
  'non-finite-amount',
  'unparseable-quantity',
  'unparseable-unit-price',
  'line-item-overflow',
  'wrong-field-count',
  'over-long-record',
  'duplicate-record',
  'duplicate-profile-id',
] as const;
export type BadRowFault = (typeof BAD_ROW_FAULTS)[number];

/** Hostile but valid things about one record (each must survive into the clean output). */
export const VALID_ROW_TRAITS = [
  'zero-amount',
  'negative-amount',
  'cancellation',
  'accounting-negative',
  'thousands-separator',
  'currency-symbol',
  'decimal-comma',
  'scientific-amount',
  'amount-at-limit',
  'date-1900',
  'formula-id',
  'padded-id',
  'nfd-id',
  'unicode-id',
  'comma-quote-id',
  'float-id',
  'id-256-chars',
] as const;
export type ValidRowTrait = (typeof VALID_ROW_TRAITS)[number];

export const ORDER_LAYOUTS = ['basic', 'order-id', 'aliases', 'line-items', 'uci'] as const;
export type OrderLayout = (typeof ORDER_LAYOUTS)[number];

export const DATE_STYLES = ['iso-date', 'iso-datetime', 'iso-t', 'dmy-hm', 'mdy-hm', 'dmy', 'mdy', 'dmy-dot'] as const;
export type DateStyle = (typeof DATE_STYLES)[number];

export const TEXT_ENCODINGS = ['utf8', 'utf8-bom', 'utf16le', 'utf16be', 'cp1252', 'utf8+cp1252-cells'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

export const LINE_ENDINGS = ['lf', 'crlf', 'lf-header-crlf-rows'] as const;
export type LineEnding = (typeof LINE_ENDINGS)[number];

/** How a file that must be refused is recognised in the rejection (code or message). */
export const REJECTION_FAMILIES = ['corrupt-gzip', 'empty-file', 'header-only', 'zip-archive', 'missing-columns'] as const;
export type RejectionFamily = (typeof REJECTION_FAMILIES)[number];

export interface ExpectedValidRow {
  rowNumber: number;
  customerId: string;
  /** YYYY-MM-DD (orders only). */
  orderDate?: string;
  amount?: number;
  orderId?: string;
  traits: ValidRowTrait[];
}

export interface ExpectedBadRow {
  rowNumber: number;
  fault: BadRowFault;
  /** For duplicates: the row number of the first occurrence. */
  duplicateOf?: number;
}

export type ExpectedOutcome =
  | { outcome: 'accepted'; records: number; validRows: ExpectedValidRow[]; badRows: ExpectedBadRow[] }
  | { outcome: 'rejected'; family: RejectionFamily };

export interface HostileExtract {
  /** Short unique label, also the start of the file name. */
  id: string;
  kind: HostileKind;
  /** File name (may contain spaces, `+`, non-ASCII; unique stem per corpus). */
  name: string;
  /** Suggested upload key: incoming/<kind>/<name>. */
  key: string;
  bytes: Uint8Array;
  /** File-level faults, for grouping results. */
  fileFaults: string[];
  description: string;
  expected: ExpectedOutcome;
}

// ---------------------------------------------------------------------------------------------
// Specs

export interface OrdersFileSpec {
  kind: 'orders';
  seed: number;
  /** Used for globally unique order ids and the file name. */
  label: string;
  validRows: number;
  layout: OrderLayout;
  dateStyle: DateStyle;
  encoding: TextEncoding;
  lineEnding: LineEnding;
  /** Excel's `sep=;` first line, `;` delimiter and decimal commas. */
  excelSepLine: boolean;
  /** One NUL byte in an unused column of the first or second record. */
  nulByte: boolean;
  /** Unused column holding text with embedded commas, quotes and newlines. */
  multilineNotes: boolean;
  /** Adds an unused free-text column (implied by some faults). */
  unusedColumn: boolean;
  quoteAll: boolean;
  trailingNewline: boolean;
  gzip: boolean;
  /** File name extension, e.g. `.csv`, `.csv.gz`, `.txt`, `.xlsx`, ``. */
  extension: string;
  /** One bad record per entry. */
  rowFaults: BadRowFault[];
  /** One valid record carrying each entry (where the layout allows it). */
  traits: ValidRowTrait[];
}

export interface ProfilesFileSpec {
  kind: 'customers';
  seed: number;
  label: string;
  validRows: number;
  encoding: TextEncoding;
  lineEnding: LineEnding;
  numericIds: boolean;
  quoteAll: boolean;
  gzip: boolean;
  extension: string;
  rowFaults: BadRowFault[];
  traits: ValidRowTrait[];
}

export type RejectedSpec =
  | { kind: 'rejected'; label: string; seed: number; family: 'corrupt-gzip'; base: OrdersFileSpec; keepFraction: number; extension: string }
  | { kind: 'rejected'; label: string; seed: number; family: 'empty-file'; variant: 'zero-bytes' | 'blank-lines' | 'bom-only'; extension: string }
  | { kind: 'rejected'; label: string; seed: number; family: 'header-only'; variant: 'lf' | 'no-newline' | 'gzip' | 'aliases'; extension: string }
  | { kind: 'rejected'; label: string; seed: number; family: 'zip-archive'; extension: string }
  | { kind: 'rejected'; label: string; seed: number; family: 'missing-columns'; variant: 'no-amount' | 'no-customer' | 'quantity-only' | 'no-date'; extension: string };

export type HostileSpec = OrdersFileSpec | ProfilesFileSpec | RejectedSpec;

// ---------------------------------------------------------------------------------------------
// Random helpers

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

// ---------------------------------------------------------------------------------------------
// Dates

interface DateParts {
  y: number;
  m: number;
  d: number;
  hh: number;
  mi: number;
  ss: number;
}

const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

function randomDate(rng: Rng, minDay = 1): DateParts {
  const y = rng.int(2019, 2024);
  const m = rng.int(1, 12);
  const d = rng.int(minDay, daysInMonth(y, m));
  return { y, m, d, hh: rng.int(6, 22), mi: rng.int(0, 59), ss: rng.int(0, 59) };
}

const isoDay = (p: Pick<DateParts, 'y' | 'm' | 'd'>): string => `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`;

function renderDate(p: DateParts, style: DateStyle): string {
  const hm = `${pad(p.hh)}:${pad(p.mi)}`;
  const y = pad(p.y, 4);
  switch (style) {
    case 'iso-date':
      return isoDay(p);
    case 'iso-datetime':
      return `${isoDay(p)} ${hm}:${pad(p.ss)}`;
    case 'iso-t':
      return `${isoDay(p)}T${hm}:${pad(p.ss)}`;
    case 'dmy-hm':
      return `${pad(p.d)}/${pad(p.m)}/${y} ${hm}`;
    case 'mdy-hm':
      return `${pad(p.m)}/${pad(p.d)}/${y} ${hm}`;
    case 'dmy':
      return `${pad(p.d)}/${pad(p.m)}/${y}`;
    case 'mdy':
      return `${pad(p.m)}/${pad(p.d)}/${y}`;
    case 'dmy-dot':
      return `${pad(p.d)}.${pad(p.m)}.${y}`;
  }
}

/** A date that cannot be a calendar day in the file's format. */
function unparseableDate(rng: Rng, style: DateStyle): string {
  const generic = ['not-a-date', 'yesterday', 'TBD', '31st March', '##########'];
  const time = style.endsWith('-hm') ? ' 10:00' : style === 'iso-datetime' ? ' 10:00:00' : '';
  const impossible: Record<DateStyle, string[]> = {
    'iso-date': ['2023-02-30', '2023-13-01', '2023-00-10'],
    'iso-datetime': ['2023-02-30 10:00:00', '2023-13-01 10:00:00'],
    'iso-t': ['2023-02-30T10:00:00', '2023-04-31T10:00:00'],
    'dmy-hm': [`32/01/2023${time}`, `31/02/2023${time}`],
    'mdy-hm': [`13/32/2023${time}`, `02/30/2023${time}`],
    dmy: ['32/01/2023', '30/02/2023', '00/05/2023'],
    mdy: ['13/32/2023', '02/30/2023', '00/05/2023'],
    'dmy-dot': ['32.01.2023', '30.02.2023'],
  };
  return rng.chance(0.5) ? rng.pick(generic) : rng.pick(impossible[style]);
}

/** A well-formed date outside [1900-01-01, today + 2 days]. */
function implausibleDate(rng: Rng, style: DateStyle): string {
  if (style === 'iso-date' && rng.chance(0.25)) return '20230-01-01';
  const parts = rng.pick<DateParts>([
    { y: 1899, m: 12, d: 31, hh: 23, mi: 59, ss: 0 },
    { y: 1066, m: 10, d: 14, hh: 9, mi: 0, ss: 0 },
    { y: 2999, m: 1, d: 1, hh: 0, mi: 0, ss: 0 },
    { y: 9999, m: 12, d: 31, hh: 12, mi: 0, ss: 0 },
    { y: 1, m: 1, d: 1, hh: 0, mi: 0, ss: 0 },
  ]);
  return renderDate(parts, style);
}

// ---------------------------------------------------------------------------------------------
// Amounts

interface Amount {
  text: string;
  value: number;
}

/** A plain positive amount from whole cents, so the expected double is exactly the decimal's. */
function plainAmount(cents: number, decimalComma: boolean): Amount {
  const text = (cents / 100).toFixed(2);
  return { text: decimalComma ? text.replace('.', ',') : text, value: cents / 100 };
}

function traitAmount(rng: Rng, trait: ValidRowTrait | undefined, decimalComma: boolean): Amount {
  const cents = rng.int(100, 50_000);
  const fixed = (c: number) => (c / 100).toFixed(2);
  if (decimalComma) {
    // Excel in a decimal-comma locale: only the plain forms are written.
    switch (trait) {
      case 'zero-amount':
        return rng.pick([{ text: '0', value: 0 }, { text: '0,00', value: 0 }]);
      case 'negative-amount':
        return { text: `-${fixed(cents).replace('.', ',')}`, value: -cents / 100 };
      case 'amount-at-limit':
        return { text: '1000000000', value: 1e9 };
      default:
        return plainAmount(cents, true);
    }
  }
  switch (trait) {
    case 'zero-amount':
      return rng.pick([{ text: '0', value: 0 }, { text: '0.00', value: 0 }, { text: '$0.00', value: 0 }]);
    case 'negative-amount':
      return { text: `-${fixed(cents)}`, value: -cents / 100 };
    case 'accounting-negative':
      return { text: `(${fixed(cents)})`, value: -cents / 100 };
    case 'thousands-separator': {
      const big = rng.int(100_000, 99_999_999);
      const [whole, frac] = fixed(big).split('.') as [string, string];
      return { text: `${Number(whole).toLocaleString('en-US')}.${frac}`, value: big / 100 };
    }
    case 'currency-symbol':
      return { text: `$${fixed(cents)}`, value: cents / 100 };
    case 'decimal-comma':
      return { text: fixed(cents).replace('.', ','), value: cents / 100 };
    case 'scientific-amount': {
      const text = rng.pick(['1.5e2', '2.5E1', '1.2345E3', '7e0', '3.14159e2']);
      return { text, value: Number(text) };
    }
    case 'amount-at-limit':
      return rng.pick([
        { text: '1000000000', value: 1e9 },
        { text: '-1000000000', value: -1e9 },
        { text: '999999999.99', value: 999_999_999.99 },
        { text: '1e9', value: 1e9 },
      ]);
    default:
      return plainAmount(cents, false);
  }
}

// ---------------------------------------------------------------------------------------------
// Ids

const FORMULA_IDS = ['=HYPERLINK("http://evil.example/x","click")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-2+3', '=1+1', '=cmd|" /C notepad"!A1'];
const UNICODE_BASES = ['客户', 'клиент', 'عميل', 'Ünal', 'Þóra', '😀cust', 'Ελένη'];
const NFD_BASES = ['Zoe\u0308', 'Jose\u0301', 'Ame\u0301lie', 'Bjo\u0308rk', 'Franc\u0327ois'];
const CONTROL_IDS_ASCII = ['C1\u0001', 'C\u00072', '\u001b[31mC3', 'C\u007f4', 'C8\n9', 'C\t10', 'C\u001f11', 'C\r12'];
const CONTROL_IDS_C1 = ['C\u00855', 'C\u009f6', 'C\u00807'];
const LATIN_TEXT = ['Café crème', 'Größe 42 – 10 €', 'naïve façade', 'Œuvre “spéciale”', 'Señor Müller™', 'Ærø ß ñ', 'piñata…', 'Zoë’s order'];
const NOTES = ['gift wrap', 'call before delivery', 'left at door', 'repeat customer', 'fragile', ''];
const MULTILINE_NOTES = [
  'line one\nline two',
  'he said "leave it, please"',
  'a, b, and c',
  '"quoted" at start, then\nmore on line two,\nand three',
  'trailing newline\n',
  'comma,,,and "" quotes',
];
const PRODUCTS = ['WHITE HANGING HEART T-LIGHT HOLDER', 'WHITE METAL LANTERN', 'CREAM CUPID HEARTS COAT HANGER', 'RED WOOLLY HOTTIE WHITE HEART.', 'SET 7 BABUSHKA NESTING BOXES', 'GLASS STAR FROSTED T-LIGHT HOLDER'];

function longId(base: string, length: number): string {
  return `${base}-`.padEnd(length, 'x');
}

// ---------------------------------------------------------------------------------------------
// Records

type Role = 'customer_id' | 'order_date' | 'amount' | 'order_id' | 'quantity' | 'unit_price' | 'stock_code' | 'unused' | 'country' | 'name' | 'email' | 'phone' | 'signup_date' | 'channel';

interface Column {
  header: string;
  role: Role;
}

interface Row {
  cells: Map<Role, string>;
  /** Cells written in windows-1252 inside an otherwise UTF-8 file. */
  cp1252Roles?: Set<Role>;
  /** Fields to drop (negative) or add (positive) to break the field count. */
  fieldCountDelta?: number;
  valid?: Omit<ExpectedValidRow, 'rowNumber'>;
  bad?: { fault: BadRowFault; duplicateOf?: Row };
}

function orderColumns(layout: OrderLayout, unused: boolean): Column[] {
  const extra: Column[] = unused ? [{ header: 'note', role: 'unused' }] : [];
  switch (layout) {
    case 'basic':
      return [{ header: 'customer_id', role: 'customer_id' }, { header: 'order_date', role: 'order_date' }, { header: 'amount', role: 'amount' }, ...extra];
    case 'order-id':
      return [{ header: 'order_id', role: 'order_id' }, { header: 'customer_id', role: 'customer_id' }, { header: 'order_date', role: 'order_date' }, ...extra, { header: 'amount', role: 'amount' }];
    case 'aliases':
      return [{ header: 'InvoiceNo', role: 'order_id' }, { header: 'CustomerID', role: 'customer_id' }, ...extra, { header: 'InvoiceDate', role: 'order_date' }, { header: 'Total', role: 'amount' }];
    case 'line-items':
      return [{ header: 'customer_id', role: 'customer_id' }, { header: 'order_date', role: 'order_date' }, { header: 'quantity', role: 'quantity' }, { header: 'unit_price', role: 'unit_price' }, ...extra];
    case 'uci':
      return [
        { header: 'InvoiceNo', role: 'order_id' },
        { header: 'StockCode', role: 'stock_code' },
        { header: 'Description', role: 'unused' },
        { header: 'Quantity', role: 'quantity' },
        { header: 'InvoiceDate', role: 'order_date' },
        { header: 'UnitPrice', role: 'unit_price' },
        { header: 'CustomerID', role: 'customer_id' },
        { header: 'Country', role: 'country' },
      ];
  }
}

const PROFILE_COLUMNS: Column[] = [
  { header: 'customer_id', role: 'customer_id' },
  { header: 'name', role: 'name' },
  { header: 'email', role: 'email' },
  { header: 'phone', role: 'phone' },
  { header: 'country', role: 'country' },
  { header: 'signup_date', role: 'signup_date' },
  { header: 'acquisition_channel', role: 'channel' },
];

const hasRole = (columns: Column[], role: Role) => columns.some((c) => c.role === role);
const lineItemLayout = (layout: OrderLayout) => layout === 'line-items' || layout === 'uci';

const ID_TRAITS: readonly ValidRowTrait[] = ['formula-id', 'padded-id', 'nfd-id', 'unicode-id', 'comma-quote-id', 'float-id', 'id-256-chars'];
const NON_ASCII_ID_TRAITS: readonly ValidRowTrait[] = ['nfd-id', 'unicode-id'];
const POINT_DECIMAL_TRAITS: readonly ValidRowTrait[] = ['accounting-negative', 'thousands-separator', 'currency-symbol', 'scientific-amount', 'decimal-comma'];

/**
 * Which traits a file can carry: ids stay ASCII in files with windows-1252 bytes (so decoding
 * them either way cannot change an id), `17850.0` ids only where ids are integers, cancellation
 * invoices only in UCI-style files, and a decimal-comma (Excel `sep=;`) file writes plain amounts.
 */
function traitFits(trait: ValidRowTrait, ctx: { asciiIds: boolean; numericIds: boolean; decimalComma: boolean; layout?: OrderLayout; kind: HostileKind }): boolean {
  if (ctx.asciiIds && NON_ASCII_ID_TRAITS.includes(trait)) return false;
  if (trait === 'float-id' && !ctx.numericIds) return false;
  if (ctx.kind === 'customers') return ID_TRAITS.includes(trait);
  if (trait === 'cancellation' && ctx.layout !== 'uci') return false;
  return !(ctx.decimalComma && POINT_DECIMAL_TRAITS.includes(trait));
}

// ---------------------------------------------------------------------------------------------
// Orders files

interface OrdersContext {
  spec: OrdersFileSpec;
  rng: Rng;
  columns: Column[];
  decimalComma: boolean;
  asciiIds: boolean;
  numericIds: boolean;
  pool: string[];
  invoiceSeq: number;
  lastInvoice?: { id: { raw: string; canonical: string }; date: DateParts; orderId: string };
  usedKeys: Set<string>;
}

function idForTrait(rng: Rng, base: string, trait: ValidRowTrait | undefined, unique: number, uniqueIds: boolean): { raw: string; canonical: string } {
  switch (trait) {
    case 'formula-id': {
      // Profile ids must stay unique in the file; order rows may repeat a customer.
      const raw = `${rng.pick(FORMULA_IDS)}${uniqueIds ? unique : ''}`;
      return { raw, canonical: raw };
    }
    case 'padded-id':
      return { raw: `  ${base} `, canonical: base };
    case 'nfd-id': {
      const raw = `${rng.pick(NFD_BASES)}-${unique}`;
      return { raw, canonical: raw.normalize('NFC') };
    }
    case 'unicode-id': {
      const raw = `${rng.pick(UNICODE_BASES)}-${unique}`;
      return { raw, canonical: raw.normalize('NFC') };
    }
    case 'comma-quote-id': {
      const raw = `O'Brien, "Jr" ${unique}`;
      return { raw, canonical: raw };
    }
    case 'float-id':
      return { raw: `${base}.0`, canonical: base };
    case 'id-256-chars': {
      const raw = longId(`L${unique}`, 256);
      return { raw, canonical: raw };
    }
    default:
      return { raw: base, canonical: base };
  }
}

/** A valid order record (for line items: one line of an invoice). */
function validOrderRow(ctx: OrdersContext, trait: ValidRowTrait | undefined, firstRow: boolean): Row {
  const { rng, spec } = ctx;
  for (let attempt = 0; ; attempt += 1) {
    const cells = new Map<Role, string>();
    const base = rng.pick(ctx.pool);
    const unique = rng.int(1, 999_999);
    // UCI-style extracts hold several lines per invoice: same invoice, customer and time.
    const sameInvoice = spec.layout === 'uci' && trait === undefined && ctx.lastInvoice !== undefined && rng.chance(0.6) ? ctx.lastInvoice : undefined;
    const id = sameInvoice?.id ?? idForTrait(rng, base, trait, unique, false);
    // The first row pins day > 12 so a day/month format is never ambiguous for the whole file.
    const date = sameInvoice?.date ?? (trait === 'date-1900' ? { y: 1900, m: 1, d: firstRow ? 13 : 1, hh: 0, mi: 0, ss: 0 } : randomDate(rng, firstRow ? 13 : 1));
    cells.set('customer_id', id.raw);
    cells.set('order_date', renderDate(date, spec.dateStyle));
    let amount: number;
    let orderId: string | undefined;
    if (lineItemLayout(spec.layout)) {
      let quantity = rng.int(1, 24);
      let price = plainAmount(rng.int(10, 5_000), ctx.decimalComma);
      let quantityText = String(quantity);
      if (trait === 'zero-amount') price = rng.pick([{ text: '0', value: 0 }, { text: ctx.decimalComma ? '0,00' : '0.00', value: 0 }]);
      else if (trait === 'cancellation' || trait === 'negative-amount') {
        quantity = -rng.int(1, 12);
        quantityText = String(quantity);
      } else if (trait === 'amount-at-limit') {
        quantity = 1000;
        quantityText = '1000';
        price = { text: '1000000', value: 1e6 };
      } else if (trait === 'accounting-negative') {
        quantityText = `(${quantity})`;
        quantity = -quantity;
      } else if (trait && ['thousands-separator', 'currency-symbol', 'decimal-comma', 'scientific-amount'].includes(trait)) {
        price = traitAmount(rng, trait, ctx.decimalComma);
      }
      cells.set('quantity', quantityText);
      cells.set('unit_price', price.text);
      amount = quantity * price.value;
      if (hasRole(ctx.columns, 'stock_code')) cells.set('stock_code', `${rng.int(10_000, 99_999)}${rng.pick(['', 'A', 'B', 'C'])}`);
      if (hasRole(ctx.columns, 'country')) cells.set('country', rng.pick(['United Kingdom', 'France', 'EIRE', 'Germany']));
    } else {
      const parsed = traitAmount(rng, trait, ctx.decimalComma);
      cells.set('amount', parsed.text);
      amount = parsed.value;
    }
    if (hasRole(ctx.columns, 'order_id')) {
      if (sameInvoice) orderId = sameInvoice.orderId;
      else {
        ctx.invoiceSeq += 1;
        const number = `${pad(Number.parseInt(spec.label, 10) || 0)}${pad(ctx.invoiceSeq, 5)}`;
        orderId = trait === 'cancellation' ? `C5${number}` : spec.layout === 'uci' || spec.layout === 'aliases' ? `5${number}` : `O${number}`;
      }
      cells.set('order_id', orderId);
    }
    if (hasRole(ctx.columns, 'unused')) cells.set('unused', spec.layout === 'uci' ? rng.pick(PRODUCTS) : rng.pick(NOTES));
    const day = isoDay(date);
    const key = `${id.canonical}|${day}|${amount}|${orderId ?? ''}`;
    if (ctx.usedKeys.has(key) && attempt < 20) continue;
    ctx.usedKeys.add(key);
    if (spec.layout === 'uci' && orderId !== undefined && trait !== 'cancellation') ctx.lastInvoice = { id, date, orderId };
    return {
      cells,
      valid: { customerId: id.canonical, orderDate: day, amount, ...(orderId !== undefined ? { orderId } : {}), traits: trait ? [trait] : [] },
    };
  }
}

function breakOrderRow(ctx: OrdersContext, fault: BadRowFault): { row: Row; fault: BadRowFault } {
  const { rng, spec } = ctx;
  const row = validOrderRow(ctx, undefined, false);
  delete row.valid;
  const lineItems = lineItemLayout(spec.layout);
  // Amount faults of an amount file become unit price faults of a line-item file, and back.
  let applied = fault;
  if (lineItems && (fault === 'unparseable-amount' || fault === 'missing-amount')) applied = 'unparseable-unit-price';
  if (!lineItems && (fault === 'unparseable-quantity' || fault === 'unparseable-unit-price')) applied = 'unparseable-amount';
  if (!lineItems && fault === 'line-item-overflow') applied = 'huge-amount';
  const c1 = ctx.asciiIds ? CONTROL_IDS_ASCII : [...CONTROL_IDS_ASCII, ...CONTROL_IDS_C1];
  switch (applied) {
    case 'missing-id':
      row.cells.set('customer_id', rng.pick(['', '   ']));
      break;
    case 'id-too-long':
      row.cells.set('customer_id', rng.chance(0.7) ? longId(`T${rng.int(1, 99_999)}`, 2_100) : longId(`T${rng.int(1, 99_999)}`, 257));
      break;
    case 'control-char-id':
      row.cells.set('customer_id', rng.pick(c1));
      break;
    case 'unparseable-date':
      row.cells.set('order_date', unparseableDate(rng, spec.dateStyle));
      break;
    case 'implausible-date':
      row.cells.set('order_date', implausibleDate(rng, spec.dateStyle));
      break;
    case 'missing-date':
      row.cells.set('order_date', rng.pick(['', ' ']));
      break;
    case 'unparseable-amount':
      row.cells.set('amount', rng.pick(['1O.50', '12 apples', '--3', '1.2.3', 'N/A', 'twelve', 'TBD', '12..5']));
      break;
    case 'missing-amount':
      row.cells.set('amount', rng.pick(['', '  ']));
      break;
    case 'huge-amount':
      if (lineItems) {
        row.cells.set('quantity', '1');
        row.cells.set('unit_price', rng.pick(['1e308', '-1e308', '2e9', '1000000000.01']));
      } else {
        row.cells.set('amount', rng.pick(['1e308', '-1e308', '2e9', '1e10', '-5e9', '1000000000.01', '9'.repeat(400)]));
      }
      break;
    case 'non-finite-amount':
      row.cells.set(lineItems ? 'unit_price' : 'amount', rng.pick(['NaN', 'nan', 'inf', '-inf', 'Infinity', '-Infinity']));
      break;
    case 'unparseable-quantity':
      row.cells.set('quantity', rng.pick(['abc', 'six', '1..2', '', '~3']));
      break;
    case 'unparseable-unit-price':
      row.cells.set('unit_price', rng.pick(['N/A', '', '2.55.1', '£', 'free?']));
      break;
    case 'line-item-overflow': {
      const [q, p] = rng.pick([['1e200', '1e200'], ['100000', '100000'], ['-1e200', '1e200'], ['1e300', '1e10'], ['50000', '50000']] as const);
      row.cells.set('quantity', q);
      row.cells.set('unit_price', p);
      break;
    }
    case 'wrong-field-count':
      row.fieldCountDelta = rng.chance(0.5) ? -1 : rng.pick([1, 2]);
      break;
    case 'over-long-record': {
      const target: Role = hasRole(ctx.columns, 'unused') ? 'unused' : 'customer_id';
      row.cells.set(target, `big-${'x'.repeat(2_200_000)}`);
      break;
    }
    case 'duplicate-record':
    case 'duplicate-profile-id':
      throw new Error('duplicates are copies, built elsewhere');
  }
  return { row, fault: applied };
}

function buildOrderRows(spec: OrdersFileSpec): { columns: Column[]; rows: Row[]; ctx: OrdersContext } {
  const rng = new Rng(spec.seed);
  const decimalComma = spec.excelSepLine;
  const asciiIds = spec.encoding === 'cp1252' || spec.encoding === 'utf8+cp1252-cells';
  const needsUnused = spec.unusedColumn || spec.nulByte || spec.multilineNotes || asciiIds || spec.rowFaults.includes('over-long-record');
  const columns = orderColumns(spec.layout, needsUnused && spec.layout !== 'uci');
  const numericIds = spec.layout === 'uci' || spec.layout === 'aliases';
  const poolSize = Math.max(3, Math.round(spec.validRows / 4));
  const pool = Array.from({ length: poolSize }, (_, i) => (numericIds ? String(12_346 + i * 7 + rng.int(0, 6)) : `C${pad(rng.int(0, 99_999), 5)}-${i}`));
  const ctx: OrdersContext = { spec, rng, columns, decimalComma, asciiIds, numericIds, pool, invoiceSeq: 0, usedKeys: new Set() };
  const fits = { asciiIds, numericIds, decimalComma, layout: spec.layout, kind: 'orders' as const };
  const traits = spec.traits.filter((t) => traitFits(t, fits));

  const traitAt = spreadTraits(rng, traits, spec.validRows);
  const valid: Row[] = [];
  for (let i = 0; i < spec.validRows; i += 1) valid.push(validOrderRow(ctx, traitAt[i], i === 0));
  if (numericIds) {
    // Ids exported through a float column, as the UCI extract has them.
    for (const row of valid) {
      const id = row.cells.get('customer_id') ?? '';
      if (row.valid?.traits.length === 0 && /^[0-9]+$/.test(id) && rng.chance(0.3)) row.cells.set('customer_id', `${id}.0`);
    }
  }
  decorateUnusedColumn(ctx, valid);
  const rows = insertBadRows(rng, valid, spec.rowFaults, (fault) => breakOrderRow(ctx, fault), (original) => ({ cells: new Map(original.cells), ...(original.cp1252Roles ? { cp1252Roles: new Set(original.cp1252Roles) } : {}) }));
  return { columns, rows, ctx };
}

function decorateUnusedColumn(ctx: OrdersContext, rows: Row[]): void {
  const { spec, rng } = ctx;
  if (!hasRole(ctx.columns, 'unused')) return;
  rows.forEach((row, i) => {
    if (spec.multilineNotes && rng.chance(0.3)) row.cells.set('unused', rng.pick(MULTILINE_NOTES));
    if ((spec.encoding === 'cp1252' || spec.encoding === 'utf8+cp1252-cells') && (i === 0 || rng.chance(0.3))) {
      row.cells.set('unused', rng.pick(LATIN_TEXT));
      if (spec.encoding === 'utf8+cp1252-cells') row.cp1252Roles = new Set(['unused']);
    }
  });
  if (spec.nulByte) {
    const target = rows[Math.min(rows.length - 1, rng.int(0, 1))]!;
    target.cells.set('unused', `ab\u0000cd`);
    target.cp1252Roles?.delete('unused');
  }
}

/** Gives each trait its own record, at seeded positions spread over the file. */
function spreadTraits(rng: Rng, traits: readonly ValidRowTrait[], rows: number): Array<ValidRowTrait | undefined> {
  const positions = Array.from({ length: rows }, (_, i) => i);
  for (let i = positions.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [positions[i], positions[j]] = [positions[j]!, positions[i]!];
  }
  const at: Array<ValidRowTrait | undefined> = Array.from({ length: rows }, () => undefined);
  traits.slice(0, rows).forEach((trait, i) => {
    at[positions[i]!] = trait;
  });
  return at;
}

/**
 * Mixes one bad record per fault into the valid ones at seeded positions; a duplicate goes after
 * its original (a copy of an earlier valid record).
 */
function insertBadRows(
  rng: Rng,
  valid: Row[],
  faults: readonly BadRowFault[],
  breakRow: (fault: BadRowFault) => { row: Row; fault: BadRowFault },
  copy: (original: Row) => Row,
  profileDuplicate?: (original: Row) => Row,
): Row[] {
  const rows = [...valid];
  for (const fault of faults) {
    if (fault === 'duplicate-record' || fault === 'duplicate-profile-id') {
      const candidates = rows.filter((r) => r.valid);
      if (candidates.length === 0) continue;
      const original = rng.pick(candidates);
      const at = rows.indexOf(original);
      const duplicate = fault === 'duplicate-profile-id' && profileDuplicate ? profileDuplicate(original) : copy(original);
      duplicate.bad = { fault: fault === 'duplicate-profile-id' && profileDuplicate ? 'duplicate-profile-id' : 'duplicate-record', duplicateOf: original };
      rows.splice(rng.int(at + 1, rows.length), 0, duplicate);
      continue;
    }
    const { row, fault: applied } = breakRow(fault);
    row.bad = { fault: applied };
    rows.splice(rng.int(0, rows.length), 0, row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Profile files

function buildProfileRows(spec: ProfilesFileSpec): { columns: Column[]; rows: Row[] } {
  const rng = new Rng(spec.seed);
  const asciiIds = spec.encoding === 'cp1252' || spec.encoding === 'utf8+cp1252-cells';
  const fits = { asciiIds, numericIds: spec.numericIds, decimalComma: false, kind: 'customers' as const };
  const traits = spec.traits.filter((t) => traitFits(t, fits));
  let next = rng.int(10_000, 20_000);
  const freshBase = () => (spec.numericIds ? String((next += rng.int(1, 9))) : `K${(next += rng.int(1, 9))}`);
  const profile = (trait: ValidRowTrait | undefined): Row => {
    const base = freshBase();
    const id = idForTrait(rng, base, trait, next, true);
    const cells = new Map<Role, string>([
      ['customer_id', id.raw],
      ['name', rng.pick(['Ann Lee', 'Bo Chen', 'Cara Diaz', 'Dev Patel', 'Eve Moss'])],
      ['email', `user${next}@example.com`],
      ['phone', rng.chance(0.7) ? `+44 7700 9${pad(rng.int(0, 99_999), 5)}` : ''],
      ['country', rng.pick(['GB', 'DE', 'FR', 'US', ''])],
      ['signup_date', rng.chance(0.8) ? isoDay(randomDate(rng)) : ''],
      ['channel', rng.pick(['referral', 'paid_social', 'organic', ''])],
    ]);
    return { cells, valid: { customerId: id.canonical, traits: trait ? [trait] : [] } };
  };
  const traitAt = spreadTraits(rng, traits, spec.validRows);
  const valid = Array.from({ length: spec.validRows }, (_, i) => profile(traitAt[i]));
  valid.forEach((row, i) => {
    if (asciiIds && (i === 0 || rng.chance(0.4))) {
      row.cells.set('name', rng.pick(LATIN_TEXT));
      if (spec.encoding === 'utf8+cp1252-cells') row.cp1252Roles = new Set(['name']);
    }
  });
  const c1 = asciiIds ? CONTROL_IDS_ASCII : [...CONTROL_IDS_ASCII, ...CONTROL_IDS_C1];
  const breakRow = (fault: BadRowFault): { row: Row; fault: BadRowFault } => {
    const row = profile(undefined);
    delete row.valid;
    switch (fault) {
      case 'missing-id':
        row.cells.set('customer_id', rng.pick(['', '  ']));
        return { row, fault };
      case 'control-char-id':
        row.cells.set('customer_id', rng.pick(c1));
        return { row, fault };
      case 'wrong-field-count':
        row.fieldCountDelta = rng.chance(0.5) ? -2 : 1;
        return { row, fault };
      case 'over-long-record':
        row.cells.set('name', `big-${'x'.repeat(2_200_000)}`);
        return { row, fault };
      default:
        row.cells.set('customer_id', rng.chance(0.6) ? longId(`T${next}`, 2_100) : longId(`T${next}`, 257 + rng.int(0, 40)));
        return { row, fault: 'id-too-long' };
    }
  };
  const copy = (original: Row): Row => ({ cells: new Map(original.cells), ...(original.cp1252Roles ? { cp1252Roles: new Set(original.cp1252Roles) } : {}) });
  const sameId = (original: Row): Row => {
    const row = profile(undefined);
    delete row.valid;
    row.cells.set('customer_id', original.cells.get('customer_id')!);
    return row;
  };
  return { columns: PROFILE_COLUMNS, rows: insertBadRows(rng, valid, spec.rowFaults, breakRow, copy, sameId) };
}

// ---------------------------------------------------------------------------------------------
// Serialisation

interface Segment {
  text: string;
  cp1252?: boolean;
}

function quoteCell(value: string, delimiter: string, quoteAll: boolean): string {
  const needs = quoteAll || value.includes(delimiter) || /["\r\n]/.test(value) || /^\s|\s$/.test(value);
  return needs ? `"${value.replaceAll('"', '""')}"` : value;
}

function serialise(
  columns: Column[],
  rows: Row[],
  options: { delimiter: string; quoteAll: boolean; lineEnding: LineEnding; excelSepLine: boolean; trailingNewline: boolean },
): { segments: Segment[]; expected: Extract<ExpectedOutcome, { outcome: 'accepted' }> } {
  const headerEnd = options.lineEnding === 'crlf' ? '\r\n' : '\n';
  const rowEnd = options.lineEnding === 'lf' ? '\n' : '\r\n';
  const segments: Segment[] = [];
  if (options.excelSepLine) segments.push({ text: `sep=${options.delimiter}${headerEnd}` });
  segments.push({ text: columns.map((c) => quoteCell(c.header, options.delimiter, options.quoteAll)).join(options.delimiter) });
  const validRows: ExpectedValidRow[] = [];
  const badRows: ExpectedBadRow[] = [];
  const numbers = new Map<Row, number>();
  rows.forEach((row, i) => {
    const rowNumber = i + 1;
    numbers.set(row, rowNumber);
    segments.push({ text: i === 0 ? headerEnd : rowEnd });
    let cells = columns.map((c) => ({ value: row.cells.get(c.role) ?? '', cp1252: row.cp1252Roles?.has(c.role) ?? false }));
    if (row.fieldCountDelta && row.fieldCountDelta < 0) cells = cells.slice(0, cells.length + row.fieldCountDelta);
    if (row.fieldCountDelta && row.fieldCountDelta > 0) cells = [...cells, ...Array.from({ length: row.fieldCountDelta }, () => ({ value: 'extra', cp1252: false }))];
    cells.forEach((cell, j) => {
      if (j > 0) segments.push({ text: options.delimiter });
      segments.push({ text: quoteCell(cell.value, options.delimiter, options.quoteAll), cp1252: cell.cp1252 });
    });
    if (row.valid) validRows.push({ rowNumber, ...row.valid });
    if (row.bad) {
      const duplicateOf = row.bad.duplicateOf ? numbers.get(row.bad.duplicateOf) : undefined;
      badRows.push({ rowNumber, fault: row.bad.fault, ...(duplicateOf !== undefined ? { duplicateOf } : {}) });
    }
  });
  if (options.trailingNewline) segments.push({ text: rows.length === 0 ? headerEnd : rowEnd });
  return { segments, expected: { outcome: 'accepted', records: rows.length, validRows, badRows } };
}

const CP1252_EXTRA: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e,
  '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

export function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const byte = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : CP1252_EXTRA[ch];
    if (byte === undefined) throw new Error(`${JSON.stringify(ch)} has no windows-1252 byte`);
    out[n++] = byte;
  }
  return out.subarray(0, n);
}

function encodeUtf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = littleEndian ? 0xff : 0xfe;
  out[1] = littleEndian ? 0xfe : 0xff;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    out[2 + i * 2] = littleEndian ? unit & 0xff : unit >> 8;
    out[3 + i * 2] = littleEndian ? unit >> 8 : unit & 0xff;
  }
  return out;
}

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

function encodeSegments(segments: Segment[], encoding: TextEncoding): Uint8Array {
  const utf8 = new TextEncoder();
  const text = () => segments.map((s) => s.text).join('');
  switch (encoding) {
    case 'utf8':
      return utf8.encode(text());
    case 'utf8-bom':
      return concat([new Uint8Array([0xef, 0xbb, 0xbf]), utf8.encode(text())]);
    case 'utf16le':
      return encodeUtf16(text(), true);
    case 'utf16be':
      return encodeUtf16(text(), false);
    case 'cp1252':
      return encodeWindows1252(text());
    case 'utf8+cp1252-cells':
      return concat(segments.map((s) => (s.cp1252 ? encodeWindows1252(s.text) : utf8.encode(s.text))));
  }
}

// ---------------------------------------------------------------------------------------------
// Building one extract

function ordersFileFaults(spec: OrdersFileSpec): string[] {
  const faults: string[] = [];
  if (spec.encoding !== 'utf8') faults.push(spec.encoding);
  if (spec.excelSepLine) faults.push('excel-sep-line');
  if (spec.nulByte) faults.push('nul-byte');
  if (spec.lineEnding !== 'lf') faults.push(spec.lineEnding);
  if (spec.multilineNotes) faults.push('multiline-quoted-fields');
  if (spec.quoteAll) faults.push('quote-all');
  if (!spec.trailingNewline) faults.push('no-final-newline');
  if (spec.gzip) faults.push(spec.extension.endsWith('.gz') ? 'gzip' : 'gzip-misnamed');
  else if (!/\.csv$/i.test(spec.extension)) faults.push(`extension ${spec.extension || '(none)'}`);
  if (spec.layout !== 'basic') faults.push(`layout ${spec.layout}`);
  if (spec.dateStyle !== 'iso-date') faults.push(`dates ${spec.dateStyle}`);
  return faults;
}

const fileName = (label: string, extension: string) => `${label}${extension}`;

function buildOrders(spec: OrdersFileSpec): HostileExtract {
  const { columns, rows } = buildOrderRows(spec);
  const { segments, expected } = serialise(columns, rows, {
    delimiter: spec.excelSepLine ? ';' : ',',
    quoteAll: spec.quoteAll,
    lineEnding: spec.lineEnding,
    excelSepLine: spec.excelSepLine,
    trailingNewline: spec.trailingNewline,
  });
  const text = encodeSegments(segments, spec.encoding);
  const bytes = spec.gzip ? new Uint8Array(gzipSync(text)) : text;
  const name = fileName(spec.label, spec.extension);
  return {
    id: spec.label,
    kind: 'orders',
    name,
    key: `incoming/orders/${name}`,
    bytes,
    fileFaults: ordersFileFaults(spec),
    description: describeRows(expected),
    expected,
  };
}

function buildProfiles(spec: ProfilesFileSpec): HostileExtract {
  const { columns, rows } = buildProfileRows(spec);
  const { segments, expected } = serialise(columns, rows, { delimiter: ',', quoteAll: spec.quoteAll, lineEnding: spec.lineEnding, excelSepLine: false, trailingNewline: true });
  const text = encodeSegments(segments, spec.encoding);
  const bytes = spec.gzip ? new Uint8Array(gzipSync(text)) : text;
  const name = fileName(spec.label, spec.extension);
  const faults = [spec.encoding !== 'utf8' ? spec.encoding : '', spec.lineEnding !== 'lf' ? spec.lineEnding : '', spec.gzip ? 'gzip' : '', spec.quoteAll ? 'quote-all' : ''].filter(Boolean);
  return { id: spec.label, kind: 'customers', name, key: `incoming/customers/${name}`, bytes, fileFaults: faults, description: describeRows(expected), expected };
}

function describeRows(expected: Extract<ExpectedOutcome, { outcome: 'accepted' }>): string {
  const counts = new Map<string, number>();
  for (const row of expected.badRows) counts.set(row.fault, (counts.get(row.fault) ?? 0) + 1);
  const bad = [...counts].map(([fault, n]) => `${fault} x${n}`).join(', ');
  return `${expected.validRows.length} valid, ${expected.badRows.length} bad${bad ? ` (${bad})` : ''}`;
}

/** A minimal but well-formed ZIP holding `[Content_Types].xml`, as an .xlsx starts. */
function xlsxLikeZip(): Uint8Array {
  const name = new TextEncoder().encode('[Content_Types].xml');
  const data = new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  const crc = crc32(data);
  const local = new DataView(new ArrayBuffer(30));
  local.setUint32(0, 0x04034b50, true);
  local.setUint16(4, 20, true);
  local.setUint32(14, crc, true);
  local.setUint32(18, data.length, true);
  local.setUint32(22, data.length, true);
  local.setUint16(26, name.length, true);
  const central = new DataView(new ArrayBuffer(46));
  central.setUint32(0, 0x02014b50, true);
  central.setUint16(4, 20, true);
  central.setUint16(6, 20, true);
  central.setUint32(16, crc, true);
  central.setUint32(20, data.length, true);
  central.setUint32(24, data.length, true);
  central.setUint16(28, name.length, true);
  const centralOffset = 30 + name.length + data.length;
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, 1, true);
  end.setUint16(10, 1, true);
  end.setUint32(12, 46 + name.length, true);
  end.setUint32(16, centralOffset, true);
  return concat([new Uint8Array(local.buffer), name, data, new Uint8Array(central.buffer), name, new Uint8Array(end.buffer)]);
}

function buildRejected(spec: RejectedSpec): HostileExtract {
  const utf8 = (s: string) => new TextEncoder().encode(s);
  let bytes: Uint8Array;
  let faults: string[];
  switch (spec.family) {
    case 'corrupt-gzip': {
      const whole = buildOrders({ ...spec.base, gzip: true });
      bytes = whole.bytes.subarray(0, Math.floor(whole.bytes.length * spec.keepFraction));
      faults = [`gzip truncated to ${Math.round(spec.keepFraction * 100)}%`];
      break;
    }
    case 'empty-file':
      bytes = spec.variant === 'zero-bytes' ? new Uint8Array() : spec.variant === 'bom-only' ? new Uint8Array([0xef, 0xbb, 0xbf]) : utf8('\n\r\n\n');
      faults = [`empty (${spec.variant})`];
      break;
    case 'header-only': {
      const header = spec.variant === 'aliases' ? 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\r\n' : `customer_id,order_date,amount${spec.variant === 'no-newline' ? '' : '\n'}`;
      bytes = spec.variant === 'gzip' ? new Uint8Array(gzipSync(utf8(header))) : utf8(header);
      faults = [`header only (${spec.variant})`];
      break;
    }
    case 'zip-archive':
      bytes = xlsxLikeZip();
      faults = ['zip/xlsx'];
      break;
    case 'missing-columns': {
      const rng = new Rng(spec.seed);
      const header = {
        'no-amount': 'customer_id,order_date,comment',
        'no-customer': 'order_id,order_date,amount',
        'quantity-only': 'CustomerID,InvoiceDate,Quantity',
        'no-date': 'customer_id,amount,order_id',
      }[spec.variant];
      const lines = [header];
      for (let i = 0; i < rng.int(50, 120); i += 1) lines.push(`C${rng.int(1, 999)},${isoDay(randomDate(rng))},${(rng.int(100, 9_999) / 100).toFixed(2)}`);
      bytes = utf8(`${lines.join('\n')}\n`);
      faults = [`missing columns (${spec.variant})`];
      break;
    }
  }
  const name = fileName(spec.label, spec.extension);
  return { id: spec.label, kind: 'orders', name, key: `incoming/orders/${name}`, bytes, fileFaults: faults, description: `must be rejected: ${spec.family}`, expected: { outcome: 'rejected', family: spec.family } };
}

export function buildHostileExtract(spec: HostileSpec): HostileExtract {
  if (spec.kind === 'orders') return buildOrders(spec);
  if (spec.kind === 'customers') return buildProfiles(spec);
  return buildRejected(spec);
}

// ---------------------------------------------------------------------------------------------
// The corpus

const ORDER_DEFAULTS: Omit<OrdersFileSpec, 'seed' | 'label' | 'validRows' | 'rowFaults' | 'traits'> = {
  kind: 'orders',
  layout: 'basic',
  dateStyle: 'iso-date',
  encoding: 'utf8',
  lineEnding: 'lf',
  excelSepLine: false,
  nulByte: false,
  multilineNotes: false,
  unusedColumn: false,
  quoteAll: false,
  trailingNewline: true,
  gzip: false,
  extension: '.csv',
};

const COMMON_FAULTS: BadRowFault[] = ['missing-id', 'id-too-long', 'control-char-id', 'unparseable-date', 'implausible-date', 'missing-date', 'unparseable-amount', 'huge-amount', 'non-finite-amount', 'duplicate-record'];
const ALL_TRAITS: ValidRowTrait[] = [...VALID_ROW_TRAITS];

/** Picks `n` entries cycling through `menu` (so each appears once before any repeats), seeded. */
function cycle<T>(rng: Rng, menu: readonly T[], n: number): T[] {
  const out: T[] = [];
  while (out.length < n) {
    const round = [...menu];
    for (let i = round.length - 1; i > 0; i -= 1) {
      const j = rng.int(0, i);
      [round[i], round[j]] = [round[j]!, round[i]!];
    }
    out.push(...round.slice(0, n - out.length));
  }
  return out;
}

interface CorpusEntry {
  label: string;
  rows: [number, number];
  badShare: number;
  faults?: BadRowFault[];
  traits?: ValidRowTrait[];
  traitShare?: number;
  spec?: Partial<OrdersFileSpec>;
}

/**
 * The fixed corpus (57 files, about 8,200 valid and 520 bad rows): 44 orders files covering every
 * row fault and every file-level fault that must not lose rows, 4 customer-profile files, and 9
 * files that must be rejected. The same seed gives the same bytes on every machine.
 */
export function hostileCorpus(seed = 20_240_601): HostileExtract[] {
  const rng = new Rng(seed);
  const entries: CorpusEntry[] = [
    { label: 'row-faults-mixed', rows: [200, 300], badShare: 0.08 },
    { label: 'bad-ids', rows: [100, 200], badShare: 0.15, faults: ['missing-id', 'id-too-long', 'control-char-id'] },
    { label: 'bad-dates', rows: [100, 200], badShare: 0.12, faults: ['unparseable-date', 'implausible-date', 'missing-date'], traits: ['date-1900'], spec: { dateStyle: 'iso-datetime' } },
    { label: 'amount-formats', rows: [150, 250], badShare: 0.03, traits: ['zero-amount', 'negative-amount', 'accounting-negative', 'thousands-separator', 'currency-symbol', 'decimal-comma', 'scientific-amount', 'amount-at-limit'], traitShare: 0.4 },
    { label: 'bad-amounts', rows: [100, 200], badShare: 0.15, faults: ['unparseable-amount', 'missing-amount', 'huge-amount', 'non-finite-amount'], traits: ['zero-amount', 'negative-amount', 'amount-at-limit'] },
    { label: 'uci-line-items', rows: [250, 400], badShare: 0.06, faults: ['missing-id', 'duplicate-record', 'unparseable-quantity', 'unparseable-unit-price'], traits: ['cancellation', 'zero-amount', 'float-id'], traitShare: 0.25, spec: { layout: 'uci', dateStyle: 'iso-datetime' } },
    { label: 'line-item-overflow', rows: [100, 200], badShare: 0.1, faults: ['line-item-overflow', 'unparseable-quantity', 'unparseable-unit-price', 'huge-amount'], traits: ['negative-amount', 'zero-amount', 'amount-at-limit'], spec: { layout: 'line-items' } },
    { label: 'duplicates', rows: [100, 200], badShare: 0.15, faults: ['duplicate-record'] },
    { label: 'wrong-field-counts', rows: [100, 200], badShare: 0.1, faults: ['wrong-field-count'], spec: { unusedColumn: true } },
    { label: 'over-long-record', rows: [60, 120], badShare: 0, faults: ['over-long-record', 'missing-id'], spec: { unusedColumn: true } },
    { label: 'formula-ids', rows: [80, 150], badShare: 0.03, traits: ['formula-id'], traitShare: 0.2 },
    { label: 'unicode-ids', rows: [80, 150], badShare: 0.05, traits: ['nfd-id', 'unicode-id', 'padded-id', 'comma-quote-id'], traitShare: 0.3 },
    { label: 'id-lengths', rows: [60, 120], badShare: 0.1, faults: ['id-too-long'], traits: ['id-256-chars'], traitShare: 0.1 },
    { label: 'latin1 unused column', rows: [100, 200], badShare: 0.05, spec: { encoding: 'cp1252' } },
    { label: 'mixed utf8 + cp1252', rows: [100, 200], badShare: 0.05, spec: { encoding: 'utf8+cp1252-cells', layout: 'order-id' } },
    { label: 'utf8 bom', rows: [100, 200], badShare: 0.05, spec: { encoding: 'utf8-bom' } },
    { label: 'utf16le', rows: [100, 200], badShare: 0.05, spec: { encoding: 'utf16le' } },
    { label: 'utf16be', rows: [100, 200], badShare: 0.05, spec: { encoding: 'utf16be' } },
    { label: 'excel-sep-semicolon', rows: [100, 200], badShare: 0.05, traits: ['zero-amount', 'negative-amount'], spec: { excelSepLine: true, lineEnding: 'crlf', dateStyle: 'dmy-dot' } },
    { label: 'nul-byte', rows: [100, 200], badShare: 0.05, spec: { nulByte: true } },
    { label: 'crlf', rows: [100, 200], badShare: 0.05, spec: { lineEnding: 'crlf' } },
    { label: 'lf-header-crlf-rows', rows: [100, 200], badShare: 0.05, spec: { lineEnding: 'lf-header-crlf-rows' } },
    { label: 'multiline-quoted', rows: [100, 200], badShare: 0.05, traits: ['comma-quote-id', 'formula-id'], spec: { multilineNotes: true } },
    { label: 'extension-txt', rows: [80, 150], badShare: 0.05, spec: { extension: '.txt' } },
    { label: 'misnamed-xlsx', rows: [80, 150], badShare: 0.05, spec: { extension: '.xlsx' } },
    { label: 'misnamed-parquet', rows: [80, 150], badShare: 0.05, spec: { extension: '.parquet' } },
    { label: 'no-extension', rows: [80, 150], badShare: 0.05, spec: { extension: '' } },
    { label: 'gzip', rows: [200, 400], badShare: 0.06, spec: { gzip: true, extension: '.csv.gz' } },
    { label: 'gzip-named-csv', rows: [150, 300], badShare: 0.06, spec: { gzip: true, extension: '.csv' } },
    { label: 'gzip-uci', rows: [200, 400], badShare: 0.05, faults: ['missing-id', 'duplicate-record', 'line-item-overflow'], traits: ['cancellation', 'float-id'], traitShare: 0.15, spec: { layout: 'uci', gzip: true, extension: '.csv.gz', dateStyle: 'dmy-hm' } },
    { label: 'month-first', rows: [100, 200], badShare: 0.06, spec: { dateStyle: 'mdy' } },
    { label: 'day-first', rows: [100, 200], badShare: 0.06, spec: { dateStyle: 'dmy' } },
    { label: 'month-first-hm', rows: [100, 200], badShare: 0.06, spec: { dateStyle: 'mdy-hm', layout: 'order-id' } },
    { label: 'iso-t', rows: [100, 200], badShare: 0.06, spec: { dateStyle: 'iso-t', layout: 'order-id' } },
    { label: 'aliases', rows: [100, 250], badShare: 0.06, traits: ['float-id', 'negative-amount'], spec: { layout: 'aliases', dateStyle: 'dmy-hm' } },
    { label: 'order-ids', rows: [100, 250], badShare: 0.06, spec: { layout: 'order-id' } },
    { label: 'quote-all', rows: [100, 200], badShare: 0.06, traits: ['padded-id', 'formula-id'], spec: { quoteAll: true } },
    { label: 'no-final-newline', rows: [50, 100], badShare: 0.06, spec: { trailingNewline: false, lineEnding: 'crlf' } },
    { label: 'utf16le-uci', rows: [100, 250], badShare: 0.05, faults: ['missing-id', 'duplicate-record', 'unparseable-quantity'], traits: ['cancellation', 'unicode-id'], spec: { layout: 'uci', encoding: 'utf16le', lineEnding: 'crlf', dateStyle: 'dmy-hm', extension: '.txt' } },
    { label: 'bom-crlf-multiline', rows: [100, 200], badShare: 0.05, spec: { encoding: 'utf8-bom', lineEnding: 'crlf', multilineNotes: true } },
    { label: 'gzip-latin1', rows: [100, 200], badShare: 0.05, spec: { encoding: 'cp1252', gzip: true, extension: '.csv.gz', layout: 'order-id' } },
    { label: 'gzip-bom-sep', rows: [100, 200], badShare: 0.05, spec: { encoding: 'utf8-bom', excelSepLine: true, lineEnding: 'crlf', gzip: true, extension: '.csv.gz', dateStyle: 'dmy' } },
    { label: 'sep-line-items', rows: [100, 200], badShare: 0.05, faults: ['unparseable-quantity', 'line-item-overflow', 'missing-id'], traits: ['zero-amount', 'negative-amount'], spec: { excelSepLine: true, layout: 'line-items', lineEnding: 'crlf', dateStyle: 'dmy-dot' } },
    { label: 'kitchen sink (1)+x', rows: [250, 400], badShare: 0.1, traits: ALL_TRAITS, traitShare: 0.2, faults: [...BAD_ROW_FAULTS.filter((f) => f !== 'over-long-record' && f !== 'duplicate-profile-id')], spec: { encoding: 'utf8-bom', lineEnding: 'lf-header-crlf-rows', multilineNotes: true, nulByte: true, layout: 'order-id' } },
  ];
  const corpus: HostileExtract[] = [];
  entries.forEach((entry, index) => {
    const label = `${pad(index + 1)}-${entry.label}`;
    const validRows = rng.int(entry.rows[0], entry.rows[1]);
    const badCount = Math.max(entry.faults ? entry.faults.length : 3, Math.round(validRows * entry.badShare));
    const faults = cycle<BadRowFault>(rng, entry.faults ?? COMMON_FAULTS, badCount);
    const traitCount = entry.traits ? Math.max(entry.traits.length, Math.round(validRows * (entry.traitShare ?? 0))) : Math.round(validRows * 0.05);
    const traits = cycle<ValidRowTrait>(rng, entry.traits ?? ['zero-amount', 'negative-amount', 'padded-id', 'formula-id'], traitCount);
    const spec: OrdersFileSpec = { ...ORDER_DEFAULTS, ...entry.spec, seed: rng.int(1, 2 ** 31 - 1), label, validRows, rowFaults: faults, traits };
    corpus.push(buildOrders(spec));
  });
  const profiles: Array<Omit<ProfilesFileSpec, 'seed' | 'label' | 'rowFaults' | 'traits' | 'validRows'> & { label: string; faults: BadRowFault[]; traits: ValidRowTrait[]; rows: number }> = [
    { kind: 'customers', label: 'profiles-duplicate-ids', rows: 150, encoding: 'utf8', lineEnding: 'lf', numericIds: false, quoteAll: false, gzip: false, extension: '.csv', faults: ['duplicate-profile-id', 'duplicate-profile-id', 'duplicate-record', 'missing-id'], traits: ['padded-id'] },
    { kind: 'customers', label: 'profiles-long-ids', rows: 120, encoding: 'utf8', lineEnding: 'crlf', numericIds: false, quoteAll: false, gzip: false, extension: '.csv', faults: ['id-too-long', 'id-too-long', 'control-char-id', 'wrong-field-count'], traits: ['id-256-chars', 'unicode-id', 'nfd-id', 'formula-id'] },
    { kind: 'customers', label: 'profiles-latin1-names', rows: 200, encoding: 'cp1252', lineEnding: 'crlf', numericIds: true, quoteAll: false, gzip: false, extension: '.csv', faults: ['duplicate-profile-id', 'id-too-long', 'missing-id'], traits: ['float-id', 'formula-id'] },
    { kind: 'customers', label: 'profiles-gzip-bom-mixed', rows: 300, encoding: 'utf8-bom', lineEnding: 'lf', numericIds: false, quoteAll: true, gzip: true, extension: '.csv.gz', faults: ['duplicate-profile-id', 'id-too-long', 'control-char-id', 'missing-id', 'duplicate-record'], traits: ['padded-id', 'comma-quote-id', 'nfd-id'] },
  ];
  profiles.forEach((p, i) => {
    const { faults, traits, rows, label, ...rest } = p;
    const count = Math.max(faults.length, Math.round(rows * 0.06));
    corpus.push(buildProfiles({ ...rest, seed: rng.int(1, 2 ** 31 - 1), label: `${pad(entries.length + i + 1)}-${label}`, validRows: rows, rowFaults: cycle(rng, faults, count), traits: cycle(rng, traits, Math.max(traits.length, Math.round(rows * 0.1))) }));
  });
  const base = (label: string, layout: OrderLayout): OrdersFileSpec => ({ ...ORDER_DEFAULTS, layout, seed: rng.int(1, 2 ** 31 - 1), label, validRows: 300, rowFaults: ['missing-id', 'duplicate-record'], traits: [], dateStyle: layout === 'uci' ? 'iso-datetime' : 'iso-date' });
  const rejected: Array<Omit<RejectedSpec, 'label' | 'seed'> & { label: string }> = [
    { kind: 'rejected', label: 'truncated-gzip', family: 'corrupt-gzip', base: base('truncated-gzip', 'basic'), keepFraction: 0.6, extension: '.csv.gz' },
    { kind: 'rejected', label: 'truncated-gzip-uci', family: 'corrupt-gzip', base: base('truncated-gzip-uci', 'uci'), keepFraction: 0.6, extension: '.csv' },
    { kind: 'rejected', label: 'empty', family: 'empty-file', variant: 'zero-bytes', extension: '.csv' },
    { kind: 'rejected', label: 'blank-lines', family: 'empty-file', variant: 'blank-lines', extension: '.csv' },
    { kind: 'rejected', label: 'header-only', family: 'header-only', variant: 'lf', extension: '.csv' },
    { kind: 'rejected', label: 'header-only-gzip', family: 'header-only', variant: 'gzip', extension: '.csv.gz' },
    { kind: 'rejected', label: 'workbook', family: 'zip-archive', extension: '.xlsx' },
    { kind: 'rejected', label: 'missing-amount-column', family: 'missing-columns', variant: 'no-amount', extension: '.csv' },
    { kind: 'rejected', label: 'quantity-without-price', family: 'missing-columns', variant: 'quantity-only', extension: '.csv' },
  ] as Array<Omit<RejectedSpec, 'label' | 'seed'> & { label: string }>;
  rejected.forEach((r, i) => {
    corpus.push(buildRejected({ ...r, seed: rng.int(1, 2 ** 31 - 1), label: `${pad(entries.length + profiles.length + i + 1)}-${r.label}` } as RejectedSpec));
  });
  return corpus;
}

// ---------------------------------------------------------------------------------------------
// fast-check arbitraries

/** Row faults for property runs (the 2 MB record is opt-in: it makes every such case slow). */
const PROPERTY_ORDER_FAULTS = BAD_ROW_FAULTS.filter((f) => f !== 'duplicate-profile-id' && f !== 'over-long-record');

export interface HostileArbitraryOptions {
  maxValidRows?: number;
  maxBadRows?: number;
  /** Include the > 2 MB record fault (default false). */
  overLongRecords?: boolean;
}

export function hostileOrdersSpecArb(options: HostileArbitraryOptions = {}): fc.Arbitrary<OrdersFileSpec> {
  const faults = options.overLongRecords ? [...PROPERTY_ORDER_FAULTS, 'over-long-record' as const] : PROPERTY_ORDER_FAULTS;
  return fc
    .record({
      seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      validRows: fc.integer({ min: 1, max: options.maxValidRows ?? 40 }),
      layout: fc.constantFrom(...ORDER_LAYOUTS),
      dateStyle: fc.constantFrom(...DATE_STYLES),
      encoding: fc.constantFrom(...TEXT_ENCODINGS),
      lineEnding: fc.constantFrom(...LINE_ENDINGS),
      excelSepLine: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      nulByte: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      multilineNotes: fc.boolean(),
      unusedColumn: fc.boolean(),
      quoteAll: fc.boolean(),
      trailingNewline: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      gzip: fc.boolean(),
      extension: fc.constantFrom('.csv', '.txt', '.xlsx', '', '.dat'),
      rowFaults: fc.array(fc.constantFrom(...faults), { maxLength: options.maxBadRows ?? 8 }),
      traits: fc.array(fc.constantFrom(...VALID_ROW_TRAITS), { maxLength: 8 }),
    })
    .map((spec) => ({ ...spec, kind: 'orders' as const, label: 'prop', extension: spec.gzip && spec.extension === '.csv' ? '.csv.gz' : spec.extension }));
}

export function hostileProfilesSpecArb(options: HostileArbitraryOptions = {}): fc.Arbitrary<ProfilesFileSpec> {
  const faults: BadRowFault[] = ['missing-id', 'id-too-long', 'control-char-id', 'wrong-field-count', 'duplicate-record', 'duplicate-profile-id', ...(options.overLongRecords ? ['over-long-record' as const] : [])];
  return fc.record({
    kind: fc.constant('customers' as const),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    label: fc.constant('prop-profiles'),
    validRows: fc.integer({ min: 1, max: options.maxValidRows ?? 40 }),
    encoding: fc.constantFrom(...TEXT_ENCODINGS),
    lineEnding: fc.constantFrom(...LINE_ENDINGS),
    numericIds: fc.boolean(),
    quoteAll: fc.boolean(),
    gzip: fc.boolean(),
    extension: fc.constantFrom('.csv', '.txt'),
    rowFaults: fc.array(fc.constantFrom(...faults), { maxLength: options.maxBadRows ?? 8 }),
    traits: fc.array(fc.constantFrom(...VALID_ROW_TRAITS), { maxLength: 6 }),
  });
}

export function rejectedSpecArb(): fc.Arbitrary<RejectedSpec> {
  return fc.oneof(
    hostileOrdersSpecArb({ maxValidRows: 200 }).chain((base) =>
      fc.double({ min: 0.3, max: 0.8, noNaN: true }).map((keepFraction): RejectedSpec => ({ kind: 'rejected', label: 'prop-truncated', seed: base.seed, family: 'corrupt-gzip', base: { ...base, validRows: Math.max(base.validRows, 150), rowFaults: [] }, keepFraction, extension: '.csv.gz' })),
    ),
    fc.constantFrom<'zero-bytes' | 'blank-lines' | 'bom-only'>('zero-bytes', 'blank-lines', 'bom-only').map((variant): RejectedSpec => ({ kind: 'rejected', label: 'prop-empty', seed: 1, family: 'empty-file', variant, extension: '.csv' })),
    fc.constantFrom<'lf' | 'no-newline' | 'gzip' | 'aliases'>('lf', 'no-newline', 'gzip', 'aliases').map((variant): RejectedSpec => ({ kind: 'rejected', label: 'prop-header', seed: 1, family: 'header-only', variant, extension: '.csv' })),
    fc.constant<RejectedSpec>({ kind: 'rejected', label: 'prop-zip', seed: 1, family: 'zip-archive', extension: '.xlsx' }),
    fc.record({ seed: fc.integer({ min: 1, max: 1_000_000 }), variant: fc.constantFrom<'no-amount' | 'no-customer' | 'quantity-only' | 'no-date'>('no-amount', 'no-customer', 'quantity-only', 'no-date') }).map(
      ({ seed, variant }): RejectedSpec => ({ kind: 'rejected', label: 'prop-missing', seed, family: 'missing-columns', variant, extension: '.csv' }),
    ),
  );
}

/** One hostile extract (mostly orders with injected faults, some profiles, some files to reject). */
export function hostileExtractArb(options: HostileArbitraryOptions = {}): fc.Arbitrary<HostileExtract> {
  return fc
    .oneof(
      { weight: 6, arbitrary: hostileOrdersSpecArb(options) as fc.Arbitrary<HostileSpec> },
      { weight: 2, arbitrary: hostileProfilesSpecArb(options) as fc.Arbitrary<HostileSpec> },
      { weight: 1, arbitrary: rejectedSpecArb() as fc.Arbitrary<HostileSpec> },
    )
    .map((spec) => withSummary(buildHostileExtract(spec), spec));
}

/** Counterexamples print as their spec, expectations and first bytes rather than a byte array. */
function withSummary(extract: HostileExtract, spec: HostileSpec): HostileExtract {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(extract.bytes.subarray(0, 400));
  const summary = () =>
    `${extract.name} (${extract.kind}, ${extract.bytes.length} bytes; ${extract.description}; faults: ${extract.fileFaults.join(', ') || 'rows only'})\n` +
    `  spec: ${JSON.stringify({ ...spec, ...('base' in spec ? { base: '…' } : {}) })}\n` +
    `  first bytes: ${JSON.stringify(head)}`;
  Object.defineProperty(extract, fc.toStringMethod, { value: summary, enumerable: false });
  return extract;
}
