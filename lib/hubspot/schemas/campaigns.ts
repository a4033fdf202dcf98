/**
 * Marketing Campaigns 2026-03 request/response shapes (spec marketing-campaigns-2026-03.json).
 * The property rules live in ./campaign-properties (re-exported here) so that the grid can import them alone.
 */
import { z } from "zod";
import { batchResponse, NextPageSchema } from "./common";

export * from "./campaign-properties";

/** Inputs per batch call (create/read/update/archive); the dashboard chunks edits by it. */
export const CAMPAIGN_BATCH_LIMIT = 50;
export const CAMPAIGN_LIST_DEFAULT_LIMIT = 50;
export const CAMPAIGN_LIST_MAX_LIMIT = 100;

const isoDateTime = z.iso.datetime({ offset: true });

/** Responses: a requested property that has no value comes back as null (or is left out). */
const CampaignPropertiesSchema = z.record(z.string(), z.string().nullable());

export const CampaignSchema = z.looseObject({
  id: z.string().min(1),
  properties: CampaignPropertiesSchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  businessUnits: z.array(z.looseObject({ id: z.number().int() })),
});
export type Campaign = z.infer<typeof CampaignSchema>;

/** GET /{campaignGuid} and batch read add `assets` (keyed by asset type); Batchboard does not use them. */
const CampaignWithAssetsSchema = CampaignSchema.extend({
  assets: z.record(z.string(), z.unknown()),
});
export type CampaignWithAssets = z.infer<typeof CampaignWithAssetsSchema>;

/** The campaigns spec's `Paging` also allows `prev` (never sent in practice). */
const PagingSchema = z.looseObject({
  next: NextPageSchema.optional(),
  prev: z.looseObject({ before: z.string(), link: z.string().optional() }).optional(),
});

export const CampaignListResponseSchema = z.looseObject({
  total: z.number().int(),
  results: z.array(CampaignSchema),
  paging: PagingSchema.optional(),
});
export type CampaignListResponse = z.infer<typeof CampaignListResponseSchema>;

/** Request values are strings only: the spec types properties as `additionalProperties: string`. */
const CampaignInputPropertiesSchema = z.record(z.string(), z.string());

const inputs = <T extends z.ZodType>(item: T) =>
  z.object({
    inputs: z
      .array(item)
      .max(CAMPAIGN_BATCH_LIMIT, { error: `A batch accepts at most ${CAMPAIGN_BATCH_LIMIT} inputs.` }),
  });

export const CampaignCreateInputSchema = z.object({ properties: CampaignInputPropertiesSchema });
export const CampaignUpdateInputSchema = z.object({ properties: CampaignInputPropertiesSchema });
export const CampaignBatchCreateInputSchema = inputs(CampaignCreateInputSchema);
export const CampaignBatchReadInputSchema = inputs(z.object({ id: z.string().min(1) }));
export const CampaignBatchUpdateInputSchema = inputs(
  z.object({ id: z.string().min(1), properties: CampaignInputPropertiesSchema }),
);
export const CampaignBatchArchiveInputSchema = inputs(z.object({ id: z.string().min(1) }));
export type CampaignBatchCreateInput = z.infer<typeof CampaignBatchCreateInputSchema>;
export type CampaignBatchReadInput = z.infer<typeof CampaignBatchReadInputSchema>;
export type CampaignBatchUpdateInput = z.infer<typeof CampaignBatchUpdateInputSchema>;
export type CampaignBatchArchiveInput = z.infer<typeof CampaignBatchArchiveInputSchema>;

/** batch/create (201/207) and batch/update (200/207); `errors`/`numErrors` only on 207. */
export const CampaignBatchResponseSchema = batchResponse(CampaignSchema);
export type CampaignBatchResponse = z.infer<typeof CampaignBatchResponseSchema>;
/** batch/read (200/207). */
export const CampaignBatchReadResponseSchema = batchResponse(CampaignWithAssetsSchema);
export type CampaignBatchReadResponse = z.infer<typeof CampaignBatchReadResponseSchema>;
