/**
 * Cells that a spreadsheet would run as a formula (=, +, -, @, and tab or carriage return in front
 * of one) get a leading apostrophe, so a results file opened in Excel or Sheets cannot execute a
 * value that came from HubSpot or from someone else's upload (OWASP "CSV injection"). Plain numbers
 * such as -5 or +3.2 are left alone: they are not formulas, and quoting them would break sums.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d+)?|[.,]\d+)([eE][+-]?\d+)?$/;

export function neutralise(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}
