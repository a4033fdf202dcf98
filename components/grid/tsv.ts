/**
 * Tab-separated values as Excel and Google Sheets put them on the clipboard: fields containing a
 * tab, newline or quote are quoted with "" escapes, rows end with \n or \r\n, and Excel adds a
 * trailing newline that must not become an empty row (RevoGrid's data loss in the spike).
 * Kept in one file so that a maintained parser (papaparse) can replace it.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  let t = text;
  if (t.endsWith("\r\n")) t = t.slice(0, -2);
  else if (t.endsWith("\n") || t.endsWith("\r")) t = t.slice(0, -1);
  if (t === "") return [[""]];
  while (i < t.length) {
    const c = t[i]!;
    if (quoted) {
      if (c === '"' && t[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        cell += c;
        i++;
      }
      continue;
    }
    // A quote opens a quoted field only at its start; elsewhere it is a literal character (Sheets does the same).
    if (c === '"' && cell === "") {
      quoted = true;
      i++;
    } else if (c === "\t") {
      row.push(cell);
      cell = "";
      i++;
    } else if (c === "\n" || c === "\r") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += c === "\r" && t[i + 1] === "\n" ? 2 : 1;
    } else {
      cell += c;
      i++;
    }
  }
  row.push(cell);
  rows.push(row);
  return rows;
}

const needsQuotes = /[\t\n\r"]/;

/** The reverse, so a copied range pastes back into Excel, Sheets or this grid unchanged. */
export function toTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map((v) => (needsQuotes.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join("\t")).join("\n");
}
