import { z } from "zod";
import { BatchItemErrorSchema } from "./errors";

/*
 * Shapes shared by the CRM objects and marketing events APIs (identical in both specs), so they
 * live once here. Per-input errors reuse errors.ts's BatchItemErrorSchema (the spec's StandardError).
 * Response objects are loose: HubSpot adds fields over time and a parse must not fail on them.
 */

/** Max inputs per batch call for the CRM objects and marketing events batch endpoints. */
export const MAX_BATCH_INPUTS = 100;

/** `{ inputs: [...] }` with the batch limit, so the client can check a batch before sending it. */
export const batchInputs = <T extends z.ZodType>(item: T) =>
  z.object({
    inputs: z.array(item).max(MAX_BATCH_INPUTS, { error: `A batch accepts at most ${MAX_BATCH_INPUTS} inputs.` }),
  });

/** `ForwardPaging`: only `next.after` matters to us; `link` is informational. */
export const NextPageSchema = z.looseObject({ after: z.string(), link: z.string().optional() });
const ForwardPagingSchema = z.looseObject({ next: NextPageSchema.optional() });

export const BatchStatusSchema = z.enum(["CANCELED", "COMPLETE", "PENDING", "PROCESSING"]);

/**
 * Every batch response. A client cannot know in advance whether it gets 200/201 or 207, so one
 * schema covers both: `errors` and `numErrors` are present only on 207.
 */
export const batchResponse = <T extends z.ZodType>(result: T) =>
  z.looseObject({
    status: BatchStatusSchema,
    results: z.array(result),
    requestedAt: z.string().optional(),
    startedAt: z.string(),
    completedAt: z.string(),
    links: z.record(z.string(), z.string()).optional(),
    errors: z.array(BatchItemErrorSchema).optional(),
    numErrors: z.number().int().optional(),
  });

/** `CollectionResponse...ForwardPaging`: a page of results plus the cursor to the next one. */
export const forwardPaged = <T extends z.ZodType>(result: T) =>
  z.looseObject({ results: z.array(result), paging: ForwardPagingSchema.optional() });
