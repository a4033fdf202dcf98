import Papa from "papaparse";

/**
 * Tab-separated values as Excel and Google Sheets put them on the clipboard: fields containing a
 * tab, newline or quote are quoted with "" escapes, rows end with \n or \r\n, and Excel adds a
 * trailing newline that must not become an empty row (RevoGrid's data loss in the spike).
 * Parsing and writing are papaparse's; this file only adds the clipboard conventions.
 */
export function parseTsv(text: string): string[][] {
  let t = text;
  if (t.endsWith("\r\n")) t = t.slice(0, -2);
  else if (t.endsWith("\n") || t.endsWith("\r")) t = t.slice(0, -1);
  if (t === "") return [[""]];
  const { data } = Papa.parse<string[]>(t, { delimiter: "\t", quoteChar: '"', escapeChar: '"', skipEmptyLines: false });
  return data;
}

/** The reverse, so a copied range pastes back into Excel, Sheets or this grid unchanged. */
export function toTsv(rows: readonly (readonly string[])[]): string {
  return Papa.unparse(rows as string[][], { delimiter: "\t", newline: "\n", quoteChar: '"', escapeChar: '"' });
}
