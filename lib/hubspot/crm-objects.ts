import "server-only";
import type { HubSpotHttpClient } from "./http-client";
import type { SearchRequester } from "./search-requester";
import { MAX_BATCH_INPUTS } from "./schemas/common";
import { CrmObjectPageSchema, CrmSearchResponseSchema, type CrmSearchRequest } from "./schemas/crm";

/**
 * CRM records, read side: one page of a type's records (HubSpot's id order), or one page of a
 * search (filters, sort, free-text query). The grid pages through either; writes go through the
 * batch engine (crm-batch-adapter.ts).
 */
type Requester = Pick<HubSpotHttpClient, "request">;

/** `objectType` as HubSpot takes it in a path: contacts, 0-1, p_projects, 2-123… */
export const crmObjectsPath = (objectType: string) => `/crm/objects/2026-03/${encodeURIComponent(objectType)}`;

/** HubSpot's search pages hold at most 200 records, and it stops paging after 10,000. */
const CRM_SEARCH_MAX_LIMIT = 200;

/** HubSpot's search answers at most 10,000 results per query: `after` + `limit` must stay within it. */
export const SEARCH_RESULT_CAP = 10_000;

export interface ListCrmObjectsParams {
  after?: string;
  /** Default and maximum 100. */
  limit?: number;
  /** Properties to return (HubSpot returns a few defaults otherwise). */
  properties?: readonly string[];
  archived?: boolean;
  signal?: AbortSignal;
}

/** One page of GET /crm/objects/2026-03/{objectType}. */
export async function listCrmObjects(client: Requester, objectType: string, p: ListCrmObjectsParams = {}) {
  return client.request(crmObjectsPath(objectType), {
    query: {
      after: p.after,
      limit: Math.min(p.limit ?? MAX_BATCH_INPUTS, MAX_BATCH_INPUTS),
      properties: p.properties?.length ? [...p.properties] : undefined,
      archived: p.archived ? "true" : undefined,
    },
    schema: CrmObjectPageSchema,
    signal: p.signal,
  });
}

/**
 * One page of POST /crm/objects/2026-03/{objectType}/search. Search has its own limit (5 requests
 * per second per portal): the client must be a `searchRequester`, which paces it. `after` is the
 * cursor from the previous page.
 */
export async function searchCrmObjects(
  client: SearchRequester,
  objectType: string,
  req: CrmSearchRequest,
  signal?: AbortSignal,
) {
  return client.request(`${crmObjectsPath(objectType)}/search`, {
    method: "POST",
    body: { ...req, limit: Math.min(req.limit ?? MAX_BATCH_INPUTS, CRM_SEARCH_MAX_LIMIT) },
    schema: CrmSearchResponseSchema,
    idempotent: true,
    signal,
  });
}
