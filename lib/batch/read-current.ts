import type { BatchAdapter, HubSpotRequester } from "./adapter";
import type { RateLimiter } from "./rate-limiter";
import type { SavedRecord } from "./types";

/**
 * What HubSpot holds now for many records, before writing (an upload's dry run, a revert's
 * preview): batch reads (campaigns, CRM) chunked by the batch size, or,
 * for an adapter whose read is a pass over the list (marketing events), one call for all of them.
 * Every request waits for the portal's limiter.
 */
export async function readCurrent(adapter: BatchAdapter, http: HubSpotRequester, ids: string[], properties: string[], onRead?: (done: number) => void): Promise<Map<string, SavedRecord>> {
  if (adapter.readIsListPass) return adapter.read(http, ids, properties, {});
  const out = new Map<string, SavedRecord>();
  for (let i = 0; i < ids.length; i += adapter.batchSize) {
    for (const [k, v] of await adapter.read(http, ids.slice(i, i + adapter.batchSize), properties, {})) out.set(k, v);
    onRead?.(Math.min(i + adapter.batchSize, ids.length));
  }
  return out;
}

/** A requester whose every call first takes a slot from the portal's limiter. */
export const limited = (http: HubSpotRequester, limiter: RateLimiter): HubSpotRequester => ({
  request: (async (path: string, opts: never) => {
    await limiter.acquire();
    return http.request(path, opts);
  }) as HubSpotRequester["request"],
});

