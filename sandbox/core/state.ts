import { randomBytes } from "node:crypto";
import type { Rng } from "./rng";

export interface SandboxConfig {
  /** Requests allowed per portal in any rolling 10-second window (HubSpot: 110 for public OAuth apps). */
  rateLimitPerTenSeconds: number;
  /** Added to every API response (not to /__sandbox control calls). */
  latencyMs: number;
  accessTokenTtlSeconds: number;
  /** CRM search is limited separately by HubSpot (5 requests per second per portal). */
  searchPerSecond: number;
  /** CRM writes reach search results only this many ms later (HubSpot's search is eventually consistent). */
  searchIndexDelayMs: number;
  /** Requests per portal per "day" before a DAILY 429 (unset: no daily limit); POST /__sandbox/reset-daily ends the day. */
  dailyLimit?: number;
  /** Behaviours real HubSpot shows that its docs do not (off by default: the sandbox follows the docs). */
  strict?: {
    /** batch/update by a non-id `idProperty` (e.g. email) refused, as HubSpot reportedly does. */
    idPropertyUpdate?: boolean;
    /** The campaigns list ignores `sort` (HubSpot documents no allowed values). */
    ignoreCampaignSort?: boolean;
  };
}

interface SandboxUser {
  id: number;
  email: string;
}

export interface Portal {
  id: number;
  domain: string;
  name: string;
  timeZone: string;
  users: SandboxUser[];
  /** Resource data, keyed by module name; each module owns the shape of its slot. */
  data: Map<string, unknown>;
  /** Timestamps (ms) of requests counted in the rolling window. */
  requestTimes: number[];
  searchTimes: number[];
  /** Requests counted against `dailyLimit` since the sandbox's day began. */
  dailyCount?: number;
}

export interface OAuthApp {
  appId: number;
  name: string;
  clientId: string;
  clientSecret: string;
  /** Empty: any loopback (localhost / 127.0.0.1 / [::1]) redirect URL is accepted. */
  redirectUris: string[];
}

export interface AccessTokenInfo {
  token: string;
  portalId: number;
  userId: number;
  userEmail: string;
  clientId: string;
  appId: number;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  refreshToken?: string;
}

interface RefreshTokenInfo {
  token: string;
  portalId: number;
  userId: number;
  userEmail: string;
  clientId: string;
  appId: number;
  scopes: string[];
  revoked: boolean;
  /** Optional hard expiry (ms epoch) so tests can make a refresh token go stale. */
  expiresAt?: number;
}

interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  portalId: number;
  userId: number;
  scopes: string[];
  codeChallenge?: string;
  codeChallengeMethod?: string;
  expiresAt: number;
  used: boolean;
  /** Set when the code is exchanged, so that a replay of the code can revoke what it produced. */
  issuedRefreshToken?: string;
}

export interface FaultRule {
  method?: string;
  path: string;
  times: number;
  status?: number;
  delayMs?: number;
  /** Drop the connection instead of answering. */
  reset?: boolean;
  /** A JSON body to answer instead of the usual one. */
  body?: unknown;
  /** "before" (default): answer instead of the API; "after": apply the request, then answer `status` or drop the connection. */
  when?: "before" | "after";
  /** For a 429: HubSpot's policy (DAILY, SECONDLY, TEN_SECONDLY_ROLLING) in the body. */
  policyName?: string;
  /** Sent as the Retry-After header. */
  retryAfterSeconds?: number;
  /** Applies to every n-th matching request only (each application counts against `times`). */
  every?: number;
}

export interface RecordedRequest {
  id: number;
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  portalId?: number;
  requestBody?: unknown;
  responseBody?: unknown;
  durationMs: number;
}

export interface SeedCounts {
  campaigns?: number;
  marketingEvents?: number;
  contacts?: number;
  companies?: number;
  deals?: number;
  [key: string]: number | undefined;
}

export interface SandboxState {
  config: SandboxConfig;
  portals: Portal[];
  apps: OAuthApp[];
  accessTokens: Map<string, AccessTokenInfo>;
  refreshTokens: Map<string, RefreshTokenInfo>;
  authCodes: Map<string, AuthCode>;
  faults: FaultRule[];
  requests: RecordedRequest[];
  requestSeq: number;
  seed: number;
}

export const DEFAULT_CONFIG: SandboxConfig = {
  rateLimitPerTenSeconds: 110,
  latencyMs: 0,
  accessTokenTtlSeconds: 1800,
  searchPerSecond: 5,
  searchIndexDelayMs: 0,
};

/** The seeded test app; its credentials are printed at start and documented in the README. */
export const TEST_APP: OAuthApp = {
  appId: 1000001,
  name: "Batchboard (sandbox test app)",
  clientId: "batchboard-sandbox-client",
  clientSecret: "batchboard-sandbox-secret",
  redirectUris: [],
};

export const PORTAL_SEEDS = [
  { id: 20260301, domain: "acme-marketing.example.com", name: "Acme Marketing", timeZone: "America/New_York" },
  { id: 20260302, domain: "globex.example.com", name: "Globex", timeZone: "Europe/Berlin" },
  { id: 20260303, domain: "initech.example.com", name: "Initech", timeZone: "Asia/Tokyo" },
] as const;

export function createPortals(): Portal[] {
  return PORTAL_SEEDS.map((p, i) => ({
    ...p,
    users: [
      { id: 7000001 + i * 10, email: `admin@${p.domain}` },
      { id: 7000002 + i * 10, email: `marketer@${p.domain}` },
    ],
    data: new Map(),
    requestTimes: [],
    searchTimes: [],
  }));
}

export function randomToken(prefix: string): string {
  return `${prefix}-${randomBytes(24).toString("base64url")}`;
}

/** A module of the sandbox: a resource (campaigns, CRM objects...) or a protocol (OAuth, control API). */
export interface SandboxModule {
  name: string;
  /** (Re)build this module's data for one portal; called at start and on /__sandbox/reset. */
  seed?(portal: Portal, rng: Rng, counts: SeedCounts, portalIndex: number): void;
  /** Records exposed by GET /__sandbox/records/{kind}, in the API's shapes. */
  records?: Record<string, (portal: Portal) => unknown[]>;
}
