import type { Hono } from "hono";
import { KNOWN_SCOPES } from "../../lib/hubspot/schemas/oauth";
import { createRng } from "./rng";
import {
  createPortals,
  DEFAULT_CONFIG,
  randomToken,
  TEST_APP,
  type AccessTokenInfo,
  type Portal,
  type SandboxConfig,
  type SandboxModule,
  type SandboxState,
  type SeedCounts,
} from "./state";

export type SandboxEnv = {
  Variables: { portal: Portal; token: AccessTokenInfo };
};
export type SandboxApp = Hono<SandboxEnv>;

/** Default record counts; small enough that start-up and every test's reset stay fast. */
const DEFAULT_SEED_COUNTS: Required<
  Pick<SeedCounts, "campaigns" | "marketingEvents" | "contacts" | "companies" | "deals">
> = {
  campaigns: 230,
  marketingEvents: 120,
  contacts: 300,
  companies: 50,
  deals: 50,
};

export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: "bearer";
  /** Required by the spec's AccessTokenResponse. */
  token_use: "access_token";
  id_token?: string;
  hub_id: number;
  scopes: string[];
  user_id: number;
}

export class SandboxContext {
  readonly state: SandboxState;
  readonly modules: SandboxModule[] = [];
  /** Scopes the sandbox recognises: the static list plus every scope a route passes to `apiAuth`. */
  readonly scopes = new Set<string>(KNOWN_SCOPES);

  constructor(config: Partial<SandboxConfig> = {}, seed = 1) {
    this.state = {
      config: { ...DEFAULT_CONFIG, ...config },
      portals: createPortals(),
      apps: [{ ...TEST_APP }],
      accessTokens: new Map(),
      refreshTokens: new Map(),
      authCodes: new Map(),
      faults: [],
      requests: [],
      requestSeq: 0,
      seed,
    };
  }

  addModule(mod: SandboxModule) {
    this.modules.push(mod);
  }

  registerScopes(scopes: readonly string[]) {
    for (const s of scopes) this.scopes.add(s);
  }

  knownScopes(): string[] {
    return [...this.scopes];
  }

  /** Revoke a refresh token and drop every access token issued from it. Returns false when unknown. */
  revokeRefreshToken(token: string): boolean {
    const info = this.state.refreshTokens.get(token);
    if (!info) return false;
    info.revoked = true;
    for (const [key, at] of this.state.accessTokens) if (at.refreshToken === token) this.state.accessTokens.delete(key);
    return true;
  }

  defaultPortal(): Portal {
    return this.state.portals[0]!;
  }

  portalById(id: number | string | undefined | null): Portal | undefined {
    if (id === undefined || id === null || id === "") return this.defaultPortal();
    return this.state.portals.find((p) => p.id === Number(id));
  }

  appByClientId(clientId: string | undefined) {
    return this.state.apps.find((a) => a.clientId === clientId);
  }

  /**
   * Rebuild every portal's data from a seed. Each portal gets its own rng stream so that the
   * data of one portal does not depend on the counts asked for another.
   */
  reset(seed: number, counts: SeedCounts = {}, portalIds?: number[]) {
    this.state.seed = seed;
    this.state.portals.forEach((portal, index) => {
      if (portalIds && !portalIds.includes(portal.id)) return;
      portal.data.clear();
      portal.requestTimes = [];
      portal.searchTimes = [];
      const merged: SeedCounts = { ...DEFAULT_SEED_COUNTS };
      for (const [k, v] of Object.entries(counts)) if (v !== undefined) merged[k] = v;
      for (const mod of this.modules) {
        mod.seed?.(portal, createRng(seed * 1000 + index * 97 + hash(mod.name)), merged, index);
      }
    });
  }

  /** Issue an access/refresh token pair, as the token endpoint does after a grant. */
  issueTokens(opts: {
    portalId: number;
    userId?: number;
    scopes: string[];
    clientId?: string;
    expiresIn?: number;
    refreshToken?: string;
  }): TokenResponse {
    const portal = this.portalById(opts.portalId);
    if (!portal) throw new Error(`unknown portal ${opts.portalId}`);
    const app = this.appByClientId(opts.clientId) ?? this.state.apps[0]!;
    const user = portal.users.find((u) => u.id === opts.userId) ?? portal.users[0]!;
    const now = Date.now();
    const expiresIn = opts.expiresIn ?? this.state.config.accessTokenTtlSeconds;
    const refreshToken = opts.refreshToken ?? randomToken("na1-rt");
    if (!this.state.refreshTokens.has(refreshToken)) {
      this.state.refreshTokens.set(refreshToken, {
        token: refreshToken,
        portalId: portal.id,
        userId: user.id,
        userEmail: user.email,
        clientId: app.clientId,
        appId: app.appId,
        scopes: opts.scopes,
        revoked: false,
      });
    }
    const accessToken = randomToken("na1-at");
    this.state.accessTokens.set(accessToken, {
      token: accessToken,
      portalId: portal.id,
      userId: user.id,
      userEmail: user.email,
      clientId: app.clientId,
      appId: app.appId,
      scopes: opts.scopes,
      issuedAt: now,
      expiresAt: now + expiresIn * 1000,
      refreshToken,
    });
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      expires_in: expiresIn,
      token_type: "bearer",
      token_use: "access_token",
      hub_id: portal.id,
      scopes: opts.scopes,
      user_id: user.id,
    };
  }
}

function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % 997;
}
