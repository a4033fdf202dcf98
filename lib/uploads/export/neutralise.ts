/**
 * Cells that a spreadsheet would run as a formula (=, +, -, @, and tab or carriage return in front
 * of one) get a leading apostrophe in a CSV, so a results file opened in Excel or Sheets cannot
 * execute a value that came from HubSpot or from someone else's upload (OWASP "CSV injection").
 * Plain numbers such as -5 or +3.2 are left alone: they are not formulas, and quoting them would
 * break sums. XLSX needs no guard: its cells are typed, and a string cell never runs as a formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)([eE][+-]?\d+)?$/;

export function neutralise(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** The columns every results file of an upload ends with; a file ending with them is one of ours. */
export const RESULT_COLUMNS = ["Batchboard status", "HubSpot ID", "Error category", "Error"] as const;

export function isResultsFile(headers: readonly string[]): boolean {
  const tail = headers.slice(-RESULT_COLUMNS.length);
  return tail.length === RESULT_COLUMNS.length && tail.every((h, i) => h.trim() === RESULT_COLUMNS[i]);
}

/**
 * A results file uploaded again (to retry its failed rows) gets its cells back as they were: the
 * apostrophe `neutralise` put in front of a formula start is taken off. Only that one: a cell is
 * changed only when it is exactly what neutralise makes of the rest, and only in a file that ends
 * with our result columns, so an apostrophe a user wrote (`'Tis`, `'+1`) in any other file stays.
 */
export function unneutralise(cell: string): string {
  if (!cell.startsWith("'")) return cell;
  const rest = cell.slice(1);
  return neutralise(rest) === cell ? rest : cell;
}
