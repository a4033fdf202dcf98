import type { RecordedRequest } from "../../sandbox/core/state";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import { HubSpotHttpClient } from "../../lib/hubspot/http-client";
import type { BatchAdapter } from "../../lib/batch/adapter";
import type { ScanReport } from "../../lib/batch/deferred-scan";
import { runBatch, type RunBatchOptions } from "../../lib/batch/engine";
import { SlidingWindowLimiter } from "../../lib/batch/rate-limiter";
import type { RowOperation, RowOutcome } from "../../lib/batch/types";

/**
 * A real sandbox on a random port for the engine's integration tests, plus the control-API calls
 * they need: faults, the request log (to count writes) and the stored records (to check what
 * HubSpot really holds, not what the engine says).
 */
export const CAMPAIGNS = "/marketing/campaigns/2026-03";
export const BATCH_UPDATE = `${CAMPAIGNS}/batch/update`;
export const BATCH_CREATE = `${CAMPAIGNS}/batch/create`;
export const BATCH_READ = `${CAMPAIGNS}/batch/read`;

export interface StoredRecord {
  id: string;
  properties: Record<string, string | null>;
  updatedAt: string;
}

/** Records per kind seeded by the kit: campaigns only unless a test asks for more. */
export type KitCounts = Partial<
  Record<"campaigns" | "marketingEvents" | "contacts" | "companies" | "deals" | "tickets" | "p_projects", number>
>;

export async function sandboxKit(opts: { campaigns?: number; rateLimit?: number; counts?: KitCounts } = {}) {
  const counts = {
    campaigns: opts.campaigns ?? 300,
    marketingEvents: 0,
    contacts: 0,
    companies: 0,
    deals: 0,
    tickets: 0,
    p_projects: 0,
    ...opts.counts,
  };
  const sb: RunningSandbox = await startSandbox({
    port: 0,
    counts,
    config: { rateLimitPerTenSeconds: opts.rateLimit ?? 100_000 },
  });
  const portalId = sb.ctx.defaultPortal().id;
  const token = sb.ctx.issueTokens({ portalId, scopes: sb.ctx.knownScopes(), expiresIn: 3600 }).access_token;

  async function control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(sb.url + path, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    return res.json() as Promise<T>;
  }

  return {
    sb,
    portalId,
    control,
    /** A client as the dashboard builds one; `fetch` lets a test lose answers on purpose. */
    client: (f?: typeof fetch) => new HubSpotHttpClient({ apiBase: sb.url, token: async () => token, fetch: f }),
    limiter: (limit = 100_000) => new SlidingWindowLimiter({ limit, pauseAfter429Ms: 10 }),
    /** runBatch as the tests use it: this sandbox, a generous limiter, no waiting between retries. */
    run: (adapter: BatchAdapter, ops: RowOperation[], extra: Partial<RunBatchOptions> = {}) =>
      runBatch(ops, {
        adapter,
        client: new HubSpotHttpClient({ apiBase: sb.url, token: async () => token }),
        limiter: new SlidingWindowLimiter({ limit: 100_000, pauseAfter429Ms: 10 }),
        sleep: noSleep,
        ...extra,
      }),
    /** `run` with the deferred scan on (a search limiter as HubSpot's, 5/s): the outcomes and what the scan did. */
    runScanned: async (adapter: BatchAdapter, ops: RowOperation[]) => {
      const reports: ScanReport[] = [];
      const outcomes = await runBatch(ops, {
        adapter,
        client: new HubSpotHttpClient({ apiBase: sb.url, token: async () => token }),
        limiter: new SlidingWindowLimiter({ limit: 100_000, pauseAfter429Ms: 10 }),
        sleep: noSleep,
        searchLimiter: new SlidingWindowLimiter({ limit: 5, windowMs: 1150 }),
        onScan: (r) => reports.push(r),
      });
      return { outcomes, reports };
    },
    reset: async () => {
      await control("DELETE", "/__sandbox/faults");
      await control("POST", "/__sandbox/reset", counts);
    },
    faults: (...rules: Record<string, unknown>[]) => control("POST", "/__sandbox/faults", { rules }),
    requests: (path: string, method = "POST") =>
      control<RecordedRequest[]>("GET", `/__sandbox/requests?path=${encodeURIComponent(path)}&method=${method}`).then(
        (rs) => rs.filter((r) => r.path === path),
      ),
    /** What the sandbox holds, in API shapes (campaigns, marketing-events, contacts, p_projects…). */
    records: <T = StoredRecord>(kind = "campaigns") => control<T[]>("GET", `/__sandbox/records/${kind}`),
    close: () => sb.close(),
  };
}
export type SandboxKit = Awaited<ReturnType<typeof sandboxKit>>;

/** Sandbox requests as the engine sent them: the ids (or names) in each successful write. */
export const inputsOf = (r: RecordedRequest) =>
  (r.requestBody as { inputs?: { id?: string; properties: Record<string, string> }[] })?.inputs ?? [];

export const noSleep = async () => {};

/**
 * A fetch that lets the first request to a path ending in `pathSuffix` reach HubSpot (so it is
 * applied), then loses the answer as a connection reset would: the "outcome unknown" case.
 */
export function loseFirstAnswer(pathSuffix: string): typeof fetch {
  let lost = false;
  return async (input, init) => {
    const res = await fetch(input, init);
    if (!lost && String(input).endsWith(pathSuffix)) {
      lost = true;
      await res.text();
      throw new TypeError("fetch failed", { cause: new Error("ECONNRESET") });
    }
    return res;
  };
}

export function byStatus(outcomes: RowOutcome[]) {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o.status] = (counts[o.status] ?? 0) + 1;
  return counts;
}
