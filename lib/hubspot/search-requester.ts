import "server-only";
import type { AcquireKind, RateLimiter } from "../batch/rate-limiter";
import { HubSpotApiError, type HubSpotHttpClient } from "./http-client";
import { backoff } from "./retry-policy";

type Requester = Pick<HubSpotHttpClient, "request">;

/**
 * A requester whose searches are paced for the portal (`searchRequester`). `searchCrmObjects` takes
 * only this, so every CRM search of the app — the grid's windows, a bulk edit's dry run, an export —
 * shares the portal's 5 searches a second instead of each caller spacing its own.
 */
export interface SearchRequester extends Requester {
  readonly pacedSearch: true;
}

/** Attempts per search: a 429 (SECONDLY) is retried, each retry taking a new slot. */
const SEARCH_ATTEMPTS = 5;

/**
 * A requester for CRM search reads: every attempt first takes a slot from the portal's search
 * limiter (5/s) and from its general budget, and both see HubSpot's answer (a 429 pauses everyone
 * behind them); `kind` says whose search it is (a grid's window: "browse"; default background). A 429 that is not the daily limit is retried here, after a backoff, rather than
 * inside the HTTP client, so that a retry waits for a slot like any other search.
 */
export function searchRequester(
  client: Requester,
  limiters: { search: RateLimiter; portal: RateLimiter; kind?: AcquireKind },
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): SearchRequester {
  return {
    pacedSearch: true,
    request: (async (path: string, o: Parameters<Requester["request"]>[1] = {}) => {
      for (let attempt = 0; ; attempt++) {
        await limiters.search.acquire(o.signal, limiters.kind);
        await limiters.portal.acquire(o.signal, limiters.kind);
        try {
          return await client.request(path, {
            ...o,
            maxAttempts: 1,
            onResponse: (res) => {
              limiters.search.observe(res);
              limiters.portal.observe(res);
              o.onResponse?.(res);
            },
          });
        } catch (err) {
          const retry =
            err instanceof HubSpotApiError &&
            err.status === 429 &&
            err.policyName !== "DAILY" &&
            attempt + 1 < SEARCH_ATTEMPTS;
          if (!retry) throw err;
          await sleep(err.retryAfterSeconds ? err.retryAfterSeconds * 1000 : Math.min(backoff(attempt), 2000));
        }
      }
    }) as Requester["request"],
  };
}

/**
 * A requester its caller already paces as a search (the batch engine's scan requester takes a slot
 * of the portal's search limiter and of its general budget for every request): marked so that
 * `searchCrmObjects` takes it, without pacing it twice.
 */
export const pacedByCaller = (http: Requester): SearchRequester => ({
  pacedSearch: true,
  request: http.request.bind(http) as Requester["request"],
});
