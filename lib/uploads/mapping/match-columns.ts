/**
 * Which property each file column goes to: exact matches (internal name, label or a synonym such as
 * "Start" for a start date, ignoring case, accents, punctuation and spaces) are assigned; near
 * matches are only suggested. Saved templates
 * re-apply a mapping to a later file with the same (normalised) headers.
 */
import { distance } from "fastest-levenshtein";
import { RECORD_ID_KEY, type TargetColumn } from "../types";
import { normalizeHeader } from "@/lib/properties/normalize";
import {
  ConversionOptionsSchema,
  MappingTemplateSchema,
  SKIP,
  type ColumnMapping,
  type ConversionOptionsInput,
  type MappingTemplate,
} from "./schemas";

type MatchReason = "name" | "label" | "synonym" | "close";

interface ColumnSuggestion {
  key: string;
  label: string;
  reason: MatchReason;
  /** 1 for an exact match, else 1 − Levenshtein distance / longer length. */
  similarity: number;
  /** Shown so the UI can say why it was not assigned. */
  readOnly?: true;
}

export interface ColumnMatch {
  header: string;
  /** Position in the file. */
  index: number;
  /** The property assigned automatically, or null. */
  target: string | null;
  matchedBy?: "name" | "label" | "synonym";
  /** Up to 3 other candidates, best first (never `target` itself). */
  suggestions: ColumnSuggestion[];
}

/** Below this, "close" is noise: "name" ~ "game" (0.75) is suggested, "email" ~ "emailaddress" (0.42) is not. */
const CLOSE_SIMILARITY = 0.6;
const MAX_SUGGESTIONS = 3;

interface Exact {
  header: number;
  target: number;
  /**
   * 0 name as written, 1 label as written, 2 name normalised, 3 label normalised, 4 a synonym
   * normalised: the best pair wins a target.
   */
  rank: number;
}

const REASON: readonly ("name" | "label" | "synonym")[] = ["name", "label", "name", "label", "synonym"];

/**
 * Whether a property can take a file column's values in this mode. A create writes values only:
 * the record id and read-only properties (a campaign's id, its record id) would fail every row,
 * so they are never assigned or suggested there. Other modes show them (one may be the key).
 */
export function usableTarget(t: Pick<TargetColumn, "key" | "readOnly">, mode?: "create" | "update" | "upsert") {
  return mode !== "create" || (t.key !== RECORD_ID_KEY && !t.readOnly);
}

const similarity = (a: string, b: string) =>
  a === "" || b === "" ? 0 : 1 - distance(a, b) / Math.max(a.length, b.length);

export function matchColumns(
  headers: readonly string[],
  all: readonly TargetColumn[],
  mode?: "create" | "update" | "upsert",
): ColumnMatch[] {
  const targets = all.filter((t) => usableTarget(t, mode));
  const hs = headers.map(normalizeHeader);
  const ts = targets.map((t) => ({
    name: normalizeHeader(t.key),
    label: normalizeHeader(t.label),
    synonyms: (t.synonyms ?? []).map(normalizeHeader),
  }));

  const exact: Exact[] = [];
  headers.forEach((header, h) => {
    const raw = header.trim();
    if (hs[h] === "") return;
    targets.forEach((t, i) => {
      const n = ts[i]!;
      const rank =
        raw === t.key
          ? 0
          : raw === t.label.trim()
            ? 1
            : hs[h] === n.name
              ? 2
              : hs[h] === n.label
                ? 3
                : n.synonyms.includes(hs[h]!)
                  ? 4
                  : -1;
      if (rank >= 0) exact.push({ header: h, target: i, rank });
    });
  });
  // Greedy by rank, then file order: each header and each target is assigned at most once.
  exact.sort((a, b) => a.rank - b.rank || a.header - b.header || a.target - b.target);
  const assigned = new Map<number, Exact>();
  const taken = new Set<number>();
  for (const e of exact) {
    if (assigned.has(e.header) || taken.has(e.target) || targets[e.target]!.readOnly) continue;
    assigned.set(e.header, e);
    taken.add(e.target);
  }

  return headers.map((header, h) => {
    const own = assigned.get(h);
    const suggestions: ColumnSuggestion[] = [];
    const seen = new Set<number>(own ? [own.target] : []);
    const suggest = (i: number, reason: MatchReason, sim: number) => {
      seen.add(i);
      const t = targets[i]!;
      suggestions.push({
        key: t.key,
        label: t.label,
        reason,
        similarity: sim,
        ...(t.readOnly ? { readOnly: true as const } : {}),
      });
    };
    // Exact matches this header did not get (taken by an earlier header, or read-only) come first.
    for (const e of exact) if (e.header === h && !seen.has(e.target)) suggest(e.target, REASON[e.rank]!, 1);
    // Near spellings of a read-only property are noise: it can take no values, only be a key.
    const close = ts
      .map((t, i) => ({
        i,
        sim: Math.max(
          similarity(hs[h]!, t.name),
          similarity(hs[h]!, t.label),
          ...t.synonyms.map((s) => similarity(hs[h]!, s)),
        ),
      }))
      .filter((c) => c.sim >= CLOSE_SIMILARITY && !seen.has(c.i) && !targets[c.i]!.readOnly)
      .sort((a, b) => b.sim - a.sim || a.i - b.i);
    for (const c of close) suggest(c.i, "close", Math.round(c.sim * 1000) / 1000);
    const target = own ? targets[own.target]!.key : null;
    return {
      header,
      index: h,
      target,
      ...(own ? { matchedBy: REASON[own.rank]! } : {}),
      suggestions: suggestions.slice(0, MAX_SUGGESTIONS),
    };
  });
}

/** The mapping the matches propose: assigned targets, everything else skipped. */
export function mappingFromMatches(matches: readonly ColumnMatch[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const m of matches) if (!Object.hasOwn(mapping, m.header)) mapping[m.header] = m.target ?? SKIP;
  return mapping;
}

export interface TemplateApplication {
  /** exact: same header set; partial: some headers in common; none: nothing in common, nothing applied. */
  match: "exact" | "partial" | "none";
  /** File header → target or "skip", for the headers the template knows (and whose target still exists). */
  mapping: ColumnMapping;
  /** File headers the template does not know: they need a choice. */
  newHeaders: string[];
  /** Template headers (normalised) the file no longer has. */
  missingHeaders: string[];
  /** File headers whose saved target is not a property any more (only when `targets` is given). */
  staleHeaders: string[];
}

/**
 * Re-applies a template to a file's headers. A file header that normalises like an earlier one
 * ("Email" after "E-mail") is treated as new, so one target is not mapped twice.
 */
export function applyTemplate(
  headers: readonly string[],
  template: MappingTemplate,
  targets?: readonly TargetColumn[],
): TemplateApplication {
  const known = new Set(template.headers);
  const keys = targets && new Set(targets.map((t) => t.key));
  const used = new Set<string>();
  const mapping: ColumnMapping = {};
  const newHeaders: string[] = [];
  const staleHeaders: string[] = [];
  for (const header of headers) {
    const n = normalizeHeader(header);
    if (!known.has(n) || used.has(n) || Object.hasOwn(mapping, header)) {
      newHeaders.push(header);
      continue;
    }
    used.add(n);
    const target = Object.hasOwn(template.mapping, n) ? template.mapping[n]! : SKIP;
    if (keys && target !== SKIP && !keys.has(target)) staleHeaders.push(header);
    else mapping[header] = target;
  }
  const missingHeaders = template.headers.filter((h) => !used.has(h));
  const match =
    used.size === 0
      ? "none"
      : newHeaders.length + missingHeaders.length + staleHeaders.length === 0
        ? "exact"
        : "partial";
  return { match, mapping: match === "none" ? {} : mapping, newHeaders, missingHeaders, staleHeaders };
}

/** A template from the mapping a user confirmed: headers and mapping keys normalised, then checked. */
export function createTemplate(
  input: {
    name: string;
    target: string;
    headers: readonly string[];
    mapping: ColumnMapping;
    options: ConversionOptionsInput;
  },
  now = new Date(),
): MappingTemplate {
  const headers: string[] = [];
  const mapping: ColumnMapping = {};
  for (const header of input.headers) {
    const n = normalizeHeader(header);
    if (n === "" || headers.includes(n)) continue;
    headers.push(n);
    mapping[n] = Object.hasOwn(input.mapping, header) ? input.mapping[header]! : SKIP;
  }
  return MappingTemplateSchema.parse({
    name: input.name,
    target: input.target,
    headers,
    mapping,
    options: ConversionOptionsSchema.parse(input.options),
    createdAt: now.toISOString(),
  });
}
