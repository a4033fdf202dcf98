/*
 * Deviations from HubSpot's OpenAPI specs that the sandbox keeps on purpose, or where the spec
 * contradicts itself. Each entry names the exact spec node (and, with `when`, the values) it
 * excuses; nothing is loosened globally. sandbox/spec-conformance.test.ts fails when an entry is
 * no longer needed, so the list only ever shrinks to what is real.
 */
import type { Allowed, AllowedStatus } from "./openapi";

const isNull = (v: unknown) => v === null;

/**
 * Unset properties come back as `null` (the specs type every property value as a plain string).
 * HubSpot's CRM and campaigns APIs send null for a property that was asked for but has no value,
 * and the project's zod schemas (lib/hubspot/schemas) accept it; a client must handle it.
 */
const nullProperties = (spec: string, schemas: string[]): Allowed[] =>
  schemas.map((name) => ({
    spec,
    at: `#/components/schemas/${name}/properties/properties/additionalProperties`,
    keyword: "type",
    when: isNull,
    reason: "HubSpot sends null for requested properties that have no value; the spec types values as string",
  }));

/**
 * `PropertyValue` (marketing events' customProperties input) marks 18 audit fields required (source,
 * timestamp, requestId, sourceVid, ...) that HubSpot fills itself and no client sends; HubSpot's own
 * docs send `{ name, value }`. Only those two stay required.
 */
const propertyValueAudit = (spec: string): Allowed => ({
  spec,
  at: "#/components/schemas/PropertyValue",
  keyword: "required",
  when: (_v, e) => !["name", "value"].includes((e.params as { missingProperty: string }).missingProperty),
  reason: "server-side audit fields of PropertyValue are marked required in a request schema",
});

export const ALLOWED: Allowed[] = [
  ...nullProperties("marketing-campaigns-2026-03.json", ["PublicCampaign", "PublicCampaignWithAssets"]),
  ...nullProperties("crm-objects-2026-03.json", ["SimplePublicObject", "SimplePublicObjectWithAssociations"]),
  {
    // StandardError (a 207's per-input error) types subCategory as an empty object, while Error types
    // it as a string; HubSpot sends a string code (e.g. "DUPLICATE_CAMPAIGN_NAME") in both.
    spec: "marketing-campaigns-2026-03.json",
    at: "#/components/schemas/StandardError/properties/subCategory",
    keyword: "type",
    when: (v) => typeof v === "string",
    reason: "StandardError.subCategory is typed object but sent as a string",
  },
  propertyValueAudit("marketing-events-2026-03.json"),
  propertyValueAudit("marketing-events-v3.json"),
  {
    // HubSpot's documented 429 body (API usage guidelines) is {status, message, errorType: "RATE_LIMIT",
    // correlationId, policyName, groupName}: no `category`, which Error requires. The sandbox sends
    // exactly that, so clients are tested against the real shape. Checked on the campaigns API.
    spec: "marketing-campaigns-2026-03.json",
    at: "#/components/schemas/Error",
    keyword: "required",
    when: (v, e) =>
      (v as { errorType?: string }).errorType === "RATE_LIMIT" &&
      (e.params as { missingProperty: string }).missingProperty === "category",
    reason: "HubSpot's 429 rate-limit body has errorType instead of category",
  },
  {
    // RFC 7662 §2.2: an inactive (unknown, expired, revoked, other client's) token is described by
    // `{"active": false}` alone. The spec's oneOf only has the two active shapes; oauth4webapi
    // (our client) expects the RFC's answer.
    spec: "oauth-2026-03.json",
    at: "#/components/schemas/TokenInfoResponseBaseIF",
    keyword: "oneOf",
    when: (v) => JSON.stringify(v) === '{"active":false}',
    reason: "introspection of an inactive token answers RFC 7662's {active:false}",
  },
];

/**
 * Marketing events batch archive declares only a `default` (Error) response, yet its description
 * says "204: all deleted; 207: some objectIds did not correspond to any event". The sandbox does
 * that; the 207 body is the batch envelope that batch/update declares for its 207.
 */
const eventsArchive = (base: string): AllowedStatus[] => [
  {
    method: "POST",
    path: `${base}/batch/archive`,
    status: 204,
    schema: null,
    reason: "spec description: 204 when all were deleted",
  },
  {
    method: "POST",
    path: `${base}/batch/archive`,
    status: 207,
    schema: "#/components/schemas/BatchResponseMarketingEventPublicDefaultResponseV2WithErrors",
    reason: "spec description: 207 when some objectIds matched no event",
  },
];

export const ALLOWED_STATUS: AllowedStatus[] = [
  ...eventsArchive("/marketing/marketing-events/2026-03"),
  ...eventsArchive("/marketing/v3/marketing-events"),
  // Revocation declares only `default`; RFC 7009 §2.2 answers 200 (with no body) for a revoked or unknown token.
  {
    method: "POST",
    path: "/oauth/2026-03/token/revoke",
    status: 200,
    schema: null,
    reason: "RFC 7009 success; the spec lists no success response",
  },
];
