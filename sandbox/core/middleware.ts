import type { MiddlewareHandler } from "hono";
import type { SandboxContext, SandboxEnv } from "./context";
import type { FaultRule } from "./state";
import { errorBody, hubspotError } from "./errors";

const CONTROL_PREFIX = "/__sandbox";
const MAX_RECORDED = 20_000;
const WINDOW_MS = 10_000;
const isControl = (path: string) => path.startsWith(CONTROL_PREFIX);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readBody(req: Request): Promise<unknown> {
  const text = await req.clone().text();
  if (!text) return undefined;
  const type = req.headers.get("content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded")) {
    const params = Object.fromEntries(new URLSearchParams(text));
    // Never keep secrets in the log that tests can read back.
    if ("client_secret" in params) params.client_secret = "***";
    return params;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Records every API request (not control calls) for GET /__sandbox/requests. */
export function recorder(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    if (isControl(c.req.path)) return next();
    const started = Date.now();
    const requestBody = await readBody(c.req.raw);
    await next();
    let responseBody: unknown;
    const type = c.res.headers.get("content-type") ?? "";
    if (type.includes("json")) {
      try {
        responseBody = await c.res.clone().json();
      } catch {
        responseBody = undefined;
      }
    }
    const state = ctx.state;
    state.requests.push({
      id: ++state.requestSeq,
      at: new Date(started).toISOString(),
      method: c.req.method,
      path: c.req.path,
      query: c.req.query(),
      status: c.res.status,
      portalId: c.get("portal")?.id,
      requestBody,
      responseBody,
      durationMs: Date.now() - started,
    });
    if (state.requests.length > MAX_RECORDED) state.requests.splice(0, state.requests.length - MAX_RECORDED);
  };
}

function pathMatches(pattern: string, path: string): boolean {
  if (pattern === path) return true;
  if (!pattern.includes("*")) return false;
  const re = new RegExp(
    "^" +
      pattern
        .split("*")
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*") +
      "$",
  );
  return re.test(path);
}

/**
 * Injected faults (POST /__sandbox/faults): a status, a delay, or a dropped connection, `times` times.
 * `when: "after"` lets the API apply the request first, then stalls (delayMs) or loses its answer
 * (a status or a reset): the write happened but the client cannot know.
 */
export function faults(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  const matched = new WeakMap<FaultRule, number>();
  return async (c, next) => {
    if (isControl(c.req.path)) return next();
    const rule = ctx.state.faults.find(
      (r) => r.times > 0 && (!r.method || r.method.toUpperCase() === c.req.method) && pathMatches(r.path, c.req.path),
    );
    if (!rule) return next();
    if (rule.every) {
      // Every n-th matching request only (e.g. lose 1 answer in 5): the others pass untouched.
      const seen = (matched.get(rule) ?? 0) + 1;
      matched.set(rule, seen);
      if (seen % rule.every !== 0) return next();
    }
    rule.times -= 1;
    if (rule.when === "after") {
      await next();
      // Applied; now the answer stalls (delayMs), is lost (reset) or replaced (status).
      if (rule.delayMs) await sleep(rule.delayMs);
      // After next() the answer is c.res (a returned Response would be ignored): the log shows what happened.
      if (rule.reset) c.res = dropConnection(c);
      else if (rule.status) c.res = faultResponse(rule);
      return;
    }
    if (rule.delayMs) await sleep(rule.delayMs);
    if (rule.reset) return dropConnection(c);
    if (!rule.status) return next();
    return faultResponse(rule);
  };
}

function dropConnection(c: Parameters<MiddlewareHandler<SandboxEnv>>[0]) {
  const incoming = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming;
  incoming?.socket?.destroy();
  return new Response(null, { status: 500 });
}

/** The answer a rule gives: its own body, or HubSpot's usual body for that status. */
function faultResponse(rule: FaultRule): Response {
  const status = rule.status!;
  const headers: Record<string, string> = { "content-type": "application/json;charset=utf-8" };
  if (rule.retryAfterSeconds !== undefined) headers["retry-after"] = String(rule.retryAfterSeconds);
  const body =
    rule.body !== undefined ? rule.body : status === 429 ? rateLimitBody(rule.policyName) : faultBody(status);
  return new Response(JSON.stringify(body), { status, headers });
}

function faultBody(status: number) {
  if (status === 423)
    return errorBody(
      "LOCKED",
      "Too many updates to these records at once: the resource is locked. Wait at least 2 seconds and try again.",
    );
  if (status === 477)
    return errorBody(
      "MIGRATION_IN_PROGRESS",
      "This portal is being migrated between data centers. Retry after the time in the Retry-After header.",
    );
  const category = status >= 500 ? "INTERNAL_ERROR" : "VALIDATION_ERROR";
  return errorBody(category, `Injected fault: HTTP ${status}`);
}

export function latency(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    if (!isControl(c.req.path) && ctx.state.config.latencyMs > 0) await sleep(ctx.state.config.latencyMs);
    return next();
  };
}

const POLICIES: Record<string, { message: string; groupName: string }> = {
  TEN_SECONDLY_ROLLING: {
    message: "You have reached your ten_secondly_rolling limit.",
    groupName: "publicapi:oauth:ten-secondly",
  },
  SECONDLY: { message: "You have reached your secondly limit.", groupName: "publicapi:oauth:secondly" },
  DAILY: { message: "You have reached your daily limit.", groupName: "publicapi:oauth:daily" },
};

/** HubSpot's 429 body; `policyName` says which limit was hit (DAILY waits for midnight, the others seconds). */
function rateLimitBody(policyName = "TEN_SECONDLY_ROLLING") {
  const policy = POLICIES[policyName] ?? {
    message: `You have reached your ${policyName.toLowerCase()} limit.`,
    groupName: `publicapi:oauth:${policyName.toLowerCase()}`,
  };
  return {
    status: "error",
    message: policy.message,
    errorType: "RATE_LIMIT",
    correlationId: crypto.randomUUID(),
    policyName,
    groupName: policy.groupName,
  };
}

/**
 * Bearer-token auth, scope check and the per-portal rolling 10-second rate limit, in HubSpot's order.
 * `anyOf`: the call is allowed when the token has at least one of these scopes.
 */
export function apiAuth(
  ctx: SandboxContext,
  anyOf: string[] | ((c: Parameters<MiddlewareHandler<SandboxEnv>>[0]) => string[]),
): MiddlewareHandler<SandboxEnv> {
  // So that /__sandbox/tokens can grant "every scope the sandbox knows" by default.
  if (Array.isArray(anyOf)) ctx.registerScopes(anyOf);
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) {
      return hubspotError(
        c,
        401,
        "INVALID_AUTHENTICATION",
        "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
      );
    }
    const token = ctx.state.accessTokens.get(match[1]!.trim());
    if (!token) {
      return hubspotError(c, 401, "INVALID_AUTHENTICATION", "The OAuth token used to make this call is invalid.", {
        subCategory: "invalid-token",
      } as never);
    }
    if (token.expiresAt <= Date.now()) {
      return hubspotError(
        c,
        401,
        "EXPIRED_AUTHENTICATION",
        `The OAuth token used to make this call expired ${Math.round((Date.now() - token.expiresAt) / 1000)} second(s) ago.`,
      );
    }
    const portal = ctx.portalById(token.portalId)!;
    c.set("portal", portal);
    c.set("token", token);
    const needed = typeof anyOf === "function" ? anyOf(c) : anyOf;
    if (needed.length > 0 && !needed.some((s) => token.scopes.includes(s))) {
      return hubspotError(
        c,
        403,
        "MISSING_SCOPES",
        "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
        {
          errors: [
            {
              message: "One or more of the following scopes are required.",
              context: { requiredGranularScopes: needed },
            },
          ],
          links: { scopes: "https://developers.hubspot.com/scopes" },
        },
      );
    }
    const now = Date.now();
    const max = ctx.state.config.rateLimitPerTenSeconds;
    portal.requestTimes = portal.requestTimes.filter((t) => t > now - WINDOW_MS);
    const limited = portal.requestTimes.length >= max;
    if (!limited) portal.requestTimes.push(now);
    c.header("X-HubSpot-RateLimit-Interval-Milliseconds", String(WINDOW_MS));
    c.header("X-HubSpot-RateLimit-Max", String(max));
    c.header("X-HubSpot-RateLimit-Remaining", String(Math.max(0, max - portal.requestTimes.length)));
    if (limited) return c.json(rateLimitBody(), 429);
    const daily = ctx.state.config.dailyLimit;
    if (daily !== undefined) {
      if ((portal.dailyCount ?? 0) >= daily) return c.json(rateLimitBody("DAILY"), 429);
      portal.dailyCount = (portal.dailyCount ?? 0) + 1;
    }
    return next();
  };
}

/** CRM search has its own limit: `searchPerSecond` requests per second per portal. */
export function searchLimit(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const portal = c.get("portal");
    const now = Date.now();
    portal.searchTimes = portal.searchTimes.filter((t) => t > now - 1000);
    if (portal.searchTimes.length >= ctx.state.config.searchPerSecond) {
      return c.json(rateLimitBody("SECONDLY"), 429);
    }
    portal.searchTimes.push(now);
    return next();
  };
}
