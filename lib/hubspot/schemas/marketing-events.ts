import { z } from "zod";
import { batchInputs, batchResponse, forwardPaged } from "./common";

/*
 * Marketing events, 2026-03 (marketing-events-2026-03.json) and v3 (marketing-events-v3.json).
 * The two specs define identical component schemas (only StandardError's description differs),
 * so one set of shapes serves both API versions; the V2 suffix is HubSpot's name for the
 * objectId-addressed shapes, not an API version.
 */

/** ISO 8601 with an offset or `Z`: the specs' `format: date-time` (HubSpot rejects bare dates). */
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });

/** `CrmPropertyWrapperSchema`: how custom properties come back. */
const CrmPropertyWrapperSchema = z.looseObject({ name: z.string(), value: z.string().nullable() });

/**
 * `PropertyValue`, how custom properties go in. The spec marks twenty audit fields required
 * (source, timestamp, requestId, ...) that no client sends and HubSpot fills itself; only
 * `name` and `value` matter, the rest are accepted and ignored.
 */
const PropertyValueInputSchema = z.looseObject({ name: z.string(), value: z.string() });

/** `AppInfoSchema`: the integration that owns the event. */
const AppInfoSchema = z.looseObject({ id: z.string(), name: z.string() });

/** Fields common to every read/write shape of an event. */
// Real HubSpot answers an unset field as null as often as it leaves it out: both read as "no value".
const eventFields = {
  eventName: z.string(),
  eventType: z.string().nullish(),
  eventOrganizer: z.string().nullish(),
  eventDescription: z.string().nullish(),
  eventUrl: z.string().nullish(),
  eventCancelled: z.boolean().nullish(),
  eventCompleted: z.boolean().nullish(),
  startDateTime: z.string().nullish(),
  endDateTime: z.string().nullish(),
};

/** `MarketingEventPublicDefaultResponseV2`: what batch update returns per event (no counters). */
export const MarketingEventDefaultSchema = z.looseObject({
  objectId: z.string(),
  ...eventFields,
  customProperties: z.array(CrmPropertyWrapperSchema),
  appInfo: AppInfoSchema.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MarketingEventDefault = z.infer<typeof MarketingEventDefaultSchema>;

/**
 * `MarketingEventPublicReadResponseV2`: list and read-one. Adds the external id and attendance
 * counters. `externalAccountId` is not in this shape in either spec (only the external-id
 * endpoints take it as a parameter); it is optional here so records from those endpoints parse.
 */
export const MarketingEventSchema = MarketingEventDefaultSchema.extend({
  externalEventId: z.string().optional(),
  externalAccountId: z.string().optional(),
  registrants: z.number().int().optional(),
  attendees: z.number().int().optional(),
  cancellations: z.number().int().optional(),
  noShows: z.number().int().optional(),
  eventStatus: z.string().optional(),
  eventStatusV2: z.string().optional(),
});
export type MarketingEvent = z.infer<typeof MarketingEventSchema>;

/** `CollectionResponseMarketingEventPublicReadResponseV2ForwardPaging`. */
export const MarketingEventPageSchema = forwardPaged(MarketingEventSchema);

/** Editable fields of `MarketingEventPublicUpdateRequestV2` / `...FullV2`. Dates must be ISO date-times. */
const updateFields = {
  eventName: z.string().optional(),
  eventType: z.string().optional(),
  eventOrganizer: z.string().optional(),
  eventDescription: z.string().optional(),
  eventUrl: z.string().optional(),
  eventCancelled: z.boolean().optional(),
  startDateTime: IsoDateTimeSchema.optional(),
  endDateTime: IsoDateTimeSchema.optional(),
  customProperties: z.array(PropertyValueInputSchema),
};

/** `MarketingEventPublicUpdateRequestV2` (PATCH one event). */
export const MarketingEventUpdateSchema = z.object(updateFields);

/**
 * `MarketingEventPublicUpdateRequestFullV2`: one input of batch update, in both 2026-03 and v3.
 * `objectId` and `customProperties` are required by the spec (send `[]` to leave them alone).
 */
const MarketingEventBatchUpdateItemSchema = z.object({ objectId: z.string(), ...updateFields });
export type MarketingEventBatchUpdateItem = z.infer<typeof MarketingEventBatchUpdateItemSchema>;
export const MarketingEventBatchUpdateInputSchema = batchInputs(MarketingEventBatchUpdateItemSchema);

/**
 * Semantic rules checked per input (a 207 error for that input, not a 400 for the batch):
 * the URL must be absolute http(s). End-after-start needs the stored event, so the sandbox
 * checks it itself; the client can call `eventWindowError` before sending.
 */
export const MarketingEventUrlSchema = z.url({ protocol: /^https?$/ });
export function eventWindowError(start: string | null | undefined, end: string | null | undefined): string | undefined {
  if (!start || !end) return undefined;
  return Date.parse(end) < Date.parse(start) ? `endDateTime ${end} is before startDateTime ${start}` : undefined;
}

/** `MarketingEventPublicObjectIdDeleteRequest` batch (archive). */
export const MarketingEventBatchArchiveInputSchema = batchInputs(z.object({ objectId: z.string() }));

/** `BatchResponseMarketingEventPublicDefaultResponseV2` (200) and `...WithErrors` (207) in one schema. */
export const MarketingEventBatchResponseSchema = batchResponse(MarketingEventDefaultSchema);
export type MarketingEventBatchResponse = z.infer<typeof MarketingEventBatchResponseSchema>;
