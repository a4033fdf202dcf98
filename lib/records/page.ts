/**
 * One page of any resource's records as the grid loads them: flat string properties per row
 * (marketing events' custom properties sit beside their standard fields), whatever HubSpot's shape.
 */
export interface RecordRow {
  id: string;
  createdAt: string;
  updatedAt: string;
  properties: Record<string, string | null>;
}

export interface RecordPage {
  rows: RecordRow[];
  /** All matching records, or null when the resource's list does not say (marketing events). */
  total: number | null;
  nextAfter: string | null;
  /**
   * First page only, campaigns only: a valid asOf for every row loaded from then on, taken BEFORE the
   * page was read: HubSpot's clock (a lower bound), or, while that is not known yet, the portal's
   * newest updatedAt (null when the portal is empty). See components/records/loaded-rows.ts.
   */
  newestBefore?: string | null;
}

/** The rows of a view from a position on, as the windowed grid loads them (CRM views, lib/crm/view-window.ts). */
export interface RecordWindow {
  /** The position of `rows[0]` in the view. */
  start: number;
  rows: RecordRow[];
  /** The view's records, as counted when this window was read. */
  total: number;
  /** "id": rows are in record id order, so each is an anchor for later windows; "sort": the view's own sort. */
  order: "id" | "sort";
  /** The view's sort could not be kept: it holds more records than can be paged through sorted. */
  sortIgnored: boolean;
  /**
   * The window's load time on HubSpot's clock, already less the search's lag margin (server-side,
   * lib/hubspot/load-time.ts): every change to a row that the row does not reflect is stamped after
   * it. A row's asOf is the later of this and its own updatedAt. Absent while HubSpot's clock is unknown.
   */
  loadedAt?: string;
}
