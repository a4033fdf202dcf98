/*
 * What one search filter means, as HubSpot documents it: values compare by the property's type
 * (numbers, and dates as epoch ms, numerically; strings case-insensitively); a multi-checkbox
 * value "a;b" is IN [b]; CONTAINS_TOKEN matches a word of the value, with `*` wildcards; the
 * negative operators (NEQ, NOT_IN, NOT_CONTAINS_TOKEN) also match records without the property.
 * `matchValue` decides for one value; `compileRow` turns a filter into a test on seeded rows
 * that reads typed arrays (evaluating pool columns once per distinct value, not once per row).
 */
import type { CrmPropertyDefinition, SearchFilter } from "../../lib/hubspot/schemas/crm";
import type { SeedTable } from "./crm-columns";

type Def = CrmPropertyDefinition | undefined;

const numericType = (def: Def) => def?.type === "number" || def?.type === "date" || def?.type === "datetime";

/** A comparable form of a value: number for numeric/date types, lowercase string otherwise. */
export function typed(def: Def, v: string): number | string {
  if (def?.type === "number") return Number(v);
  if (def?.type === "date" || def?.type === "datetime") return /^-?\d+$/.test(v) ? Number(v) : Date.parse(v);
  return v.toLowerCase();
}

/** Words of a value; trailing punctuation is dropped too, so "Ltd." is also the token "ltd". */
function tokens(v: string): string[] {
  const words = v
    .toLowerCase()
    .split(/[\s,;:/()"]+/)
    .filter(Boolean);
  return [...words, ...words.map((w) => w.replace(/[.!?]+$/, "")).filter((w, i) => w && w !== words[i])];
}

const wildcardCache = new Map<string, RegExp>();
function wildcard(needle: string): RegExp {
  let re = wildcardCache.get(needle);
  if (!re) {
    const body = needle
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*");
    re = new RegExp(`^${body}$`);
    if (wildcardCache.size > 1000) wildcardCache.clear();
    wildcardCache.set(needle, re);
  }
  return re;
}

function tokenMatch(value: string, needle: string): boolean {
  const n = needle.toLowerCase();
  if (n.includes("*")) {
    const re = wildcard(n);
    return re.test(value.toLowerCase()) || tokens(value).some((t) => re.test(t));
  }
  return value.toLowerCase() === n || tokens(value).includes(n);
}

/** Multi-checkbox values hold several options joined by ";"; IN/NOT_IN look at each. */
const parts = (def: Def, raw: string) => (def?.type === "enumeration" ? raw.split(";") : [raw]);

export function matchValue(raw: string | undefined, f: SearchFilter, def: Def): boolean {
  const has = raw !== undefined && raw !== "";
  const inValues = (r: string) => {
    const wanted = (f.values ?? []).map((v) => typed(def, v));
    return parts(def, r).some((p) => wanted.includes(typed(def, p)));
  };
  switch (f.operator) {
    case "HAS_PROPERTY":
      return has;
    case "NOT_HAS_PROPERTY":
      return !has;
    case "NEQ":
      return !has || typed(def, raw) !== typed(def, f.value ?? "");
    case "NOT_IN":
      return !has || !inValues(raw);
    case "NOT_CONTAINS_TOKEN":
      return !has || !tokenMatch(raw, f.value ?? "");
  }
  if (!has) return false;
  const x = typed(def, raw);
  const v = typed(def, f.value ?? "");
  switch (f.operator) {
    case "EQ":
      return x === v;
    case "GT":
      return x > v;
    case "GTE":
      return x >= v;
    case "LT":
      return x < v;
    case "LTE":
      return x <= v;
    case "BETWEEN":
      return x >= v && x <= typed(def, f.highValue ?? "");
    case "IN":
      return inValues(raw);
    case "CONTAINS_TOKEN":
      return tokenMatch(raw, f.value ?? "");
  }
  return false;
}

/** The numeric test for a numeric property (x is NaN when unset), or undefined for other operators. */
function numericTest(f: SearchFilter, def: Def): ((x: number) => boolean) | undefined {
  const num = (s: string | undefined) => typed(def, s ?? "") as number;
  const v = num(f.value);
  switch (f.operator) {
    case "HAS_PROPERTY":
      return (x) => x === x;
    case "NOT_HAS_PROPERTY":
      return (x) => x !== x;
    case "EQ":
      return (x) => x === v;
    case "NEQ":
      return (x) => x !== v; // NaN (unset) !== v: unset records match, as matchValue says
    case "GT":
      return (x) => x > v;
    case "GTE":
      return (x) => x >= v;
    case "LT":
      return (x) => x < v;
    case "LTE":
      return (x) => x <= v;
    case "BETWEEN": {
      const hi = num(f.highValue);
      return (x) => x >= v && x <= hi;
    }
    case "IN": {
      const set = new Set((f.values ?? []).map(num));
      return (x) => set.has(x);
    }
    case "NOT_IN": {
      const set = new Set((f.values ?? []).map(num));
      return (x) => x !== x || !set.has(x);
    }
  }
  return undefined;
}

export type RowTest = (row: number) => boolean;

/** A filter as a test on seeded rows. */
export function compileRow(t: SeedTable, f: SearchFilter, def: Def): RowTest {
  if (f.propertyName === "hs_object_id") {
    const test = numericTest(f, def);
    const base = t.idBase;
    if (test) return (row) => test(base + row);
    return (row) => matchValue(String(base + row), f, def);
  }
  const col = t.columns.get(f.propertyName);
  if (!col) {
    const always = matchValue(undefined, f, def);
    return () => always;
  }
  if (col.kind === "pool") {
    const hit = new Uint8Array(col.pool.length);
    for (let c = 0; c < col.pool.length; c++) hit[c] = matchValue(col.pool[c], f, def) ? 1 : 0;
    const codes = col.codes;
    return (row) => hit[codes[row]!] === 1;
  }
  const { vals, format } = col;
  const test = numericType(def) ? numericTest(f, def) : undefined;
  if (test) return (row) => test(vals[row]!);
  return (row) => {
    const x = vals[row]!;
    return matchValue(x === x ? format(x) : undefined, f, def);
  };
}

/** The `query` term test for one property of seeded rows (substring, case-insensitive). */
export function compileTerm(t: SeedTable, prop: string, term: string): RowTest {
  const col = t.columns.get(prop);
  if (!col) return () => false;
  if (col.kind === "pool") {
    const hit = new Uint8Array(col.pool.length);
    for (let c = 1; c < col.pool.length; c++) hit[c] = col.pool[c]!.toLowerCase().includes(term) ? 1 : 0;
    const codes = col.codes;
    return (row) => hit[codes[row]!] === 1;
  }
  const { vals, format } = col;
  return (row) => vals[row] === vals[row] && format(vals[row]!).toLowerCase().includes(term);
}
