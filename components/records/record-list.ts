import type { ActionError } from "@/lib/actions/result";
import type { LoadedRow } from "./loaded-rows";

export interface WindowedRows {
  /** The view's records (the grid's row count). */
  total: number;
  /** The loaded row at a position of the view, or undefined while it loads. */
  rowAt(position: number): LoadedRow | undefined;
  /** The positions the grid shows (first and last visible): windows around them load. */
  onVisibleRange(top: number, bottom: number): void;
  /** The view's sort could not be kept (too many records to page through sorted). */
  sortIgnored: boolean;
}

/** A grid's records: the whole list (campaigns, events), or the windows of a CRM view (`windowed`). */
export interface RecordList {
  /** The loaded rows (every record, or the loaded windows' rows). */
  rows: LoadedRow[];
  total: number | null;
  loading: boolean;
  loadingMore: boolean;
  error: ActionError | null;
  refetch: () => unknown;
  /** Present when the list is read in windows: rows by position, not all loaded. */
  windowed?: WindowedRows;
}
