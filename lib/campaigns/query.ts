import { z } from "zod";
import type { ActionResult } from "../actions/result";
import type { RecordPage } from "../records/page";
import { CAMPAIGN_PROPERTY_NAMES } from "../hubspot/schemas/campaign-properties";

/** Sortable keys: any campaign property, plus HubSpot's timestamps; `-` prefix for descending. */
export const CAMPAIGN_SORT_KEYS = [...CAMPAIGN_PROPERTY_NAMES, "createdAt", "updatedAt"];

/** The grid's view of the campaign list; lives in the URL (?sort=&q=) so it survives reloads and links. */
const CampaignQuerySchema = z.object({
  sort: z
    .string()
    .refine((s) => CAMPAIGN_SORT_KEYS.includes(s.replace(/^-/, "")), "Unknown sort column")
    .optional(),
  name: z.string().max(200).optional(),
});
export type CampaignQuery = z.infer<typeof CampaignQuerySchema>;

export const CampaignPageInputSchema = CampaignQuerySchema.extend({ after: z.string().max(500).optional() });

/** Campaigns load as generic record pages (see lib/records/page.ts), with `newestBefore` on the first. */
export type { RecordPage as CampaignPage, RecordRow as CampaignRow } from "../records/page";

/** The grid's first page, read while the server renders the page (first-page.ts), and the query it is for. */
export interface FirstCampaignPage {
  query: CampaignQuery;
  page: Promise<ActionResult<RecordPage>>;
}
