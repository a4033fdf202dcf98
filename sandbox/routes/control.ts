/**
 * The sandbox's control API under /__sandbox: a FIXED contract used by tests outside this repo.
 *
 *   GET    /__sandbox/health                 → {ok:true}
 *   GET    /__sandbox/portals                → portals (id, domain, name, users) and the test app's client id
 *   POST   /__sandbox/reset                  {seed?, portalId?, campaigns?, marketingEvents?, contacts?, companies?, deals?, …}
 *            Rebuilds data from the seed (all portals, or only `portalId`), clears the request log and the
 *            rate-limit windows. Tokens and faults are kept. contacts ≤ 1,000,000, every other count ≤ 200,000
 *            (400 VALIDATION_ERROR naming the field above that). CRM records are built on the portal's first
 *            CRM request (1,000,000 contacts: a few seconds).
 *   POST   /__sandbox/tokens                 {portalId?, userId?, scopes?, expiresIn?} → the token endpoint's response
 *   POST   /__sandbox/tokens/expire          {token} (an access token) → it now answers 401 EXPIRED_AUTHENTICATION;
 *                                            {refreshToken} → the refresh token hard-expires (BAD_REFRESH_TOKEN)
 *   POST   /__sandbox/tokens/revoke          {token} → revokes a refresh token and its access tokens, or deletes
 *                                            an access token (→ 401 INVALID_AUTHENTICATION)
 *   GET    /__sandbox/records/{kind}         → JSON array of the portal's records in API shapes (404 unknown kind)
 *   GET    /__sandbox/config                 → config;  POST /__sandbox/config {rateLimit:{perTenSeconds, searchPerSecond},
 *                                            searchIndexDelayMs, latencyMs, accessTokenTtlSeconds, dailyLimit}
 *   POST   /__sandbox/reset-daily            → ends the sandbox's day: daily counts start again
 *   GET    /__sandbox/faults                 → {rules};  POST appends {rules:[…]} (400 on bad input);  DELETE clears
 *            A rule: {method?, path, times?, status?, delayMs?, reset?, body?, when?: "before"|"after",
 *            policyName?: "DAILY"|"SECONDLY"|"TEN_SECONDLY_ROLLING", retryAfterSeconds?, every?: n (every n-th match only)}
 *   GET    /__sandbox/requests?path=&method= → JSON array of recorded API requests;  DELETE clears
 *
 * Calls act on the default (first) portal unless they name one ("portalId" in the body or the query).
 */
import { z } from "zod";
import type { SandboxApp, SandboxContext } from "../core/context";
import { errorBody } from "../core/errors";
import type { Portal, SandboxConfig } from "../core/state";

const FaultRuleSchema = z
  .strictObject({
    method: z
      .string()
      .regex(/^[A-Za-z]+$/)
      .transform((m) => m.toUpperCase())
      .optional(),
    path: z.string().startsWith("/"),
    times: z.number().int().min(1).default(1),
    status: z.number().int().min(100).max(599).optional(),
    delayMs: z.number().int().min(0).max(120_000).optional(),
    reset: z.boolean().optional(),
    body: z.unknown().optional(),
    when: z.enum(["before", "after"]).optional(),
    policyName: z
      .string()
      .regex(/^[A-Z_]+$/)
      .optional(),
    retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
    every: z.number().int().min(1).optional(),
  })
  .refine((r) => r.status !== undefined || r.delayMs !== undefined || r.reset, {
    error: "A rule needs status, delayMs or reset.",
  });
const FaultsBodySchema = z.strictObject({ rules: z.array(FaultRuleSchema).min(1) });

/** Seed count bounds: a portal as large as the app must handle, in bounded memory (crm-columns.ts). */
export const MAX_CONTACTS = 1_000_000;
export const MAX_OTHER_RECORDS = 200_000;
const count = (max: number) =>
  z
    .number()
    .int()
    .min(0)
    .max(max, { error: `at most ${max.toLocaleString("en-US")}` });
const ResetBodySchema = z
  .object({
    seed: z.number().int().optional(),
    portalId: z.union([z.number(), z.string()]).optional(),
    contacts: count(MAX_CONTACTS).optional(),
  })
  .catchall(count(MAX_OTHER_RECORDS));

const TokensBodySchema = z.strictObject({
  portalId: z.union([z.number(), z.string()]).optional(),
  userId: z.number().int().optional(),
  scopes: z.array(z.string()).optional(),
  expiresIn: z.number().int().optional(),
  clientId: z.string().optional(),
});

const ConfigBodySchema = z.strictObject({
  rateLimit: z
    .strictObject({
      perTenSeconds: z.number().int().min(1).optional(),
      searchPerSecond: z.number().int().min(1).optional(),
    })
    .optional(),
  rateLimitPerTenSeconds: z.number().int().min(1).optional(),
  searchPerSecond: z.number().int().min(1).optional(),
  searchIndexDelayMs: z.number().int().min(0).max(600_000).optional(),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  accessTokenTtlSeconds: z.number().int().optional(),
  /** null removes the limit. Any change of it begins a new day. */
  dailyLimit: z.number().int().min(0).nullable().optional(),
  strict: z
    .strictObject({ idPropertyUpdate: z.boolean().optional(), ignoreCampaignSort: z.boolean().optional() })
    .optional(),
  portalId: z.union([z.number(), z.string()]).optional(),
});

/** Both the request's nested shape and the flat internal fields, so callers can read either. */
const configView = (c: SandboxConfig) => ({
  rateLimit: { perTenSeconds: c.rateLimitPerTenSeconds, searchPerSecond: c.searchPerSecond },
  latencyMs: c.latencyMs,
  accessTokenTtlSeconds: c.accessTokenTtlSeconds,
  rateLimitPerTenSeconds: c.rateLimitPerTenSeconds,
  searchPerSecond: c.searchPerSecond,
  searchIndexDelayMs: c.searchIndexDelayMs,
  dailyLimit: c.dailyLimit ?? null,
  strict: {
    idPropertyUpdate: c.strict?.idPropertyUpdate ?? false,
    ignoreCampaignSort: c.strict?.ignoreCampaignSort ?? false,
  },
});

const issuesOf = (e: z.ZodError) => e.issues.map((i) => ({ message: i.message, in: i.path.join(".") || undefined }));

export function registerControl(app: SandboxApp, ctx: SandboxContext) {
  const bad = (message: string, err?: z.ZodError) =>
    errorBody("VALIDATION_ERROR", message, err ? { errors: issuesOf(err) } : {});
  async function json(req: Request): Promise<{ ok: true; value: unknown } | { ok: false }> {
    const text = await req.text();
    if (!text.trim()) return { ok: true, value: {} };
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      return { ok: false };
    }
  }
  const portalOr404 = (id: unknown): Portal | undefined => ctx.portalById(id as string | number | undefined);

  app.get("/__sandbox/health", (c) => c.json({ ok: true }));

  app.get("/__sandbox/portals", (c) =>
    c.json({
      portals: ctx.state.portals.map((p) => ({
        id: p.id,
        domain: p.domain,
        name: p.name,
        timeZone: p.timeZone,
        users: p.users,
      })),
      apps: ctx.state.apps.map((a) => ({
        appId: a.appId,
        name: a.name,
        clientId: a.clientId,
        redirectUris: a.redirectUris,
      })),
    }),
  );

  app.post("/__sandbox/reset", async (c) => {
    const body = await json(c.req.raw);
    if (!body.ok) return c.json(bad("Body must be JSON."), 400);
    const parsed = ResetBodySchema.safeParse(body.value);
    if (!parsed.success) return c.json(bad("Invalid reset body.", parsed.error), 400);
    const { seed = ctx.state.seed, portalId, ...counts } = parsed.data;
    const portalIdQ = portalId ?? c.req.query("portalId");
    const portal = portalIdQ === undefined ? undefined : portalOr404(portalIdQ);
    if (portalIdQ !== undefined && !portal)
      return c.json(errorBody("OBJECT_NOT_FOUND", `Unknown portal ${portalIdQ}`), 404);
    const started = Date.now();
    ctx.reset(seed, counts as Record<string, number>, portal ? [portal.id] : undefined);
    ctx.state.requests = [];
    return c.json({
      ok: true,
      seed,
      portalIds: portal ? [portal.id] : ctx.state.portals.map((p) => p.id),
      durationMs: Date.now() - started,
    });
  });

  app.post("/__sandbox/tokens", async (c) => {
    const body = await json(c.req.raw);
    if (!body.ok) return c.json(bad("Body must be JSON."), 400);
    const parsed = TokensBodySchema.safeParse(body.value);
    if (!parsed.success) return c.json(bad("Invalid tokens body.", parsed.error), 400);
    const portal = portalOr404(parsed.data.portalId ?? c.req.query("portalId"));
    if (!portal) return c.json(errorBody("OBJECT_NOT_FOUND", `Unknown portal ${parsed.data.portalId}`), 404);
    if (parsed.data.userId !== undefined && !portal.users.some((u) => u.id === parsed.data.userId)) {
      return c.json(bad(`User ${parsed.data.userId} is not a user of portal ${portal.id}.`), 400);
    }
    if (parsed.data.clientId !== undefined && !ctx.appByClientId(parsed.data.clientId))
      return c.json(bad(`Unknown clientId ${parsed.data.clientId}.`), 400);
    return c.json(
      ctx.issueTokens({
        portalId: portal.id,
        userId: parsed.data.userId,
        scopes: parsed.data.scopes ?? ctx.knownScopes(),
        expiresIn: parsed.data.expiresIn,
        clientId: parsed.data.clientId,
      }),
    );
  });

  app.post("/__sandbox/tokens/expire", async (c) => {
    const body = await json(c.req.raw);
    const v = (body.ok ? body.value : {}) as { token?: unknown; refreshToken?: unknown };
    if (typeof v.token === "string") {
      const at = ctx.state.accessTokens.get(v.token);
      if (!at) return c.json(errorBody("OBJECT_NOT_FOUND", "Unknown access token"), 404);
      at.expiresAt = Date.now() - 1000;
      return c.json({ ok: true });
    }
    if (typeof v.refreshToken === "string") {
      const rt = ctx.state.refreshTokens.get(v.refreshToken);
      if (!rt) return c.json(errorBody("OBJECT_NOT_FOUND", "Unknown refresh token"), 404);
      rt.expiresAt = Date.now() - 1000;
      return c.json({ ok: true });
    }
    return c.json(bad('Body must be {"token": "<access token>"} or {"refreshToken": "<refresh token>"}.'), 400);
  });

  app.post("/__sandbox/tokens/revoke", async (c) => {
    const body = await json(c.req.raw);
    const token = body.ok ? (body.value as { token?: unknown }).token : undefined;
    if (typeof token !== "string") return c.json(bad('Body must be {"token": "…"}.'), 400);
    if (ctx.revokeRefreshToken(token) || ctx.state.accessTokens.delete(token)) return c.json({ ok: true });
    return c.json(errorBody("OBJECT_NOT_FOUND", "Unknown token"), 404);
  });

  app.get("/__sandbox/records/:kind", (c) => {
    const kind = c.req.param("kind");
    const provider = ctx.modules.find((m) => m.records?.[kind])?.records?.[kind];
    if (!provider) {
      const known = ctx.modules.flatMap((m) => Object.keys(m.records ?? {}));
      return c.json(errorBody("OBJECT_NOT_FOUND", `Unknown record kind "${kind}". Known: ${known.join(", ")}`), 404);
    }
    const portal = portalOr404(c.req.query("portalId"));
    if (!portal) return c.json(errorBody("OBJECT_NOT_FOUND", `Unknown portal ${c.req.query("portalId")}`), 404);
    return c.json(provider(portal));
  });

  // The sandbox's "midnight": every portal's daily count starts again.
  const endDay = () => ctx.state.portals.forEach((p) => (p.dailyCount = 0));
  app.get("/__sandbox/config", (c) => c.json(configView(ctx.state.config)));
  app.post("/__sandbox/config", async (c) => {
    const body = await json(c.req.raw);
    if (!body.ok) return c.json(bad("Body must be JSON."), 400);
    const parsed = ConfigBodySchema.safeParse(body.value);
    if (!parsed.success) return c.json(bad("Invalid config body.", parsed.error), 400);
    const d = parsed.data;
    const cfg = ctx.state.config;
    const perTen = d.rateLimit?.perTenSeconds ?? d.rateLimitPerTenSeconds;
    const perSecond = d.rateLimit?.searchPerSecond ?? d.searchPerSecond;
    if (perTen !== undefined) cfg.rateLimitPerTenSeconds = perTen;
    if (perSecond !== undefined) cfg.searchPerSecond = perSecond;
    if (d.searchIndexDelayMs !== undefined) cfg.searchIndexDelayMs = d.searchIndexDelayMs;
    if (d.latencyMs !== undefined) cfg.latencyMs = d.latencyMs;
    if (d.accessTokenTtlSeconds !== undefined) cfg.accessTokenTtlSeconds = d.accessTokenTtlSeconds;
    if (d.strict) cfg.strict = { ...cfg.strict, ...d.strict };
    if (d.dailyLimit !== undefined) {
      cfg.dailyLimit = d.dailyLimit ?? undefined;
      endDay();
    }
    return c.json(configView(cfg));
  });

  app.post("/__sandbox/reset-daily", (c) => {
    endDay();
    return c.json({ ok: true });
  });

  app.get("/__sandbox/faults", (c) => c.json({ rules: ctx.state.faults }));
  app.post("/__sandbox/faults", async (c) => {
    const body = await json(c.req.raw);
    if (!body.ok) return c.json(bad("Body must be JSON."), 400);
    const parsed = FaultsBodySchema.safeParse(body.value);
    if (!parsed.success) return c.json(bad("Invalid fault rules.", parsed.error), 400);
    ctx.state.faults.push(...parsed.data.rules);
    return c.json({ rules: ctx.state.faults });
  });
  app.delete("/__sandbox/faults", (c) => {
    ctx.state.faults = [];
    return c.json({ rules: [] });
  });

  app.get("/__sandbox/requests", (c) => {
    const prefix = c.req.query("path");
    const method = c.req.query("method")?.toUpperCase();
    const portalId = c.req.query("portalId");
    return c.json(
      ctx.state.requests.filter(
        (r) =>
          (!prefix || r.path.startsWith(prefix)) &&
          (!method || r.method === method) &&
          (!portalId || r.portalId === Number(portalId)),
      ),
    );
  });
  app.delete("/__sandbox/requests", (c) => {
    ctx.state.requests = [];
    return c.json({ ok: true });
  });
}
