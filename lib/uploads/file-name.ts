/*
 * An upload's file name as the browser sent it is the user's text: it is shown on pages, written in
 * results files and logs, and stored in the database. Cleaned once, on arrival (issue 11, item 7).
 */

/** The longest name kept, in characters; longer ones keep their start and their extension. */
export const MAX_FILE_NAME = 200;

// Controls (a NUL fails in PostgreSQL, CR/LF forge log lines) and invisible direction overrides
// (which can make "exe.csv" read as "vsc.exe").
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** The name to keep, or "" when nothing readable is left. */
export function cleanFileName(raw: string): string {
  const base = raw.normalize("NFC").replace(UNSAFE, "").split(/[\\/]/).pop()!.replace(/\s+/g, " ").trim();
  const chars = Array.from(base); // by code point, so a cut never splits an emoji
  if (chars.length <= MAX_FILE_NAME) return base;
  const dot = base.lastIndexOf(".");
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : "";
  return `${chars
    .slice(0, MAX_FILE_NAME - ext.length - 1)
    .join("")
    .trimEnd()}…${ext}`;
}
