import "server-only";
import type { AcquireKind } from "../batch/rate-limiter";
import { limiterFor } from "../batch/shared-rate-limiter";
import { accessTokenFor } from "./access-token";
import { HubSpotHttpClient } from "../hubspot/http-client";

/**
 * A HubSpot client acting as one stored connection (user × portal); refreshes its token itself.
 * With `pace`, every request first takes a slot of that kind from the portal's limiter: "browse"
 * for reads a person waits on (lists, columns, labels), so they go ahead of the portal's jobs and
 * never meet a 429. Without it the caller paces (the batch engine, `limited`, `pacedSearch`).
 */
export function clientForConnection(
  connection: { id: string; apiBase: string; portalId: string | number },
  opts: { pace?: AcquireKind } = {},
): HubSpotHttpClient {
  return new HubSpotHttpClient({
    apiBase: connection.apiBase,
    token: ({ force } = {}) => accessTokenFor(connection.id, { force }),
    ...(opts.pace ? { pace: { limiter: limiterFor(connection.portalId), kind: opts.pace } } : {}),
  });
}
