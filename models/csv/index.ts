export { csvCell, csvLine, spreadsheetSafe, spreadsheetSafeSql } from './spreadsheet-safe.js';
