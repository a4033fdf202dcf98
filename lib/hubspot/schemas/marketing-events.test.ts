import { describe, expect, it } from "vitest";
import {
  eventWindowError,
  MarketingEventBatchArchiveInputSchema,
  MarketingEventBatchUpdateInputSchema,
  MarketingEventSchema,
  MarketingEventUrlSchema,
} from "./marketing-events";

describe("marketing event schemas", () => {
  it("require objectId and customProperties on batch update inputs (2026-03 and v3 share the shape)", () => {
    expect(
      MarketingEventBatchUpdateInputSchema.safeParse({ inputs: [{ objectId: "1", customProperties: [] }] }).success,
    ).toBe(true);
    expect(MarketingEventBatchUpdateInputSchema.safeParse({ inputs: [{ objectId: "1" }] }).success).toBe(false);
    expect(MarketingEventBatchUpdateInputSchema.safeParse({ inputs: [{ customProperties: [] }] }).success).toBe(false);
    // PropertyValue's audit fields are accepted but not needed
    expect(
      MarketingEventBatchUpdateInputSchema.safeParse({
        inputs: [{ objectId: "1", customProperties: [{ name: "a", value: "b", source: "API" }] }],
      }).success,
    ).toBe(true);
  });

  it("accept only ISO date-times for start/end", () => {
    const item = (startDateTime: string) => ({ inputs: [{ objectId: "1", customProperties: [], startDateTime }] });
    expect(MarketingEventBatchUpdateInputSchema.safeParse(item("2026-05-01T09:00:00Z")).success).toBe(true);
    expect(MarketingEventBatchUpdateInputSchema.safeParse(item("2026-05-01T09:00:00.000+02:00")).success).toBe(true);
    expect(MarketingEventBatchUpdateInputSchema.safeParse(item("2026-05-01")).success).toBe(false);
    expect(MarketingEventBatchUpdateInputSchema.safeParse(item("01/05/2026 09:00")).success).toBe(false);
  });

  it("check the event window and URL", () => {
    expect(eventWindowError("2026-05-01T10:00:00Z", "2026-05-01T09:00:00Z")).toContain("before");
    expect(eventWindowError("2026-05-01T10:00:00Z", "2026-05-01T10:00:00Z")).toBeUndefined();
    expect(eventWindowError(undefined, "2026-05-01T09:00:00Z")).toBeUndefined();
    expect(MarketingEventUrlSchema.safeParse("https://zoom.us/webinar/register/WN_1").success).toBe(true);
    expect(MarketingEventUrlSchema.safeParse("ftp://files.example.com").success).toBe(false);
    expect(MarketingEventUrlSchema.safeParse("zoom.us/x").success).toBe(false);
  });

  it("limit archive batches to 100 and parse read responses with counters", () => {
    const inputs = (n: number) => ({ inputs: Array.from({ length: n }, (_, i) => ({ objectId: String(i) })) });
    expect(MarketingEventBatchArchiveInputSchema.safeParse(inputs(100)).success).toBe(true);
    expect(MarketingEventBatchArchiveInputSchema.safeParse(inputs(101)).success).toBe(false);
    const e = { objectId: "1", eventName: "W", customProperties: [], createdAt: "a", updatedAt: "b", attendees: 3 };
    expect(MarketingEventSchema.parse(e).attendees).toBe(3);
    expect(MarketingEventSchema.safeParse({ ...e, eventName: undefined }).success).toBe(false);
  });
});
