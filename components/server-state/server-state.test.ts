import { describe, expect, it } from "vitest";
import { actionErrorOf, ActionFailure, callAction, isFinalError } from "./action-failure";
import { keys } from "./query-keys";

const startsWith = (key: readonly unknown[], prefix: readonly unknown[]) =>
  prefix.every((p, i) => JSON.stringify(key[i]) === JSON.stringify(p));

describe("query keys", () => {
  const k = keys.portal(42);

  it("roots every key at its portal, so two portals never share an entry", () => {
    const all = [
      k.campaigns.list({}),
      k.marketingEvents.list("v3"),
      k.crm.columns("contacts"),
      k.crm.window("contacts", ["email"], { filters: [] }, 0),
      k.submissions.detail("s1"),
      k.failedItems.count("/"),
      k.uploads.dryRun("u1"),
      k.reverts.preview("d1"),
    ];
    for (const key of all) expect(startsWith(key, k.all)).toBe(true);
    expect(startsWith(keys.portal(43).submissions.detail("s1"), k.all)).toBe(false);
  });

  it("puts every record list, and only those, under `records` (what a finished write invalidates)", () => {
    for (const key of [
      k.campaigns.list({ sort: "-hs_name" }),
      k.marketingEvents.list("2026-03"),
      k.crm.view("deals", [], { filters: [] }),
      k.crm.window("deals", [], { filters: [], sort: "-amount" }, 10_000),
    ])
      expect(startsWith(key, k.records)).toBe(true);
    for (const key of [
      k.crm.columns("deals"),
      k.submissions.detail("s1"),
      k.failedItems.count("/failed"),
      k.uploads.dryRun("u1"),
    ])
      expect(startsWith(key, k.records)).toBe(false);
    expect(startsWith(k.failedItems.count("/failed"), k.failedItems.all)).toBe(true);
  });

  it("gives a submission one key, whoever reads it", () => {
    expect(k.submissions.detail("s1")).toEqual(keys.portal(42).submissions.detail("s1"));
  });

  it("keys a campaign list by its query, absent and undefined alike", () => {
    expect(k.campaigns.list({})).toEqual(k.campaigns.list({ sort: undefined, name: undefined }));
    expect(k.campaigns.list({ name: "a" })).not.toEqual(k.campaigns.list({ name: "b" }));
  });
});

describe("callAction", () => {
  it("returns the data of a successful action", async () => {
    await expect(callAction(async (n: number) => ({ ok: true as const, data: n * 2 }), 21)).resolves.toBe(42);
  });

  it("throws a failed action's error as an ActionFailure carrying the ActionError", async () => {
    const error = { code: "reauth" as const, message: "Sign in again." };
    const thrown = await callAction(async () => ({ ok: false as const, error }), undefined).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ActionFailure);
    expect(actionErrorOf(thrown)).toEqual(error);
    expect(isFinalError(thrown)).toBe(true);
  });

  it("reads a network failure as an unexpected error, and nothing as no error", () => {
    expect(actionErrorOf(new TypeError("Failed to fetch"))).toEqual({ code: "unexpected", message: "Failed to fetch" });
    expect(actionErrorOf(new Error(""))).toEqual({
      code: "unexpected",
      message: "The server could not be reached. Try again.",
    });
    expect(actionErrorOf(null)).toBeNull();
    expect(isFinalError(new Error("x"))).toBe(false);
  });
});
