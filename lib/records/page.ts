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
   * First page only, campaigns only: the newest updatedAt in the portal, read just BEFORE the page
   * (null when the portal is empty). See components/records/loaded-rows.ts.
   */
  newestBefore?: string | null;
}
