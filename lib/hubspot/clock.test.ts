import { beforeEach, describe, expect, it } from "vitest";
import { hubspotNowLowerBound, observeServerDate, resetHubSpotClock } from "./clock";

const base = "https://api.example";

describe("hubspotNowLowerBound", () => {
  beforeEach(() => resetHubSpotClock());

  it("is unknown before any Date header", () => {
    expect(hubspotNowLowerBound(base)).toBeUndefined();
  });

  it("never exceeds HubSpot's true time, and keeps the tightest sample", () => {
    // HubSpot runs 5 s ahead of us; its Date header is rounded down to the second.
    const trueOffset = 5000;
    const hubAt = (local: number) => local + trueOffset;
    for (const local of [1_000_300, 1_001_900, 1_002_050]) {
      const header = new Date(Math.floor(hubAt(local - 40) / 1000) * 1000).toUTCString();
      observeServerDate(base, header, local);
      expect(hubspotNowLowerBound(base, local)!).toBeLessThanOrEqual(hubAt(local));
    }
    // The best sample (received 50 ms after a second boundary, sent 40 ms earlier) is within 100 ms.
    expect(hubAt(1_003_000) - hubspotNowLowerBound(base, 1_003_000)!).toBeLessThan(100);
  });

  it("ignores missing or malformed headers and keeps bases apart", () => {
    observeServerDate(base, null, 1000);
    observeServerDate(base, "not a date", 1000);
    expect(hubspotNowLowerBound(base)).toBeUndefined();
    observeServerDate("https://other", new Date(10_000).toUTCString(), 10_000);
    expect(hubspotNowLowerBound(base)).toBeUndefined();
    expect(hubspotNowLowerBound("https://other", 20_000)).toBe(20_000);
  });

  it("replaces a sample older than ten minutes even by a lower one (a stepped clock)", () => {
    observeServerDate(base, new Date(100_000).toUTCString(), 90_000); // +10 s
    observeServerDate(base, new Date(800_000).toUTCString(), 800_000); // 0 s, 710 s later
    expect(hubspotNowLowerBound(base, 800_000)).toBe(800_000);
  });
});
