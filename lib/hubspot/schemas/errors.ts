/**
 * HubSpot's error bodies, shared by the sandbox (which produces them) and the dashboard's client
 * (which parses them). Objects are "loose": HubSpot adds fields over time and a parse must not fail on them.
 */
import { z } from "zod";

/** `context` maps a name to a list of values, e.g. `{ ids: ["123"], propertyName: ["hs_name"] }`. */
const ErrorContextSchema = z.record(z.string(), z.array(z.string()));

/** The spec's `ErrorDetail`: one reason inside `errors[]`. `code` carries machine codes such as INVALID_DATE_PROPERTY. */
const ErrorDetailSchema = z.looseObject({
  message: z.string(),
  code: z.string().optional(),
  in: z.string().optional(),
  subCategory: z.string().optional(),
  context: ErrorContextSchema.optional(),
});
export type ErrorDetail = z.infer<typeof ErrorDetailSchema>;

/** The spec's `Error`: the body of every non-2xx API response except 429 and OAuth token errors. */
export const HubSpotErrorSchema = z.looseObject({
  status: z.literal("error").optional(),
  category: z.string(),
  message: z.string(),
  correlationId: z.string(),
  subCategory: z.string().optional(),
  context: ErrorContextSchema.optional(),
  errors: z.array(ErrorDetailSchema).optional(),
  links: z.record(z.string(), z.string()).optional(),
});
export type HubSpotError = z.infer<typeof HubSpotErrorSchema>;

/**
 * The spec's `StandardError`: one per-input failure inside a 207 batch response. The spec types
 * `subCategory` as an object, HubSpot sends a string in practice, so accept both.
 */
export const BatchItemErrorSchema = z.looseObject({
  status: z.string(),
  category: z.string(),
  message: z.string(),
  context: ErrorContextSchema,
  errors: z.array(ErrorDetailSchema),
  links: z.record(z.string(), z.string()),
  id: z.string().optional(),
  subCategory: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
});
export type BatchItemError = z.infer<typeof BatchItemErrorSchema>;

/** 429 body: not the `Error` shape (no `category`), so a client must check for it first. */
export const RateLimitErrorSchema = z.looseObject({
  status: z.literal("error"),
  message: z.string(),
  errorType: z.literal("RATE_LIMIT"),
  correlationId: z.string(),
  policyName: z.string(),
  groupName: z.string().optional(),
});
export type RateLimitError = z.infer<typeof RateLimitErrorSchema>;

/** Categories the dashboard branches on (HubSpot sends others too, hence a plain string in the schemas). */
export const ERROR_CATEGORIES = [
  "VALIDATION_ERROR",
  "OBJECT_NOT_FOUND",
  "INVALID_AUTHENTICATION",
  "EXPIRED_AUTHENTICATION",
  "MISSING_SCOPES",
  "RATE_LIMITS",
  "CONFLICT",
  "INTERNAL_ERROR",
] as const;
