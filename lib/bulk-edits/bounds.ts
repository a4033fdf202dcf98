/** A bulk edit's bounds: the view's size, the dry run's time, how often it writes its progress. */
export interface BulkEditBounds {
  maxRecords: number;
  timeLimitMs: number;
  progressEveryMs: number;
  /** Changes per stored chunk: a few hundred kB of JSON at most, whatever the view's size. */
  chunkSize: number;
}

/**
 * 1,000,000 records: the largest portal the sandbox models; at HubSpot's search rate (5 pages of
 * 200 a second) the dry run reads it in under 17 minutes, inside the 25-minute limit (the job
 * expires at 30).
 */
export const BULK_EDIT_BOUNDS: BulkEditBounds = {
  maxRecords: 1_000_000,
  timeLimitMs: 25 * 60_000,
  progressEveryMs: 1_000,
  chunkSize: 1_000,
};
