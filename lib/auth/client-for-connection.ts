import "server-only";
import { accessTokenFor } from "./access-token";
import { HubSpotHttpClient } from "../hubspot/http-client";

/** A HubSpot client acting as one stored connection (user × portal); refreshes its token itself. */
export function clientForConnection(connection: { id: string; apiBase: string }): HubSpotHttpClient {
  return new HubSpotHttpClient({
    apiBase: connection.apiBase,
    token: ({ force } = {}) => accessTokenFor(connection.id, { force }),
  });
}
