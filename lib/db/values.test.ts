import { describe, expect, it } from "vitest";
import * as t from "./schema";
import * as v from "./values";

/** Each state-like column takes its allowed values from lib/db/values.ts, not from a comment. */
describe("state-like columns", () => {
  it.each([
    ["connections.status", t.connections.status, v.CONNECTION_STATUSES],
    ["submissions.source", t.submissions.source, v.SUBMISSION_SOURCES],
    ["submissions.state", t.submissions.state, v.SUBMISSION_STATES],
    ["submission_rows.kind", t.submissionRows.kind, v.ROW_KINDS],
    ["submission_rows.status", t.submissionRows.status, v.ROW_STATUSES],
    ["submission_rows.resolution", t.submissionRows.resolution, v.ROW_RESOLUTIONS],
    ["uploads.kind", t.uploads.kind, v.UPLOAD_KINDS],
    ["uploads.mode", t.uploads.mode, v.UPLOAD_MODES],
  ])("%s lists its values", (_name, column, values) => {
    expect(column.enumValues).toEqual([...values]);
  });

  it("narrows outside text to a column's values", () => {
    expect(v.isOneOf(v.ROW_STATUSES, "failed")).toBe(true);
    expect(v.isOneOf(v.ROW_STATUSES, "FAILED")).toBe(false);
    expect(v.isOneOf(v.ROW_STATUSES, undefined)).toBe(false);
  });

  it("keeps an upload's key column in its own column", () => {
    expect(t.uploads.keyColumn.name).toBe("key_column");
  });
});
