/*
 * Test helper for the route tests: an in-process sandbox (no socket), tokens for a portal, and
 * a JSON call helper. The global rate limit and the search limit are raised by default so that
 * tests exercising other behaviour never trip them; the rate-limit tests pass their own config.
 */
import { createSandbox, type SandboxOptions } from "../server";

export const PORTAL = 20260301;
export const OTHER_PORTAL = 20260302;

export interface CallResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export function setupSandbox(opts: SandboxOptions = {}) {
  const { ctx, app } = createSandbox({
    ...opts,
    config: { rateLimitPerTenSeconds: 100_000, searchPerSecond: 100_000, ...opts.config },
  });
  const token = (scopes: string[], portalId = PORTAL) => ctx.issueTokens({ portalId, scopes }).access_token;

  async function call<T = any>(
    method: string,
    path: string,
    init: { token?: string; body?: unknown } = {},
  ): Promise<CallResult<T>> {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      headers["content-type"] = "application/json";
      body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    }
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  /** GET /__sandbox/records/{kind} for a portal (the control API, no token needed). */
  async function records<T = any>(kind: string, portalId = PORTAL): Promise<T[]> {
    const r = await call<T[]>("GET", `/__sandbox/records/${kind}?portalId=${portalId}`);
    if (r.status !== 200) throw new Error(`records ${kind}: HTTP ${r.status}`);
    return r.body;
  }

  return { ctx, app, token, call, records };
}
