/** Reading uploaded spreadsheets (CSV, TSV, XLSX) into rows of strings, server-side. */
export { openUpload, type OpenedUpload } from "./open-upload";
export type { CsvEncoding } from "./decode";
export type { CsvDelimiter } from "./csv";
