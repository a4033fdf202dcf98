/**
 * One file cell or one typed/pasted grid cell → the string HubSpot stores for a property, or a
 * user-facing error that quotes the value and says what was expected. The grid and the uploads
 * share it, so they accept exactly the same text (components/records/property-accepts.test.ts).
 * Converters are compiled once per column and options (option lookups, boolean words), as
 * validate-rows calls them for every cell of up to 100,000 rows.
 */
import { distance } from "fastest-levenshtein";
import type { PropertyDef as TargetColumn } from "./types";
import { formatFor, readDate, readDateTime, type DateOrder } from "./dates";
import { foldText, quote } from "./normalize";
import { readNumber } from "./numbers";
import type { ReadOptions as ConversionOptions } from "./read-options";
import { hasTextRules, MAX_TEXT_LENGTH, textRuleProblem } from "./rules";

/** `value: undefined` leaves the property unchanged (it is not sent); "" clears it. */
export type ConvertResult = Readonly<{ ok: true; value: string | undefined } | { ok: false; error: string }>;
export type CellConverter = (raw: string) => ConvertResult;

export { MAX_TEXT_LENGTH };

export function convertCell(column: TargetColumn, raw: string, opts: ConversionOptions): ConvertResult {
  return cellConverter(column, opts)(raw);
}

const compiled = new WeakMap<TargetColumn, WeakMap<ConversionOptions, CellConverter>>();

/**
 * The converter of one column under one set of options, compiled on first use. `order` is the
 * day/month order the column's own values settled (date-orders.ts) for its ambiguous cells in auto.
 */
export function cellConverter(column: TargetColumn, opts: ConversionOptions, order?: DateOrder): CellConverter {
  if (order) return compile(column, opts, order); // once per column and validator: not worth a cache
  let byOpts = compiled.get(column);
  if (!byOpts) compiled.set(column, (byOpts = new WeakMap()));
  let fn = byOpts.get(opts);
  if (!fn) byOpts.set(opts, (fn = compile(column, opts)));
  return fn;
}

const ok = (value: string | undefined): ConvertResult => ({ ok: true, value });
const fail = (error: string): ConvertResult => ({ ok: false, error });

function compile(column: TargetColumn, opts: ConversionOptions, order?: DateOrder): CellConverter {
  // An empty cell never fails. "clear" sends "" except for a property a record must have (a
  // campaign's name): clearing it would only be rejected, so it is left as it is.
  // A read-only property is never written, so its empty cells are never a clear either.
  const empty = ok(opts.emptyMeans === "clear" && !column.requiredOnCreate && !column.readOnly ? "" : undefined);
  const typed = column.readOnly ? readOnly(column) : typedConverter(column, opts, empty, order);
  const convert = MEMOISED.has(column.type) ? memoised(typed) : typed;
  return (raw) => {
    const text = raw.trim();
    return text === "" ? empty : convert(text);
  };
}

/**
 * Columns whose cells repeat (a status, tags, a currency, yes/no, dates) remember their first
 * 5,000 distinct results: folding accents costs more than a lookup. Results are never mutated.
 */
const MEMOISED = new Set<TargetColumn["type"]>(["enum", "multi", "currency", "bool", "date"]);
function memoised(convert: CellConverter): CellConverter {
  const seen = new Map<string, ConvertResult>();
  return (text) => {
    let r = seen.get(text);
    if (!r) {
      r = convert(text);
      if (seen.size < 5000) seen.set(text, r);
    }
    return r;
  };
}

function readOnly(column: TargetColumn): CellConverter {
  return (text) => fail(`${column.label} is read-only: ${quote(text)} can't be written`);
}

/** Converters for a trimmed, non-empty cell. */
function typedConverter(
  column: TargetColumn,
  opts: ConversionOptions,
  empty: ConvertResult,
  order?: DateOrder,
): CellConverter {
  const { dateFormat, decimalSeparator: decimal, timeZone } = opts;
  switch (column.type) {
    case "text":
      // A single-line property: line breaks from wrapped cells become one space.
      return withRules(column, (text) =>
        checkLength(text.includes("\n") || text.includes("\r") ? text.replace(/\s*[\r\n]+\s*/g, " ") : text),
      );
    case "longText":
      return withRules(column, (text) => checkLength(text.replace(/\r\n?/g, "\n")));
    case "number":
      return (text) => {
        const n = readNumber(text, decimal);
        return n === null
          ? fail(
              `${quote(text)} is not a number (decimal separator “${decimal}”${decimal === "." ? ", thousands “,”" : ", thousands “.”"})`,
            )
          : ok(n);
      };
    case "currency":
      return currencyConverter(column);
    case "date":
      if (typeof dateFormat !== "string") return (text) => readDate(text, formatFor(text, dateFormat), decimal, order);
      return (text) => readDate(text, dateFormat, decimal, order);
    case "datetime":
      if (typeof dateFormat !== "string")
        return (text) => readDateTime(text, formatFor(text, dateFormat), decimal, timeZone, order);
      return (text) => readDateTime(text, dateFormat, decimal, timeZone, order);
    case "enum":
      return optionConverter(column) ?? ok;
    case "multi":
      return multiConverter(column, empty);
    case "bool":
      return boolConverter(column, opts);
  }
}

/** The property's own limit and format (rules.ts), only for the properties that have them. */
function withRules(column: TargetColumn, convert: CellConverter): CellConverter {
  if (!hasTextRules(column)) return convert;
  return (text) => {
    const r = convert(text);
    const problem = r.ok && r.value ? textRuleProblem(column, r.value) : null;
    return problem ? fail(problem) : r;
  };
}

function checkLength(text: string): ConvertResult {
  return text.length > MAX_TEXT_LENGTH
    ? fail(`${quote(text)} is longer than ${MAX_TEXT_LENGTH.toLocaleString("en")} characters, HubSpot's limit`)
    : ok(text);
}

/**
 * Option lookup: the internal value or the label as written, then either one case- and
 * accent-insensitively ("en cours" → "En cours", "CAFE" → "Café"). Two options that fold to the
 * same word make that spelling ambiguous rather than first-wins. No options: any text is taken.
 */
function optionConverter(column: TargetColumn): CellConverter | null {
  const options = column.options ?? [];
  if (options.length === 0) return null;
  const exact = new Map<string, string>();
  for (const o of options) if (!exact.has(o.value)) exact.set(o.value, o.value);
  for (const o of options) if (!exact.has(o.label)) exact.set(o.label, o.value);
  const folded = new Map<string, string | null>();
  for (const o of options) {
    for (const word of [o.value, o.label]) {
      const k = foldText(word);
      const seen = folded.get(k);
      folded.set(k, seen === undefined || seen === o.value ? o.value : null);
    }
  }
  return (text) => {
    const hit = exact.get(text) ?? folded.get(foldText(text));
    if (typeof hit === "string") return ok(hit);
    if (hit === null)
      return fail(`${quote(text)} matches more than one option of ${column.label}; use the internal value`);
    return fail(notAnOption(text, column));
  };
}

/** Names a few valid labels, and the nearest one when the value looks like a typo. */
function notAnOption(text: string, column: TargetColumn): string {
  const labels = (column.options ?? []).map((o) => o.label);
  const shown =
    labels
      .slice(0, 5)
      .map((l) => `“${l}”`)
      .join(", ") + (labels.length > 5 ? `, … (${labels.length} in all)` : "");
  const t = foldText(text);
  let best = "";
  let bestScore = 0;
  for (const label of labels) {
    const f = foldText(label);
    const score = 1 - distance(t, f) / Math.max(t.length, f.length, 1);
    if (score > bestScore) [best, bestScore] = [label, score];
  }
  const hint = bestScore >= 0.6 ? ` Did you mean “${best}”?` : "";
  return `${quote(text)} is not an option of ${column.label} (expected ${shown}).${hint}`;
}

/** Codes are stored upper-case; checked against the column's options, else against what Intl knows. */
function currencyConverter(column: TargetColumn): CellConverter {
  const lookup = optionConverter(column);
  if (lookup) return (text) => lookup(text.toUpperCase());
  const known = new Set(Intl.supportedValuesOf("currency"));
  return (text) => {
    const code = text.toUpperCase();
    return known.has(code)
      ? ok(code)
      : fail(`${quote(text)} is not a currency code (expected ISO 4217, e.g. EUR, USD)`);
  };
}

/**
 * A multiple-choice cell: split on ";" (HubSpot's own separator) if there is one, else on ",", so a
 * label containing a comma survives in a ";" list or alone. Each part is read like an enum; the
 * values are de-duplicated and joined with ";".
 */
function multiConverter(column: TargetColumn, empty: ConvertResult): CellConverter {
  const one = optionConverter(column);
  return (text) => {
    if (one) {
      const whole = one(text);
      if (whole.ok) return whole;
    }
    const values: string[] = [];
    for (const part of text.split(text.includes(";") ? ";" : ",")) {
      const p = part.trim();
      if (p === "") continue;
      const r = one ? one(p) : ok(p);
      if (!r.ok) return fail(p === text ? r.error : `In ${quote(text)}: ${r.error}`);
      if (r.value !== undefined && !values.includes(r.value)) values.push(r.value);
    }
    return values.length === 0 ? empty : ok(values.join(";")); // ";" alone is an empty cell
  };
}

/**
 * Yes/no: the option words (true/yes/y/1, false/no/n/0 by default, any case or accent) and the
 * property's own option labels and values (HubSpot's booleancheckbox "Yes"/"No"), in the grid as in an upload.
 */
function boolConverter(column: TargetColumn, opts: ConversionOptions): CellConverter {
  const words = new Map<string, string>();
  for (const [list, value] of [
    [opts.booleanTrue, "true"],
    [opts.booleanFalse, "false"],
  ] as const) {
    for (const w of list) words.set(foldText(w), value).set(w, value); // as written: the lookup without folding
  }
  for (const o of column.options ?? [])
    for (const w of [o.label, o.value]) words.set(foldText(w), o.value).set(w, o.value);
  const expected = `${opts.booleanTrue.join(", ")} / ${opts.booleanFalse.join(", ")}`;
  return (text) => {
    const v = words.get(text) ?? words.get(foldText(text));
    return v ? ok(v) : fail(`${quote(text)} is not yes or no (expected ${expected})`);
  };
}
