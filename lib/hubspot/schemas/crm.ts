import { z } from "zod";
import { batchInputs, batchResponse, forwardPaged, NextPageSchema } from "./common";

/*
 * CRM objects 2026-03 (crm-objects-2026-03.json) and CRM properties 2026-03
 * (crm-properties-2026-03.json). The sandbox validates requests with these and the dashboard's
 * client parses responses with them, so both sides agree on one definition of each shape.
 */

// ---------- objects ----------

/** Output property map: HubSpot returns `null` for a requested property that has no value. */
const CrmPropertyValuesSchema = z.record(z.string(), z.string().nullable());

/**
 * Input property map. The spec says strings, but HubSpot's JSON reader also takes numbers and
 * booleans (and null to clear), and spreadsheet edits produce them; the sandbox coerces to string.
 */
const CrmPropertyInputValuesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/** `SimplePublicObject` (also the list/read shape: we do not implement associations). */
export const CrmObjectSchema = z.looseObject({
  id: z.string(),
  properties: CrmPropertyValuesSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean(),
  archivedAt: z.string().optional(),
  /** Echoed back on batch writes, which is how a client matches unordered results to inputs. */
  objectWriteTraceId: z.string().optional(),
  url: z.string().optional(),
});
export type CrmObject = z.infer<typeof CrmObjectSchema>;

/** `SimplePublicUpsertObject`: `new` tells a created record from an updated one. */
const CrmUpsertObjectSchema = CrmObjectSchema.extend({ new: z.boolean() });
export type CrmUpsertObject = z.infer<typeof CrmUpsertObjectSchema>;

export const CrmObjectPageSchema = forwardPaged(CrmObjectSchema);

/** `BatchReadInputSimplePublicObjectId`. The spec requires `properties`/`propertiesWithHistory`; HubSpot does not. */
export const CrmBatchReadInputSchema = batchInputs(z.object({ id: z.string() })).extend({
  properties: z.array(z.string()).optional(),
  propertiesWithHistory: z.array(z.string()).optional(),
  idProperty: z.string().optional(),
});

/** Fields every write input may carry. `objectWriteTraceId` switches the batch to multi-status (207) errors. */
const writeTrace = { objectWriteTraceId: z.string().optional() };

/** `SimplePublicObjectBatchInputForCreate`. Associations are accepted and ignored by the sandbox. */
export const CrmCreateInputSchema = z.object({
  properties: CrmPropertyInputValuesSchema,
  associations: z.array(z.unknown()).optional(),
  ...writeTrace,
});
export const CrmBatchCreateInputSchema = batchInputs(CrmCreateInputSchema);

/** `SimplePublicObjectBatchInput`: `id` is the record id, or the value of `idProperty` (e.g. an email). */
const CrmUpdateInputSchema = z.object({
  id: z.string(),
  idProperty: z.string().optional(),
  properties: CrmPropertyInputValuesSchema,
  ...writeTrace,
});
export const CrmBatchUpdateInputSchema = batchInputs(CrmUpdateInputSchema);

/** `SimplePublicObjectBatchInputUpsert`: same fields; `idProperty` must name a unique property. */
const CrmUpsertInputSchema = CrmUpdateInputSchema;
export const CrmBatchUpsertInputSchema = batchInputs(CrmUpsertInputSchema);

/** `SimplePublicObjectInput` (PATCH one record). */
export const CrmObjectInputSchema = z.object({ properties: CrmPropertyInputValuesSchema });

export const CrmBatchArchiveInputSchema = batchInputs(z.object({ id: z.string() }));

/** `BatchResponseSimplePublicObject` (200/201) and `...WithErrors` (207) in one schema. */
export const CrmBatchResponseSchema = batchResponse(CrmObjectSchema);
export type CrmBatchResponse = z.infer<typeof CrmBatchResponseSchema>;
export const CrmBatchUpsertResponseSchema = batchResponse(CrmUpsertObjectSchema);
export type CrmBatchUpsertResponse = z.infer<typeof CrmBatchUpsertResponseSchema>;

// ---------- search ----------

const FilterOperatorSchema = z.enum([
  "BETWEEN",
  "CONTAINS_TOKEN",
  "EQ",
  "GT",
  "GTE",
  "HAS_PROPERTY",
  "IN",
  "LT",
  "LTE",
  "NEQ",
  "NOT_CONTAINS_TOKEN",
  "NOT_HAS_PROPERTY",
  "NOT_IN",
]);
const SearchFilterSchema = z.object({
  propertyName: z.string(),
  operator: FilterOperatorSchema,
  value: z.string().optional(),
  highValue: z.string().optional(),
  values: z.array(z.string()).optional(),
});
export type SearchFilter = z.infer<typeof SearchFilterSchema>;
const SearchFilterGroupSchema = z.object({ filters: z.array(SearchFilterSchema) });
/** The spec types sorts as strings ("-createdate" = descending); HubSpot's docs send objects. Both work. */
const SearchSortSchema = z.union([
  z.string(),
  z.object({ propertyName: z.string(), direction: z.enum(["ASCENDING", "DESCENDING"]).optional() }),
]);
/** `PublicObjectSearchRequest`. HubSpot's documented limits: 5 filter groups (the spec says 6; the API answers 400), 200 results, 3000-char query. */
export const CrmSearchRequestSchema = z.object({
  filterGroups: z.array(SearchFilterGroupSchema).max(5).optional(),
  sorts: z.array(SearchSortSchema).optional(),
  query: z.string().max(3000).optional(),
  properties: z.array(z.string()).optional(),
  limit: z.number().int().min(0).max(200).optional(),
  after: z.union([z.string(), z.number()]).optional(),
});
export type CrmSearchRequest = z.infer<typeof CrmSearchRequestSchema>;

/** `CollectionResponseWithTotalSimplePublicObject`. */
export const CrmSearchResponseSchema = z.looseObject({
  total: z.number().int(),
  results: z.array(CrmObjectSchema),
  paging: z.looseObject({ next: NextPageSchema.optional() }).optional(),
});

// ---------- properties ----------

/** `Option` of an enumeration property: `value` is what the API stores, `label` what the UI shows. */
const PropertyOptionSchema = z.looseObject({
  label: z.string(),
  value: z.string(),
  hidden: z.boolean(),
  displayOrder: z.number().int().optional(),
  description: z.string().optional(),
});

/** `PropertyModificationMetadataSchema`: `readOnlyValue` is the flag the grid uses to lock a column. */
const PropertyModificationMetadataSchema = z.looseObject({
  archivable: z.boolean(),
  readOnlyDefinition: z.boolean(),
  readOnlyValue: z.boolean(),
  readOnlyOptions: z.boolean().optional(),
});

/** The spec's `type` values; `fieldType` is the UI control (text, select, checkbox, ...). */
export const PropertyTypeSchema = z.enum([
  "string",
  "number",
  "date",
  "datetime",
  "enumeration",
  "bool",
  "phone_number",
  "object_coordinates",
  "json",
]);

/** `Property`: a property definition (crm-properties-2026-03.json). */
export const CrmPropertyDefinitionSchema = z.looseObject({
  name: z.string(),
  label: z.string(),
  type: z.string(),
  fieldType: z.string(),
  description: z.string(),
  groupName: z.string(),
  options: z.array(PropertyOptionSchema),
  displayOrder: z.number().int().optional(),
  calculated: z.boolean().optional(),
  calculationFormula: z.string().optional(),
  externalOptions: z.boolean().optional(),
  hasUniqueValue: z.boolean().optional(),
  hidden: z.boolean().optional(),
  hubspotDefined: z.boolean().optional(),
  formField: z.boolean().optional(),
  modificationMetadata: PropertyModificationMetadataSchema.optional(),
  dataSensitivity: z.enum(["highly_sensitive", "non_sensitive", "sensitive"]).optional(),
  textDisplayHint: z.string().optional(),
  numberDisplayHint: z.string().optional(),
  showCurrencySymbol: z.boolean().optional(),
  referencedObjectType: z.string().optional(),
  archived: z.boolean().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});
export type CrmPropertyDefinition = z.infer<typeof CrmPropertyDefinitionSchema>;

/** `CollectionResponsePropertyNoPaging`. */
export const CrmPropertyListSchema = z.looseObject({ results: z.array(CrmPropertyDefinitionSchema) });
