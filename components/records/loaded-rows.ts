import { asOfAt } from "@/lib/batch/as-of";
import { appendedTo, extend } from "./appended";
import type { RecordPage, RecordRow, RecordWindow } from "@/lib/records/page";

/**
 * A loaded row with its `asOf`: the latest stamp the grid knew to be no later than the row's read,
 * i.e. the first page's `newestBefore` (HubSpot's clock, or the portal's newest updatedAt, taken just
 * before the first page) or the newest updatedAt of the pages up to and including the row's own,
 * whichever is later.
 */
export type LoadedRow = RecordRow & { asOf: string };

/**
 * Each row's asOf (see RowBaseline.asOf). Pages load one after another (after `newestBefore` was
 * taken), so every updatedAt seen on pages 1..k, and `newestBefore`, is no later than HubSpot's time
 * when page k was read: a change to a row of page k made after it was read is stamped later than all
 * of them. The newest of ALL pages (at submit time) would be wrong for rows of earlier pages: a row
 * changed between its page and a later one can be stamped before a record of that later page. Rows
 * are annotated once per page (cached by page object, which TanStack keeps while later pages are
 * appended), so the grid's row cache keeps working.
 *
 * Called once per arriving page with every page so far: when `pages` only appends to the previous
 * call's (same first page), only the new pages are walked, so loading n rows is O(n) row work, not
 * O(n²) (a 100,000-row list arrives as 1,000 pages).
 */
interface Walk {
  pages: readonly RecordPage[];
  rows: LoadedRow[];
  asOf: string;
  asOfMs: number;
}
const annotated = new WeakMap<RecordPage, { prior: string; rows: LoadedRow[] }>();
const walks = new WeakMap<RecordPage, Walk>();

export function withAsOf(pages: readonly RecordPage[]): LoadedRow[] {
  const first = pages[0];
  if (!first) return [];
  const last = walks.get(first);
  const from = appendedTo(last?.pages, pages);
  let asOf = from > 0 ? last!.asOf : (first.newestBefore ?? "");
  let asOfMs = from > 0 ? last!.asOfMs : Date.parse(asOf);
  const added: LoadedRow[] = [];
  for (const page of pages.slice(Math.max(from, 0))) {
    const prior = asOf;
    for (const r of page.rows) {
      const ms = Date.parse(r.updatedAt);
      // As `newer`: a later stamp replaces it; an unreadable current stamp is never replaced.
      if (!asOf || ms > asOfMs) {
        asOf = r.updatedAt;
        asOfMs = ms;
      }
    }
    let cached = annotated.get(page);
    if (!cached || cached.prior !== prior)
      annotated.set(page, (cached = { prior, rows: page.rows.map((r) => ({ ...r, asOf })) }));
    for (const r of cached.rows) added.push(r);
  }
  const rows = from > 0 ? extend(last!.rows, added) : added;
  walks.set(first, { pages, rows, asOf, asOfMs });
  return rows;
}

/**
 * A CRM window's row as the edit store loads it. Its asOf is the later of its own updatedAt and the
 * window's `loadedAt`, which the server took on HubSpot's clock before the search, less the search's
 * lag margin (the browser's clock is not HubSpot's). So the submit's "changed since" scan reaches
 * back seconds, not to the row's last edit. One object per row object (the grid caches rows by identity).
 */
const windowRows = new WeakMap<object, LoadedRow>();
export function loadedWindowRow(r: RecordWindow["rows"][number], loadedAt: string | undefined): LoadedRow {
  let row = windowRows.get(r);
  if (!row) windowRows.set(r, (row = { ...r, asOf: asOfAt(r.updatedAt, loadedAt) }));
  return row;
}
