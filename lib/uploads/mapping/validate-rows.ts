/**
 * The check before an upload runs: every mapped cell converted, required values and duplicate
 * keys found, with a bounded summary (counts, the first errors, the invalid row numbers) so 100,000
 * rows can be checked in batches without keeping every error. The job uses the same validator per
 * batch to get each row's property map.
 */
import type { TargetColumn } from "../types";
import { cellConverter, type CellConverter } from "@/lib/properties/convert";
import { dateOrderDetector, type DateOrders } from "./date-orders";
import { quote } from "@/lib/properties/normalize";
import type { ReadOptions } from "@/lib/properties/read-options";
import { SKIP, type ColumnMapping, type ConversionOptions } from "./schemas";

import type { UploadMode } from "../../db/values";

export type { UploadMode };

interface CellError {
  /** 1-based data row (the first row under the header is 1). */
  row: number;
  /** The row as a spreadsheet numbers it: the header is row 1. */
  sheetRow: number;
  header: string;
  /** The target property, null for a problem with the row itself. */
  column: string | null;
  value: string;
  reason: string;
}

export type RowResult =
  | { row: number; ok: true; key?: string; properties: Record<string, string> }
  | { row: number; ok: false; errors: CellError[] };

export interface ValidationSummary {
  total: number;
  valid: number;
  invalid: number;
  /** Error count per file header. */
  errorsByColumn: Record<string, number>;
  /** The first `maxErrors` cell errors, in row order. */
  firstErrors: CellError[];
  /** Data row numbers of the invalid rows, ascending (at most MAX_UPLOAD_ROWS numbers). */
  invalidRows: number[];
  /** Problems of the mapping itself; an upload with any must not start. */
  mappingErrors: string[];
  /** Date columns whose values settled day-first or month-first (auto), by file header. */
  dateOrders?: Record<string, "DMY" | "MDY">;
}

export interface ValidationSettings {
  headers: readonly string[];
  mapping: ColumnMapping;
  columns: readonly TargetColumn[];
  /** The upload's conversion options (or any reading options: the shared test passes the grid's). */
  options: ReadOptions;
  mode: UploadMode;
  /**
   * The target key that identifies a row: the record id or unique property in update/upsert
   * (required there), the unique name in create (campaigns' hs_name), checked for duplicates.
   */
  keyColumn?: string;
  /** How many cell errors the summary keeps in full (default 100). */
  maxErrors?: number;
  /** The order each date column's values settled (date-orders.ts), read by a pass before this one. */
  dateOrders?: DateOrders;
}

export interface RowValidator {
  readonly mappingErrors: readonly string[];
  /** Validates the next data row (rows are numbered in the order pushed). */
  push(cells: readonly string[]): RowResult;
  summary(): ValidationSummary;
}

interface Planned {
  index: number;
  header: string;
  column: TargetColumn;
  convert: CellConverter;
  isKey: boolean;
  /** Sent as a property: not for a read-only key (hs_object_id). */
  write: boolean;
  required: boolean;
}

const mapped = (mapping: ColumnMapping, header: string) =>
  Object.hasOwn(mapping, header) ? mapping[header] : undefined;

/** The mapping's own problems, and the columns that will be converted. */
function plan(s: ValidationSettings): { errors: string[]; planned: Planned[] } {
  const errors: string[] = [];
  const planned: Planned[] = [];
  const byKey = new Map(s.columns.map((c) => [c.key, c]));
  const usedBy = new Map<string, string>();
  const keyColumn = s.keyColumn === undefined ? undefined : byKey.get(s.keyColumn);
  if (s.keyColumn !== undefined && !keyColumn)
    errors.push(`The key column “${s.keyColumn}” is not a property of this resource`);
  if (s.mode !== "create" && s.keyColumn === undefined)
    errors.push("Choose the property that identifies the records to update");

  s.headers.forEach((header, index) => {
    const target = mapped(s.mapping, header);
    if (target === undefined || target === SKIP) return;
    const column = byKey.get(target);
    if (!column)
      return void errors.push(`${quote(header)} is mapped to “${target}”, which is not a property of this resource`);
    const other = usedBy.get(target);
    if (other !== undefined) {
      errors.push(
        other === header
          ? `The file has more than one column named ${quote(header)}; rename or skip them`
          : `${quote(other)} and ${quote(header)} are both mapped to ${column.label}; map only one`,
      );
      return;
    }
    usedBy.set(target, header);
    const isKey = column === keyColumn;
    // A read-only column is only ever an identifier; as a value, every one of its cells would fail.
    if (column.readOnly && !isKey)
      return void errors.push(`${column.label} is read-only; skip ${quote(header)} or use it as the key column`);
    // Upsert rows may be updates, so only create enforces requiredOnCreate; HubSpot judges the rest.
    const convertible = isKey && column.readOnly ? { ...column, readOnly: false } : column;
    planned.push({
      index,
      header,
      column,
      convert: cellConverter(convertible, s.options, s.dateOrders?.[column.key]),
      isKey,
      write: !column.readOnly,
      required: s.mode === "create" && !!column.requiredOnCreate,
    });
  });

  if (keyColumn && !usedBy.has(keyColumn.key))
    errors.push(`No column is mapped to ${keyColumn.label}, which identifies the records`);
  if (s.mode === "create") {
    for (const c of s.columns)
      if (c.requiredOnCreate && !c.readOnly && !usedBy.has(c.key))
        errors.push(`${c.label} is required to create records; map a column to it`);
  }
  if (usedBy.size === 0) errors.push("No column is mapped to a property");
  return { errors, planned };
}

const cellError = (
  row: number,
  p: Planned,
  value: string,
  reason: string,
  column: string | null = p.column.key,
): CellError => ({ row, sheetRow: row + 1, header: p.header, column, value, reason });

export function createRowValidator(s: ValidationSettings): RowValidator {
  const { errors: mappingErrors, planned } = plan(s);
  const maxErrors = s.maxErrors ?? 100;
  const firstErrors: CellError[] = [];
  const errorsByColumn: Record<string, number> = {};
  const invalidRows: number[] = [];
  // Lower-cased key → the sheet row it first appeared on. HubSpot treats names and emails
  // case-insensitively ("Launch" and "launch" clash), and ids are digits.
  const seenKeys = new Map<string, number>();
  let total = 0;
  const dateOrders = Object.fromEntries(
    planned.flatMap((p) => {
      const order = s.dateOrders?.[p.column.key];
      return order ? [[p.header, order]] : [];
    }),
  );

  /** The problem of a key seen on an earlier row; otherwise remembers it. */
  function duplicate(key: string, row: number): string | undefined {
    const norm = key.toLowerCase();
    const first = seenKeys.get(norm);
    if (first === undefined) return void seenKeys.set(norm, row + 1);
    return `Duplicate: ${quote(key)} is also in row ${first} of this file`;
  }

  function push(cells: readonly string[]): RowResult {
    const row = ++total;
    let errors: CellError[] | undefined;
    const properties: Record<string, string> = {};
    let key: string | undefined;
    for (const p of planned) {
      const raw = cells[p.index] ?? "";
      const r = p.convert(raw);
      if (!r.ok) {
        (errors ??= []).push(cellError(row, p, raw, r.error));
        continue;
      }
      if (r.value !== undefined && p.write) properties[p.column.key] = r.value;
      if (p.isKey) {
        key = r.value || undefined;
        const problem =
          key === undefined
            ? s.mode === "create"
              ? undefined
              : `No ${p.column.label}: a row needs one to find its record`
            : duplicate(key, row);
        if (problem) (errors ??= []).push(cellError(row, p, raw, problem, null));
      }
      if (p.required && !r.value)
        (errors ??= []).push(cellError(row, p, raw, `${p.column.label} is required to create a record`));
    }
    if (!errors) return key === undefined ? { row, ok: true, properties } : { row, ok: true, key, properties };
    invalidRows.push(row);
    for (const e of errors) {
      errorsByColumn[e.header] = (errorsByColumn[e.header] ?? 0) + 1;
      if (firstErrors.length < maxErrors) firstErrors.push(e);
    }
    return { row, ok: false, errors };
  }

  return {
    mappingErrors,
    push,
    summary: () => ({
      total,
      valid: total - invalidRows.length,
      invalid: invalidRows.length,
      errorsByColumn: { ...errorsByColumn },
      firstErrors: [...firstErrors],
      invalidRows: [...invalidRows],
      mappingErrors: [...mappingErrors],
      ...(Object.keys(dateOrders).length ? { dateOrders } : {}),
    }),
  };
}

export interface ValidateRowsExtra {
  maxErrors?: number;
  /** Settled date orders; found here from an array of rows, from a stream by the caller's first pass. */
  dateOrders?: DateOrders;
  /** Each row's result as it is validated, for a caller that streams them (nothing is kept). */
  onRow?: (result: RowResult) => void;
}

/**
 * Validates a whole file: rows one by one (an array or any iterable), or batches of rows from an
 * async source (a parser reading a stream), which keeps memory to one batch plus the summary.
 */
export function validateRows(
  rows: Iterable<readonly string[]>,
  headers: readonly string[],
  mapping: ColumnMapping,
  columns: readonly TargetColumn[],
  options: ConversionOptions,
  mode: UploadMode,
  keyColumn?: string,
  extra?: ValidateRowsExtra,
): ValidationSummary;
export function validateRows(
  rows: AsyncIterable<readonly (readonly string[])[]>,
  headers: readonly string[],
  mapping: ColumnMapping,
  columns: readonly TargetColumn[],
  options: ConversionOptions,
  mode: UploadMode,
  keyColumn?: string,
  extra?: ValidateRowsExtra,
): Promise<ValidationSummary>;
export function validateRows(
  rows: Iterable<readonly string[]> | AsyncIterable<readonly (readonly string[])[]>,
  headers: readonly string[],
  mapping: ColumnMapping,
  columns: readonly TargetColumn[],
  options: ConversionOptions,
  mode: UploadMode,
  keyColumn?: string,
  extra: ValidateRowsExtra = {},
): ValidationSummary | Promise<ValidationSummary> {
  let { dateOrders } = extra;
  if (!dateOrders && Array.isArray(rows)) {
    const d = dateOrderDetector({ headers, mapping, columns, options });
    if (d.needed) for (const cells of rows as readonly (readonly string[])[]) d.push(cells);
    dateOrders = d.result();
  }
  const v = createRowValidator({
    headers,
    mapping,
    columns,
    options,
    mode,
    keyColumn,
    maxErrors: extra.maxErrors,
    dateOrders,
  });
  const { onRow } = extra;
  if (Symbol.asyncIterator in rows) {
    return (async () => {
      for await (const batch of rows) for (const cells of batch) pushRow(v, cells, onRow);
      return v.summary();
    })();
  }
  for (const cells of rows) pushRow(v, cells, onRow);
  return v.summary();
}

function pushRow(
  v: ReturnType<typeof createRowValidator>,
  cells: readonly string[],
  onRow?: (r: ReturnType<ReturnType<typeof createRowValidator>["push"]>) => void,
) {
  const result = v.push(cells);
  onRow?.(result);
}
