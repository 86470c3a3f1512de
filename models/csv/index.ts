export { csvCell, csvLine, spreadsheetSafe, spreadsheetSafeSql } from './spreadsheet-safe.js';
export { parseCsvRecord } from './csv-record.js';
