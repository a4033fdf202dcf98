import { describe, expect, it } from "vitest";
import type { CreateOp, UpdateOp } from "../batch/adapter";
import { campaignBatchAdapter, correlateCreates, correlateUpdates } from "./campaign-batch-adapter";
import { campaignRequestError } from "./campaign-batch-errors";
import type { CampaignBatchResponse } from "./schemas/campaigns";

/** Correlation of HubSpot's batch answers to rows, on hand-written responses (no sandbox). */
const campaign = (id: string, name: string) => ({
  id,
  properties: { hs_name: name },
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-02T00:00:00Z",
  businessUnits: [],
});
const itemError = (category: string, message: string, context: Record<string, string[]>, subCategory?: string) => ({
  status: "error",
  category,
  message,
  context,
  errors: [] as { message: string; code?: string; in?: string }[],
  links: {},
  subCategory,
});
const response = (
  results: ReturnType<typeof campaign>[],
  errors: ReturnType<typeof itemError>[] = [],
): CampaignBatchResponse =>
  ({ status: "COMPLETE", results, startedAt: "", completedAt: "", errors }) as CampaignBatchResponse;

describe("correlateUpdates", () => {
  const ops: UpdateOp[] = ["a", "b", "c", "d"].map((id) => ({
    rowKey: `row-${id}`,
    kind: "update",
    id,
    properties: { hs_start_date: "2026-03-31T00:00:00Z" },
  }));
  it("matches results by id and errors by context.ids (one error may name several rows)", () => {
    const r = correlateUpdates(
      ops,
      response(
        [campaign("d", "D"), campaign("a", "A")],
        [itemError("OBJECT_NOT_FOUND", "Could not find campaigns with ids: b, c", { ids: ["b", "c"] })],
      ),
    );
    expect([...r.saved.keys()].sort()).toEqual(["row-a", "row-d"]);
    expect(r.saved.get("row-d")).toEqual({ id: "d", updatedAt: "2026-01-02T00:00:00Z", properties: { hs_name: "D" } });
    expect([...r.failed.keys()].sort()).toEqual(["row-b", "row-c"]);
    expect(r.failed.get("row-b")).toMatchObject({ category: "OBJECT_NOT_FOUND", code: "OBJECT_NOT_FOUND" });
  });
  it("an error without a known id is unassigned", () => {
    const r = correlateUpdates(ops, response([], [itemError("VALIDATION_ERROR", "?", {}, "INVALID_DATE_PROPERTY")]));
    expect(r.unassigned).toHaveLength(1);
  });
});

describe("correlateCreates", () => {
  const ops: CreateOp[] = [
    { rowKey: "1", kind: "create", properties: { hs_name: "Spring Launch" } },
    { rowKey: "2", kind: "create", properties: { hs_name: "Summer", hs_start_date: "2026-06-01T09:00" } },
    { rowKey: "3", kind: "create", properties: {} },
  ];
  it("matches unordered results by name (trimmed, case-insensitive) and errors by context.name", () => {
    const r = correlateCreates(
      ops,
      response(
        [campaign("x", "spring launch ")],
        [
          {
            ...itemError(
              "VALIDATION_ERROR",
              "bad date",
              { name: ["Summer"], propertyName: ["hs_start_date"] },
              "INVALID_DATE_PROPERTY",
            ),
            errors: [{ message: "bad", code: "INVALID_DATE_PROPERTY", in: "hs_start_date" }],
          },
          itemError(
            "VALIDATION_ERROR",
            'Property "hs_name" is required to create a campaign.',
            { propertyName: ["hs_name"] },
            "REQUIRED_PROPERTY",
          ),
        ],
      ),
    );
    expect(r.saved.get("1")?.id).toBe("x");
    expect(r.failed.get("2")).toMatchObject({
      code: "INVALID_DATE_PROPERTY",
      property: "hs_start_date",
      message: "Start date must be a date like 2026-03-31, not a date and time.",
    });
    expect(r.unassigned).toMatchObject([{ code: "REQUIRED_PROPERTY", message: "A campaign needs a name." }]);
  });
});

describe("campaignRequestError", () => {
  it("keeps HubSpot's category and message, and explains missing scopes", () => {
    expect(
      campaignRequestError(400, { category: "VALIDATION_ERROR", message: "Invalid input JSON" }, "x"),
    ).toMatchObject({
      category: "VALIDATION_ERROR",
      message: "HubSpot rejected this campaign: Invalid input JSON",
    });
    expect(campaignRequestError(403, { category: "MISSING_SCOPES", message: "no" }, "x").message).toMatch(
      /Reconnect HubSpot/,
    );
  });
});

describe("findByKeys", () => {
  /** A fake HubSpot list: `total` campaigns, 100 a page; a `name` query answers only its matches. */
  function list(total: number) {
    const all = Array.from({ length: total }, (_, i) => campaign(`id-${i}`, `Campaign ${i}`));
    const calls: Record<string, unknown>[] = [];
    const http = {
      async request(_path: string, o: { query?: Record<string, unknown> }) {
        const q = o.query ?? {};
        calls.push(q);
        const rows = q.name ? all.filter((c) => c.properties.hs_name.toLowerCase() === q.name) : all;
        const start = Number(q.after ?? 0);
        const next = start + 100 < rows.length ? { next: { after: String(start + 100) } } : undefined;
        return { total: rows.length, results: rows.slice(start, start + 100), paging: next };
      },
    };
    return { http: http as never, calls };
  }
  const keys = ["campaign 3", "campaign 250", "nope a", "nope b"];

  it("a preview reads the whole list when its pages are fewer than the names (issue 11, item 11)", async () => {
    const { http, calls } = list(300);
    const found = await campaignBatchAdapter.findByKeys!(http, keys, { preview: true }, []);
    expect([...found.keys()].sort()).toEqual(["campaign 250", "campaign 3"]);
    expect(found.get("campaign 250")!.id).toBe("id-250");
    expect(calls.every((q) => q.name === undefined)).toBe(true);
    expect(calls).toHaveLength(3);
  });

  it("looks names up one by one when that is cheaper, and always for the engine (never a list that can miss a record)", async () => {
    const big = list(1_000);
    expect((await campaignBatchAdapter.findByKeys!(big.http, keys, { preview: true }, [])).size).toBe(2);
    expect(big.calls.filter((q) => q.name !== undefined)).toHaveLength(4);
    const small = list(300);
    expect((await campaignBatchAdapter.findByKeys!(small.http, keys, {}, [])).size).toBe(2);
    expect(small.calls.map((q) => q.name).sort()).toEqual([...keys].sort());
  });
});
