import { beforeEach, describe, expect, it } from "vitest";
import { asOfAt } from "../batch/as-of";
import { env } from "../config/env";
import { observeServerDate, resetHubSpotClock } from "./clock";
import { readLoadTime, searchLoadTime } from "./load-time";

const base = "https://api.example";

describe("load times as asOf", () => {
  beforeEach(() => resetHubSpotClock());

  it("are unknown until HubSpot's clock is (the row's own updatedAt is then its asOf)", () => {
    expect(readLoadTime(base)).toBeUndefined();
    expect(searchLoadTime(base)).toBeUndefined();
    expect(asOfAt("2026-01-01T00:00:00.000Z", undefined)).toBe("2026-01-01T00:00:00.000Z");
  });

  it("a search's is the read's less the search lag margin", () => {
    observeServerDate(base, new Date().toUTCString());
    const read = Date.parse(readLoadTime(base)!);
    const search = Date.parse(searchLoadTime(base)!);
    expect(env().HUBSPOT_SEARCH_LAG_MARGIN_MS).toBeGreaterThan(0);
    // Taken a moment apart: the search's is at least the margin earlier, give or take that moment.
    expect(read - search).toBeGreaterThanOrEqual(env().HUBSPOT_SEARCH_LAG_MARGIN_MS - 50);
    expect(read - search).toBeLessThanOrEqual(env().HUBSPOT_SEARCH_LAG_MARGIN_MS + 50);
  });

  it("asOf is the later of a row's own updatedAt and the load time", () => {
    const load = "2026-05-01T12:00:00.000Z";
    expect(asOfAt("2020-01-01T00:00:00.000Z", load)).toBe(load);
    expect(asOfAt("2026-05-01T12:00:01.000Z", load)).toBe("2026-05-01T12:00:01.000Z");
  });
});
