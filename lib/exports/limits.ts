/**
 * The bounds of an export (issue 14, item 5). Rows: a million covers every view the search can
 * page through in the time limit (5 searches a second × 200 = 1,000 records/s at best, so about
 * 17 minutes for a million), and a CSV of a million rows of 20 columns stays a few hundred MB.
 */
export const EXPORT_LIMITS = {
  maxRows: 1_000_000,
  /** An export still running after this is stopped and fails with the reason. */
  timeLimitMs: 30 * 60_000,
  /** Queued or running exports per user: more would only share the portal's search budget. */
  runningPerUser: 2,
  /** Visible columns exported at most (HubSpot's search returns at most this many properties well). */
  maxColumns: 250,
  /** Files (and their rows) are deleted this long after they were made. */
  retentionMs: 24 * 60 * 60_000,
} as const;
