import { describe, expect, it } from "vitest";
import {
  CAMPAIGN_PROPERTIES,
  CampaignBatchCreateInputSchema,
  CampaignCreatePropertiesSchema,
  campaignPropertiesSchema,
  campaignPropertyValueSchema,
  checkCampaignProperty,
  validateCampaignProperties,
} from "./campaigns";
import { isCurrencyCode } from "./currencies";
import { HubSpotErrorSchema, RateLimitErrorSchema } from "./errors";
import { IntrospectionResponseSchema, OAuthErrorSchema, parseScopeParam } from "./oauth";

const codes = (props: Record<string, string>, mode: "create" | "update" = "update", current?: Record<string, string>) =>
  validateCampaignProperties(props, { mode, current }).map((i) => `${i.property}:${i.code}`);

describe("campaign property rules", () => {
  it("lists definitions with status options and read-only flags", () => {
    const status = CAMPAIGN_PROPERTIES.find((p) => p.name === "hs_campaign_status")!;
    expect(status.options!.map((o) => o.value)).toEqual(["planned", "in_progress", "active", "paused", "completed"]);
    expect(status.options![1]!.label).toBe("In progress");
    expect(
      CAMPAIGN_PROPERTIES.filter((p) => p.readOnly)
        .map((p) => p.name)
        .sort(),
    ).toEqual([
      "hs_budget_items_sum_amount",
      "hs_color_hex",
      "hs_created_by_user_id",
      "hs_object_id",
      "hs_owner",
      "hs_spend_items_sum_amount",
    ]);
  });

  it("accepts YYYY-MM-DD and rejects date-times and impossible dates with INVALID_DATE_PROPERTY", () => {
    expect(checkCampaignProperty("hs_start_date", "2026-02-28")).toBeNull();
    expect(checkCampaignProperty("hs_start_date", "2026-02-28T00:00:00Z")?.code).toBe("INVALID_DATE_PROPERTY");
    expect(checkCampaignProperty("hs_end_date", "2026-02-30")?.code).toBe("INVALID_DATE_PROPERTY");
    expect(checkCampaignProperty("hs_end_date", "1772323200000")?.code).toBe("INVALID_DATE_PROPERTY");
  });

  it("checks enums, currencies, business units, lengths, read-only and unknown properties", () => {
    expect(codes({ hs_campaign_status: "done", hs_currency_code: "usd", hs_business_unit_ids: "0,1" })).toEqual([
      "hs_campaign_status:INVALID_OPTION",
      "hs_currency_code:INVALID_CURRENCY_CODE",
      "hs_business_unit_ids:INVALID_PROPERTY_VALUE",
    ]);
    expect(codes({ hs_currency_code: "EUR", hs_business_unit_ids: "0;12", hs_campaign_status: "in_progress" })).toEqual(
      [],
    );
    expect(codes({ hs_owner: "1", hs_nope: "x", hs_name: "x".repeat(257) })).toEqual([
      "hs_owner:READ_ONLY_VALUE",
      "hs_nope:PROPERTY_DOESNT_EXIST",
      "hs_name:MAX_LENGTH_EXCEEDED",
    ]);
    expect(isCurrencyCode("GBP") && isCurrencyCode("JPY") && !isCurrencyCode("XXX")).toBe(true);
  });

  it('treats "" as a reset, except for hs_name; ignores the deprecated hs_goal', () => {
    expect(codes({ hs_notes: "", hs_start_date: "", hs_currency_code: "", hs_goal: "anything" })).toEqual([]);
    expect(codes({ hs_name: "" })).toEqual(["hs_name:REQUIRED_PROPERTY"]);
  });

  it("requires hs_name on create only", () => {
    expect(codes({ hs_notes: "n" }, "create")).toEqual(["hs_name:REQUIRED_PROPERTY"]);
    expect(codes({ hs_name: "   " }, "create")).toEqual(["hs_name:REQUIRED_PROPERTY"]);
    expect(codes({ hs_notes: "n" }, "update")).toEqual([]);
  });

  it("rejects an end date before the start date, also against stored values", () => {
    expect(codes({ hs_start_date: "2026-05-02", hs_end_date: "2026-05-01" })).toEqual([
      "hs_end_date:END_DATE_BEFORE_START_DATE",
    ]);
    expect(codes({ hs_start_date: "2026-05-01", hs_end_date: "2026-05-01" })).toEqual([]);
    expect(codes({ hs_end_date: "2026-01-01" }, "update", { hs_start_date: "2026-02-01" })).toEqual([
      "hs_end_date:END_DATE_BEFORE_START_DATE",
    ]);
    expect(codes({ hs_start_date: "", hs_end_date: "2026-01-01" }, "update", { hs_start_date: "2026-02-01" })).toEqual(
      [],
    );
  });

  it("exposes the rules as zod schemas with the HubSpot code in params", () => {
    const r = CampaignCreatePropertiesSchema.safeParse({ hs_start_date: "2026-01-01T10:00:00Z" });
    expect(r.success).toBe(false);
    const issues = r.error!.issues.map((i) => [i.path.join("."), (i as { params?: { code?: string } }).params?.code]);
    expect(issues).toEqual([
      ["hs_start_date", "INVALID_DATE_PROPERTY"],
      ["hs_name", "REQUIRED_PROPERTY"],
    ]);
    expect(campaignPropertiesSchema({ mode: "update" }).safeParse({ hs_notes: "ok" }).success).toBe(true);
    expect(campaignPropertyValueSchema("hs_currency_code").safeParse("EUR").success).toBe(true);
    expect(campaignPropertyValueSchema("hs_currency_code").safeParse("EURO").success).toBe(false);
    expect(campaignPropertyValueSchema("hs_start_date").safeParse(20260101).success).toBe(false);
  });

  it("caps batch inputs at 50", () => {
    const mk = (n: number) => ({ inputs: Array.from({ length: n }, (_, i) => ({ properties: { hs_name: `c${i}` } })) });
    expect(CampaignBatchCreateInputSchema.safeParse(mk(50)).success).toBe(true);
    expect(CampaignBatchCreateInputSchema.safeParse(mk(51)).success).toBe(false);
  });
});

describe("error and oauth schemas", () => {
  it("parse HubSpot error bodies and tell 429 bodies apart", () => {
    const err = {
      status: "error",
      category: "VALIDATION_ERROR",
      message: "m",
      correlationId: "c",
      errors: [{ message: "x", code: "INVALID_DATE_PROPERTY" }],
      extra: 1,
    };
    expect(HubSpotErrorSchema.parse(err).errors![0]!.code).toBe("INVALID_DATE_PROPERTY");
    expect(HubSpotErrorSchema.safeParse({ message: "m" }).success).toBe(false);
    expect(
      RateLimitErrorSchema.safeParse({
        status: "error",
        message: "m",
        errorType: "RATE_LIMIT",
        correlationId: "c",
        policyName: "TEN_SECONDLY_ROLLING",
      }).success,
    ).toBe(true);
    expect(RateLimitErrorSchema.safeParse(err).success).toBe(false);
  });

  it("parse OAuth errors, introspection results and scope strings", () => {
    expect(
      OAuthErrorSchema.safeParse({
        status: "BAD_REFRESH_TOKEN",
        message: "m",
        error: "invalid_grant",
        error_description: "m",
        correlationId: "c",
      }).success,
    ).toBe(true);
    expect(IntrospectionResponseSchema.parse({ active: false })).toEqual({ active: false });
    expect(IntrospectionResponseSchema.safeParse({ active: true }).success).toBe(false);
    expect(parseScopeParam("oauth  crm.objects.contacts.read+oauth")).toEqual(["oauth", "crm.objects.contacts.read"]);
  });
});
