import { describe, expect, it } from "vitest";
import { knownPropertyLabel } from "../hubspot/resources";
import { describeKind, kindKey } from "./kinds";

describe("failed-item kinds (issue 11, item 12)", () => {
  it("groups by kind of error, not by the values quoted in the message", () => {
    const a = {
      category: "CONFLICT",
      code: "DUPLICATE_CAMPAIGN_NAME",
      property: "hs_name",
      message: "Another campaign is already called “Spring”",
    };
    const b = { ...a, message: "Another campaign is already called “Autumn”" };
    expect(kindKey(a)).toBe(kindKey(b));
    expect(kindKey({ category: "VALIDATION_ERROR", property: "hs_start_date" })).not.toBe(
      kindKey({ category: "VALIDATION_ERROR", property: "hs_end_date" }),
    );
  });

  it("says 'already exists', never 'conflict', for a name or unique value taken", () => {
    const name = describeKind(kindKey({ category: "CONFLICT", code: "DUPLICATE_CAMPAIGN_NAME", property: "hs_name" }));
    expect(name.label).toBe("Already exists: name already taken");
    expect(name.label + name.meaning).not.toMatch(/conflict/i);
    expect(
      describeKind(kindKey({ category: "CONFLICT", code: "DUPLICATE_UNIQUE_VALUE", property: "email" })).label,
    ).toBe("Already exists: email already taken");
  });

  it("offers Retry only where sending the rows again may succeed", () => {
    const retryable = (category: string, code?: string) => describeKind(kindKey({ category, code })).retryable;
    expect(retryable("CONFLICT", "DUPLICATE_CAMPAIGN_NAME")).toBe(false);
    expect(retryable("VALIDATION_ERROR", "INVALID_DATE_PROPERTY")).toBe(false);
    expect(retryable("VALIDATION_ERROR", "DUPLICATE_ROW")).toBe(false);
    expect(retryable("OBJECT_NOT_FOUND")).toBe(false);
    for (const c of [
      "RATE_LIMIT",
      "INTERNAL_ERROR",
      "NETWORK_ERROR",
      "UNKNOWN_OUTCOME",
      "CANCELLED",
      "MISSING_SCOPES",
      "HTTP_503",
    ])
      expect(retryable(c), c).toBe(true);
  });

  it("names the property a refused value belongs to", () => {
    const campaigns = { label: knownPropertyLabel({ type: "campaigns" }), nameKey: "hs_name" };
    expect(
      describeKind(
        kindKey({ category: "VALIDATION_ERROR", code: "INVALID_DATE_PROPERTY", property: "hs_start_date" }),
        campaigns,
      ).label,
    ).toBe("Value refused by HubSpot (start date)");
  });
});
