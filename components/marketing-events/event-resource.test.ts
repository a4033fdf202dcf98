import { describe, expect, it } from "vitest";
import { applyChanges } from "@/components/records/edits/apply-changes";
import { buildOperations } from "@/components/records/edits/build-operations";
import { emptyEditState, type BaseRow } from "@/components/records/edits/types";
import { customPropertyKeys, eventResource } from "./event-resource";

const rows: BaseRow[] = [
  {
    id: "e1",
    updatedAt: "2026-01-01T00:00:00.000Z",
    properties: {
      eventName: "Launch",
      startDateTime: "2026-03-01T09:00:00.000Z",
      endDateTime: "2026-03-01T17:00:00.000Z",
      region: "EMEA",
    },
  },
];
const baseOf = (id: string) => rows.find((r) => r.id === id);

describe("eventResource", () => {
  const resource = eventResource("v3", ["region"]);

  it("carries the API version in its ref and offers custom properties as columns", () => {
    expect(resource.ref).toEqual({ type: "marketing-events", apiVersion: "v3" });
    expect(resource.canCreate).toBe(false);
    expect(resource.columns.find((c) => c.key === "region")).toMatchObject({ type: "text" });
    expect(resource.columns.find((c) => c.key === "registrants")?.readOnly).toBe(true);
    expect(resource.columns.find((c) => c.key === "startDateTime")?.type).toBe("datetime");
    expect(
      customPropertyKeys([{ properties: { eventName: "x", region: "A", language: "en", registrants: "3" } }]),
    ).toEqual(["language", "region"]);
  });

  it("checks end after start against the stored start when only the end changes", () => {
    const s = applyChanges(
      emptyEditState(),
      [{ rowId: "e1", key: "endDateTime", value: "2026-03-01T08:00:00.000Z" }],
      baseOf,
      "eventName",
    );
    const issues = resource.validate(s, rows, baseOf);
    expect(issues.get("e1")?.endDateTime).toMatch(/can't end before it starts/);
    expect(buildOperations(s, issues)).toEqual([]);
  });

  it("flags URLs, unreadable date-times, empty names and read-only fields; sends good rows", () => {
    const s = applyChanges(
      emptyEditState(),
      [
        { rowId: "e1", key: "eventUrl", value: "not a url" },
        { rowId: "e1", key: "startDateTime", value: "next tuesday" },
        { rowId: "e1", key: "eventName", value: "" },
        { rowId: "e1", key: "registrants", value: "5" },
      ],
      baseOf,
      "eventName",
    );
    const issues = resource.validate(s, rows, baseOf).get("e1")!;
    expect(issues.eventUrl).toMatch(/full web address/);
    expect(issues.startDateTime).toMatch(/must be a date and time like 03\/31\/2026 09:00/);
    expect(issues.eventName).toMatch(/needs a name/);
    expect(issues.registrants).toMatch(/set by HubSpot/);

    const ok = applyChanges(
      emptyEditState(),
      [
        { rowId: "e1", key: "region", value: "APAC" },
        { rowId: "e1", key: "eventCancelled", value: "true" },
      ],
      baseOf,
      "eventName",
    );
    expect(resource.validate(ok, rows, baseOf).size).toBe(0);
    expect(buildOperations(ok, new Map())).toEqual([
      {
        rowKey: "e1",
        kind: "update",
        id: "e1",
        properties: { region: "APAC", eventCancelled: "true" },
        baseline: { updatedAt: rows[0]!.updatedAt, values: { region: "EMEA", eventCancelled: null } },
      },
    ]);
  });
});
