import "server-only";
import type { Actor } from "../auth/actor";
import { clientForConnection } from "../auth/client-for-connection";
import { ExpectedActionError } from "../actions/result";
import { searchLoadTime } from "../hubspot/load-time";
import { FilterError } from "../hubspot/search-filters";
import type { PropertyType } from "../properties/types";
import type { CrmWindowInput } from "./inputs";
import { pacedSearch } from "./paced-search";
import { crmPropertyTypes } from "./view-pages";
import { readCrmWindow, type CrmWindow } from "./view-window";

/** Property types per portal and object type for a minute: a filtered view asks for a window per scroll. */
const TYPES_TTL_MS = 60_000;
const typesCache = new Map<string, { at: number; types: Promise<Map<string, PropertyType>> }>();

/**
 * One window of a CRM view for the grid, read on the actor's connection: searches through the
 * portal's search limiter (5/s) and its general budget. Property types (to translate filters) are
 * read only when the view has filters. `loadedAt` is taken before the first search, so it is a load
 * time for every row the window returns (see RecordWindow.loadedAt).
 */
export async function crmViewWindow(actor: Pick<Actor, "connection">, input: CrmWindowInput): Promise<CrmWindow> {
  const { connection } = actor;
  // Someone waits on this window: its searches and the property read are browse requests.
  const http = pacedSearch(clientForConnection(connection), connection.portalId, "browse");
  const types =
    input.query.filters.length > 0
      ? await typesFor(clientForConnection(connection, { pace: "browse" }), connection.portalId, input.objectType)
      : new Map();
  try {
    const loadedAt = searchLoadTime(connection.apiBase);
    const window = await readCrmWindow(
      http,
      { objectType: input.objectType, query: input.query, properties: input.properties, timeZone: input.timeZone },
      { start: input.start, anchors: input.anchors, totalHint: input.totalHint, types },
    );
    return loadedAt === undefined ? window : { ...window, loadedAt };
  } catch (err) {
    if (err instanceof FilterError) throw new ExpectedActionError("invalid_input", err.message);
    throw err;
  }
}

function typesFor(client: ReturnType<typeof clientForConnection>, portalId: number | string, objectType: string) {
  const key = `${portalId}:${objectType}`;
  const hit = typesCache.get(key);
  if (hit && Date.now() - hit.at < TYPES_TTL_MS) return hit.types;
  const types = crmPropertyTypes(client, objectType);
  typesCache.set(key, { at: Date.now(), types });
  types.catch(() => typesCache.delete(key));
  if (typesCache.size > 500) typesCache.delete(typesCache.keys().next().value!);
  return types;
}
