/*
 * Log lines that a user's text cannot forge: a file name or message with CR/LF would otherwise start
 * a new, fake line in the server log (issue 11, item 7). Control characters are written as escapes.
 */

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex -- control characters are what this escapes
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** `text` with every control character written as an escape (\n, \r, \t, \u0000 …). */
export function escapeForLog(text: string): string {
  return text.replace(CONTROL, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** An error as one log entry: its message escaped, its stack frames (the code's own text) kept on their lines. */
export function errorForLog(err: unknown): string {
  if (!(err instanceof Error)) return escapeForLog(String(err));
  const head = `${err.name}: ${escapeForLog(err.message)}`;
  const frames = (err.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .map((line) => `    ${escapeForLog(line.trim())}`);
  const cause = err.cause === undefined ? [] : [`  caused by ${errorForLog(err.cause)}`];
  return [head, ...frames, ...cause].join("\n");
}

export function logError(prefix: string, err: unknown): void {
  console.error(`${prefix} ${errorForLog(err)}`);
}
