import { observeServerDate } from "./clock";
import "server-only";
import { env } from "../config/env";
import type { BatchClient, FailedAnswer, RequestOptions } from "../batch/client";
import type { AcquireKind, RateLimiter } from "../batch/rate-limiter";
import { backoff, classifyFailure, retryAfterSeconds } from "./retry-policy";

/**
 * The one way Batchboard talks HTTP to HubSpot: bearer auth from a token provider, JSON in and out,
 * HubSpot's error bodies turned into HubSpotApiError, a timeout on every call, and retries where
 * they are safe (retry-policy.ts): 429 (but not the daily limit), 423 and 477 always (nothing was
 * done), 5xx and network errors only for reads unless the caller says so.
 */
export interface TokenProvider {
  /** A valid access token; `force` asks for a refreshed one after a 401. */
  (opts?: { force?: boolean }): Promise<string>;
}

export class HubSpotApiError extends Error {
  constructor(
    readonly status: number,
    readonly category: string,
    message: string,
    readonly body: unknown,
    readonly correlationId?: string,
    /** From the Retry-After header, when HubSpot sent one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "HubSpotApiError";
  }
  get isAuth() {
    return this.status === 401;
  }
  /** Which limit a 429 hit: DAILY, SECONDLY, TEN_SECONDLY_ROLLING. */
  get policyName(): string | undefined {
    const p = (this.body as { policyName?: unknown } | undefined)?.policyName;
    return typeof p === "string" ? p : undefined;
  }
  get missingScopes(): string[] {
    const errors = (this.body as { errors?: { context?: { requiredGranularScopes?: string[] } }[] })?.errors ?? [];
    return errors.flatMap((e) => e.context?.requiredGranularScopes ?? []);
  }
}

export type { RequestOptions } from "../batch/client";

export interface HubSpotClientOptions {
  apiBase: string;
  token?: TokenProvider;
  fetch?: typeof fetch;
  /** Waits between retries; tests shorten it. */
  sleep?: (ms: number) => Promise<void>;
  /** Per attempt, connect to last byte of the body (default HUBSPOT_TIMEOUT_MS, 30 s): a hung call must not hold a job. */
  timeoutMs?: number;
  /**
   * Every attempt (retries too) first takes a slot of this kind from the portal's limiter, which
   * sees every answer. Without it the caller paces (the batch engine, `limited`, `pacedSearch`).
   */
  pace?: { limiter: RateLimiter; kind: AcquireKind };
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function backoffMs(attempt: number, res?: Response): number {
  const retryAfter = res ? retryAfterSeconds(res.headers) : undefined;
  return retryAfter !== undefined && retryAfter > 0 ? retryAfter * 1000 : backoff(attempt);
}

export class HubSpotHttpClient implements BatchClient {
  constructor(private readonly opts: HubSpotClientOptions) {}

  /** The batch engine's view of a failed attempt (lib/batch/client.ts): HubSpot's answers by retry-policy.ts. */
  classifyFailure(err: unknown, facts: { idempotent: boolean; attempt: number }): FailedAnswer | undefined {
    if (!(err instanceof HubSpotApiError)) return undefined;
    const verdict = classifyFailure({
      status: err.status,
      policyName: err.policyName,
      retryAfterSeconds: err.retryAfterSeconds,
      ...facts,
    });
    return { status: err.status, body: err.body, message: err.message, verdict };
  }

  backoff(attempt: number): number {
    return backoff(attempt);
  }

  async request<T = unknown>(path: string, o: RequestOptions<T> = {}): Promise<T> {
    const method = o.method ?? "GET";
    const url = new URL(this.opts.apiBase + path);
    for (const [k, v] of Object.entries(o.query ?? {})) {
      if (v === undefined) continue;
      url.searchParams.set(k, Array.isArray(v) ? v.join(",") : String(v));
    }
    const maxAttempts = o.maxAttempts ?? 6;
    const doFetch = this.opts.fetch ?? fetch;
    const sleep = this.opts.sleep ?? defaultSleep;
    const timeoutMs = this.opts.timeoutMs ?? env().HUBSPOT_TIMEOUT_MS;
    let forcedRefresh = false;
    for (let attempt = 0; ; attempt++) {
      // Before the attempt's timeout starts: waiting for a slot is not HubSpot being slow.
      await this.opts.pace?.limiter.acquire(o.signal, this.opts.pace.kind);
      const headers: Record<string, string> = { accept: "application/json" };
      if (o.body !== undefined) headers["content-type"] = "application/json";
      if (this.opts.token) headers.authorization = `Bearer ${await this.opts.token({ force: forcedRefresh })}`;
      let res: Response;
      // The same signal covers reading the body, so a response that stalls midway times out too.
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
      try {
        res = await doFetch(url, {
          method,
          headers,
          body: o.body === undefined ? undefined : JSON.stringify(o.body),
          signal,
          cache: "no-store",
        });
      } catch (err) {
        if (o.idempotent !== false && method === "GET" && attempt + 1 < maxAttempts) {
          await sleep(backoffMs(attempt));
          continue;
        }
        if (o.idempotent && attempt + 1 < maxAttempts) {
          await sleep(backoffMs(attempt));
          continue;
        }
        throw err;
      }
      observeServerDate(this.opts.apiBase, res.headers.get("date"));
      this.opts.pace?.limiter.observe(res);
      o.onResponse?.(res);
      if (res.ok) {
        if (res.status === 204) return undefined as T;
        const json = await res.json();
        return o.schema ? o.schema.parse(json) : (json as T);
      }
      const body = await res.json().catch(() => undefined);
      const error = toApiError(res.status, body, retryAfterSeconds(res.headers));
      if (res.status === 401 && this.opts.token && !forcedRefresh) {
        forcedRefresh = true;
        continue;
      }
      const verdict = classifyFailure({
        status: res.status,
        policyName: error.policyName,
        retryAfterSeconds: error.retryAfterSeconds,
        idempotent: method === "GET" || !!o.idempotent,
        attempt,
      });
      if (verdict.kind === "retry" && attempt + 1 < maxAttempts) {
        await sleep(verdict.waitMs);
        continue;
      }
      throw error;
    }
  }
}

function toApiError(status: number, body: unknown, retryAfter?: number): HubSpotApiError {
  const b = (body ?? {}) as { category?: string; errorType?: string; message?: string; correlationId?: string };
  const category = b.category ?? b.errorType ?? (status === 429 ? "RATE_LIMIT" : `HTTP_${status}`);
  return new HubSpotApiError(
    status,
    category,
    b.message ?? `HubSpot answered HTTP ${status}`,
    body,
    b.correlationId,
    retryAfter,
  );
}
