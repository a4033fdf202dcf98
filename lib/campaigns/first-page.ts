import "server-only";
import { toActionError } from "../actions/errors";
import type { ActionResult } from "../actions/result";
import type { Actor } from "../auth/actor";
import { listCampaignsPage } from "./list-campaigns";
import { CampaignPageInputSchema, type CampaignPage, type CampaignQuery, type FirstCampaignPage } from "./query";

/**
 * Starts reading the first page of campaigns while the server renders the page, so that the read
 * runs while the browser loads and starts the JavaScript, instead of after it (the grid would
 * otherwise call `fetchCampaignPage` only once it runs). The promise streams to the browser with the
 * page; the grid takes it as its first page when its query is still this one.
 *
 * One attempt only: the document stays open until the promise settles, so a read that HubSpot
 * refuses or slows down fails fast and the grid reads again through the server action, with its
 * own retries, as it would without this. Never rejects (an error is an ActionResult). Undefined for
 * a query the action would refuse (the grid then reports it).
 */
export function startFirstCampaignPage(
  actor: Actor,
  view: { sort?: string; q?: string },
): FirstCampaignPage | undefined {
  const parsed = CampaignPageInputSchema.safeParse({ sort: view.sort, name: view.q });
  if (!parsed.success) return undefined;
  const query: CampaignQuery = { sort: parsed.data.sort, name: parsed.data.name };
  const page = listCampaignsPage(actor, query, { maxAttempts: 1 }).then(
    (data): ActionResult<CampaignPage> => ({ ok: true, data }),
    (err: unknown): ActionResult<CampaignPage> => ({ ok: false, error: toActionError(err) }),
  );
  return { query, page };
}
