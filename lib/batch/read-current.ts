import type { BatchAdapter, HubSpotRequester } from "./adapter";
import type { RateLimiter } from "./rate-limiter";
import { chunk } from "./operations";
import { runPool } from "./pool";
import type { SavedRecord } from "./types";

/**
 * What HubSpot holds now for many records, before writing (an upload's dry run, a revert's
 * preview): batch reads (campaigns, CRM) of the batch size, four in flight, so the portal's rate
 * limit bounds it rather than each call's latency (one at a time, 200 reads at 150 ms took 32 s
 * instead of 20); or, for an adapter whose read is a pass over the list (marketing events), one
 * call for all of them. Every request waits for the portal's limiter.
 */
export async function readCurrent(
  adapter: BatchAdapter,
  http: HubSpotRequester,
  ids: string[],
  properties: string[],
  onRead?: (done: number) => void,
): Promise<Map<string, SavedRecord>> {
  if (adapter.readIsListPass) return adapter.read(http, ids, properties, {});
  const out = new Map<string, SavedRecord>();
  let done = 0;
  await runPool(chunk(ids, adapter.batchSize), READS_IN_FLIGHT, async (part) => {
    for (const [k, v] of await adapter.read(http, part, properties, {})) out.set(k, v);
    onRead?.((done += part.length));
    return [];
  });
  return out;
}

const READS_IN_FLIGHT = 4;

/** A requester whose every call first takes a slot from the portal's limiter, which sees the answer. */
export const limited = (http: HubSpotRequester, limiter: RateLimiter): HubSpotRequester => ({
  request: (async (path: string, opts: { onResponse?: (res: Response) => void } = {}) => {
    await limiter.acquire();
    return http.request(path, {
      ...opts,
      onResponse: (res: Response) => {
        limiter.observe(res);
        opts.onResponse?.(res);
      },
    } as never);
  }) as HubSpotRequester["request"],
});
