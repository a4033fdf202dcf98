/**
 * OAuth shapes (specs oauth-2026-03.json and oauth-v1.json). The sandbox validates token requests
 * with them; the dashboard parses token/introspection responses with them.
 */
import { z } from "zod";

/**
 * Scopes Batchboard asks for at install: campaigns, marketing events and the CRM objects it edits.
 * `oauth` is implicit on every HubSpot app.
 */
export const BATCHBOARD_SCOPES = [
  "oauth",
  "marketing.campaigns.read",
  "marketing.campaigns.write",
  "crm.objects.marketing_events.read",
  "crm.objects.marketing_events.write",
  "crm.objects.contacts.read",
  "crm.objects.contacts.write",
  "crm.objects.companies.read",
  "crm.objects.companies.write",
  "crm.objects.deals.read",
  "crm.objects.deals.write",
  "crm.objects.custom.read",
  "crm.objects.custom.write",
  // HubSpot has one scope for reading and writing tickets.
  "tickets",
  "crm.schemas.contacts.read",
  "crm.schemas.companies.read",
  "crm.schemas.deals.read",
  "crm.schemas.custom.read",
] as const;

/** Every scope the sandbox recognises (authorize rejects others with invalid_scope). */
export const KNOWN_SCOPES: readonly string[] = [
  ...BATCHBOARD_SCOPES,
  "marketing.campaigns.revenue.read",
  "crm.objects.owners.read",
  "crm.schemas.contacts.write",
  "crm.schemas.companies.write",
  "crm.schemas.deals.write",
  "crm.schemas.custom.write",
];

/** `scope` parameters are space-separated (HubSpot also tolerates `+` and `%20`, which decode to spaces). */
export const parseScopeParam = (s: string | undefined | null): string[] => [
  ...new Set((s ?? "").split(/[\s+]+/).filter(Boolean)),
];

/** The spec's `AccessTokenResponse` (token_use is `access_token`; client-credentials tokens are not used). */
export const TokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().int(),
  token_type: z.string(),
  token_use: z.literal("access_token").optional(),
  id_token: z.string().optional(),
  hub_id: z.number().int().optional(),
  user_id: z.number().int().optional(),
  scopes: z.array(z.string()).optional(),
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

/** Form body of POST /oauth/{v1,v3,2026-03}/token; client credentials may come from HTTP Basic instead. */
export const TokenRequestSchema = z.discriminatedUnion("grant_type", [
  z.object({
    grant_type: z.literal("authorization_code"),
    code: z.string().min(1),
    redirect_uri: z.string().min(1),
    code_verifier: z.string().optional(),
    client_id: z.string().optional(),
    client_secret: z.string().optional(),
  }),
  z.object({
    grant_type: z.literal("refresh_token"),
    refresh_token: z.string().min(1),
    client_id: z.string().optional(),
    client_secret: z.string().optional(),
    scope: z.string().optional(),
  }),
]);
export type TokenRequest = z.infer<typeof TokenRequestSchema>;

/**
 * Token endpoint errors. HubSpot answers with its own `status`/`message` pair; RFC 6749 clients
 * (oauth4webapi) read `error`/`error_description`. The sandbox sends both, plus the spec's
 * `category` and `correlationId`, so either kind of client works.
 */
export const OAuthErrorSchema = z.looseObject({
  status: z.string(),
  message: z.string(),
  error: z.enum([
    "invalid_request",
    "invalid_client",
    "invalid_grant",
    "unauthorized_client",
    "unsupported_grant_type",
    "invalid_scope",
  ]),
  error_description: z.string(),
  correlationId: z.string(),
  category: z.string().optional(),
});
export type OAuthError = z.infer<typeof OAuthErrorSchema>;

/** GET /oauth/v1/access-tokens/{token}. */
export const AccessTokenInfoSchema = z.looseObject({
  token: z.string(),
  user: z.string().optional(),
  hub_domain: z.string().optional(),
  scopes: z.array(z.string()),
  hub_id: z.number().int(),
  app_id: z.number().int(),
  expires_in: z.number().int(),
  user_id: z.number().int(),
  token_type: z.string(),
  is_private_distribution: z.boolean().optional(),
});
export type AccessTokenInfo = z.infer<typeof AccessTokenInfoSchema>;

/** GET /oauth/v1/refresh-tokens/{token}. */
export const RefreshTokenInfoSchema = z.looseObject({
  token: z.string(),
  user: z.string().optional(),
  hub_domain: z.string().optional(),
  scopes: z.array(z.string()),
  hub_id: z.number().int(),
  client_id: z.string(),
  user_id: z.number().int(),
  token_type: z.string(),
});
export type RefreshTokenInfo = z.infer<typeof RefreshTokenInfoSchema>;

/** POST /oauth/2026-03/token/introspect: RFC 7662 says an inactive token reveals nothing but `active: false`. */
export const IntrospectionResponseSchema = z.union([
  z.looseObject({
    active: z.literal(true),
    token_use: z.enum(["access_token", "refresh_token"]),
    token: z.string(),
    token_type: z.string(),
    client_id: z.string(),
    app_id: z.number().int(),
    hub_id: z.number().int(),
    hub_domain: z.string().optional(),
    user: z.string().optional(),
    user_id: z.number().int(),
    scopes: z.array(z.string()),
    expires_in: z.number().int().optional(),
    is_private_distribution: z.boolean().optional(),
  }),
  z.object({ active: z.literal(false) }),
]);
export type IntrospectionResponse = z.infer<typeof IntrospectionResponseSchema>;
