/**
 * The campaign property rules, written once: the sandbox enforces them, the grid validates cells
 * with them before a batch is ever sent, so a row fails in the grid the way HubSpot would fail it.
 */
import { z } from "zod";
import { isCurrencyCode, ISO_4217_CODES } from "./currencies";

export type CampaignPropertyType = "string" | "text" | "date" | "enumeration" | "currency" | "number" | "multi";

export interface CampaignPropertyDefinition {
  name: string;
  label: string;
  type: CampaignPropertyType;
  readOnly: boolean;
  requiredOnCreate?: boolean;
  maxLength?: number;
  options?: { value: string; label: string }[];
  /** Accepted and silently dropped by HubSpot (the grid hides it). */
  deprecated?: boolean;
}

export const CAMPAIGN_STATUS_OPTIONS = [
  { value: "planned", label: "Planned" },
  { value: "in_progress", label: "In progress" },
  { value: "active", label: "Active" },
  { value: "paused", label: "Paused" },
  { value: "completed", label: "Completed" },
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUS_OPTIONS)[number]["value"];

const CAMPAIGN_NAME_MAX_LENGTH = 256;
const SHORT_TEXT_MAX = 256;
const LONG_TEXT_MAX = 65_536; // HubSpot's limit for any string property value

export const CAMPAIGN_PROPERTIES: readonly CampaignPropertyDefinition[] = [
  {
    name: "hs_name",
    label: "Name",
    type: "string",
    readOnly: false,
    requiredOnCreate: true,
    maxLength: CAMPAIGN_NAME_MAX_LENGTH,
  },
  { name: "hs_start_date", label: "Start date", type: "date", readOnly: false },
  { name: "hs_end_date", label: "End date", type: "date", readOnly: false },
  {
    name: "hs_campaign_status",
    label: "Status",
    type: "enumeration",
    readOnly: false,
    options: [...CAMPAIGN_STATUS_OPTIONS],
  },
  { name: "hs_notes", label: "Notes", type: "text", readOnly: false, maxLength: LONG_TEXT_MAX },
  { name: "hs_audience", label: "Audience", type: "string", readOnly: false, maxLength: SHORT_TEXT_MAX },
  {
    name: "hs_currency_code",
    label: "Currency",
    type: "currency",
    readOnly: false,
    options: ISO_4217_CODES.map((c) => ({ value: c, label: c })),
  },
  { name: "hs_utm", label: "UTM campaign", type: "string", readOnly: false, maxLength: SHORT_TEXT_MAX },
  { name: "hs_business_unit_ids", label: "Business units", type: "multi", readOnly: false },
  { name: "hs_owner", label: "Owner", type: "number", readOnly: true },
  { name: "hs_color_hex", label: "Color", type: "string", readOnly: true },
  { name: "hs_created_by_user_id", label: "Created by", type: "number", readOnly: true },
  { name: "hs_object_id", label: "Record ID", type: "number", readOnly: true },
  { name: "hs_budget_items_sum_amount", label: "Budget total", type: "number", readOnly: true },
  { name: "hs_spend_items_sum_amount", label: "Spend total", type: "number", readOnly: true },
  { name: "hs_goal", label: "Goal (deprecated)", type: "string", readOnly: false, deprecated: true },
];

export const CAMPAIGN_PROPERTY_BY_NAME: ReadonlyMap<string, CampaignPropertyDefinition> = new Map(
  CAMPAIGN_PROPERTIES.map((p) => [p.name, p]),
);
/** Properties a response can carry (hs_goal is never stored, so never returned). */
export const CAMPAIGN_PROPERTY_NAMES = CAMPAIGN_PROPERTIES.filter((p) => !p.deprecated).map((p) => p.name);

/** Machine codes, sent as `errors[].code` by the sandbox and shown by the grid. */
type CampaignPropertyErrorCode =
  | "PROPERTY_DOESNT_EXIST"
  | "READ_ONLY_VALUE"
  | "REQUIRED_PROPERTY"
  | "MAX_LENGTH_EXCEEDED"
  | "INVALID_DATE_PROPERTY"
  | "END_DATE_BEFORE_START_DATE"
  | "INVALID_OPTION"
  | "INVALID_CURRENCY_CODE"
  | "INVALID_PROPERTY_VALUE"
  | "DUPLICATE_CAMPAIGN_NAME";

export interface CampaignPropertyIssue {
  property: string;
  code: CampaignPropertyErrorCode;
  message: string;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isCalendarDate = (v: string) => {
  const m = DATE_RE.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.toISOString().slice(0, 10) === v;
};

/** One value on its own (no cross-field rules). `""` always passes except for hs_name: it resets the property. */
export function checkCampaignProperty(name: string, value: string): CampaignPropertyIssue | null {
  const def = CAMPAIGN_PROPERTY_BY_NAME.get(name);
  const issue = (code: CampaignPropertyErrorCode, message: string) => ({ property: name, code, message });
  if (!def) return issue("PROPERTY_DOESNT_EXIST", `Property "${name}" does not exist on campaigns.`);
  if (def.readOnly) return issue("READ_ONLY_VALUE", `Property "${name}" is read-only and cannot be set.`);
  if (def.deprecated) return null;
  if (value === "") {
    return def.requiredOnCreate ? issue("REQUIRED_PROPERTY", `Property "${name}" cannot be empty.`) : null;
  }
  if (def.maxLength !== undefined && value.length > def.maxLength) {
    return issue(
      "MAX_LENGTH_EXCEEDED",
      `Property "${name}" is ${value.length} characters long; the maximum is ${def.maxLength}.`,
    );
  }
  switch (def.type) {
    case "string":
      return name === "hs_name" && value.trim() === ""
        ? issue("REQUIRED_PROPERTY", `Property "${name}" cannot be blank.`)
        : null;
    case "date":
      if (isCalendarDate(value)) return null;
      return issue(
        "INVALID_DATE_PROPERTY",
        /^\d{4}-\d{2}-\d{2}T/.test(value)
          ? `Property "${name}" must be a date formatted YYYY-MM-DD; date-times such as "${value}" are not accepted.`
          : `Property "${name}" must be a valid date formatted YYYY-MM-DD, got "${value}".`,
      );
    case "enumeration":
      return def.options!.some((o) => o.value === value)
        ? null
        : issue(
            "INVALID_OPTION",
            `"${value}" is not a valid option for "${name}". Allowed: ${def.options!.map((o) => o.value).join(", ")}.`,
          );
    case "currency":
      return isCurrencyCode(value)
        ? null
        : issue("INVALID_CURRENCY_CODE", `"${value}" is not an ISO 4217 currency code.`);
    case "multi":
      return /^\d+(;\d+)*$/.test(value)
        ? null
        : issue(
            "INVALID_PROPERTY_VALUE",
            `Property "${name}" must be semicolon-separated business unit ids such as "0;12", got "${value}".`,
          );
    default:
      return null;
  }
}

export interface ValidateOptions {
  mode: "create" | "update";
  /** Current stored values on update, so that a lone new end date is checked against the stored start date. */
  current?: Readonly<Record<string, string | null | undefined>>;
}

/** All issues of one input's `properties`, in property order, then the cross-field ones. */
export function validateCampaignProperties(
  props: Readonly<Record<string, string>>,
  opts: ValidateOptions,
): CampaignPropertyIssue[] {
  const issues: CampaignPropertyIssue[] = [];
  for (const [name, value] of Object.entries(props)) {
    const issue = checkCampaignProperty(name, value);
    if (issue) issues.push(issue);
  }
  if (
    opts.mode === "create" &&
    (props.hs_name === undefined || props.hs_name.trim() === "") &&
    !issues.some((i) => i.property === "hs_name")
  ) {
    issues.push({
      property: "hs_name",
      code: "REQUIRED_PROPERTY",
      message: 'Property "hs_name" is required to create a campaign.',
    });
  }
  const pick = (n: string) => (n in props ? props[n] || null : (opts.current?.[n] ?? null));
  const start = pick("hs_start_date");
  const end = pick("hs_end_date");
  if (start && end && isCalendarDate(start) && isCalendarDate(end) && end < start) {
    issues.push({
      property: "hs_end_date",
      code: "END_DATE_BEFORE_START_DATE",
      message: `End date ${end} is before start date ${start}.`,
    });
  }
  return issues;
}

const issuesToZod = (issues: CampaignPropertyIssue[], ctx: z.core.$RefinementCtx<unknown>) => {
  for (const i of issues)
    ctx.addIssue({ code: "custom", path: [i.property], message: i.message, params: { code: i.code } });
};

/** The rules as a zod schema for one input's `properties`; issue `params.code` carries the HubSpot code. */
export const campaignPropertiesSchema = (opts: ValidateOptions) =>
  z
    .record(z.string(), z.string())
    .superRefine((props, ctx) => issuesToZod(validateCampaignProperties(props, opts), ctx));

export const CampaignCreatePropertiesSchema = campaignPropertiesSchema({ mode: "create" });
export const CampaignUpdatePropertiesSchema = campaignPropertiesSchema({ mode: "update" });

/** One grid cell. */
export const campaignPropertyValueSchema = (name: string) =>
  z.string().superRefine((value, ctx) => {
    const issue = checkCampaignProperty(name, value);
    if (issue) issuesToZod([issue], ctx);
  });
