/**
 * Numbers written as text → plain notation ("1234.5"), kept as a string: HubSpot stores numbers as
 * strings, and a round trip through a JS number would corrupt long ids (> 2^53).
 */
export type DecimalSeparator = "." | ",";

// Grouping: the other separator, spaces (incl. no-break and the narrow ones French uses) and the
// Swiss apostrophe; always in groups of three, so "1,5" with "." is an error, not 15.
const GROUP = String.raw`[\s\u00a0\u202f'’]`;
const PATTERN: Record<DecimalSeparator, RegExp> = {
  ".": new RegExp(String.raw`^([+-]?)(\d{1,3}(?:(?:,|${GROUP})\d{3})+|\d*)(?:\.(\d+))?$`),
  ",": new RegExp(String.raw`^([+-]?)(\d{1,3}(?:(?:\.|${GROUP})\d{3})+|\d*)(?:,(\d+))?$`),
};
const PLAIN: Record<DecimalSeparator, RegExp> = { ".": /^-?\d+(?:\.\d+)?$/, ",": /^-?\d+$/ };
/** JS notation with an exponent, as the XLSX parser writes very large or small numbers. */
const EXPONENT = /^[+-]?(?:\d+\.?\d*|\.\d+)e[+-]?\d+$/i;

/** The number in plain notation, or null when `text` (trimmed) is not one with this decimal separator. */
export function readNumber(text: string, decimal: DecimalSeparator): string | null {
  if (PLAIN[decimal].test(text)) return text; // the common case, without a replace
  const t = text.replace(/^\u2212/, "-"); // a typographic minus
  const m = PATTERN[decimal].exec(t);
  if (m) {
    const [, sign, int = "", frac] = m;
    if (int === "" && frac === undefined) return null;
    return `${sign === "-" ? "-" : ""}${int.replace(/\D/g, "") || "0"}${frac === undefined ? "" : `.${frac}`}`;
  }
  if (decimal === "." && EXPONENT.test(t) && Number.isFinite(Number(t))) return t.replace(/^\+/, "");
  return null;
}
