/**
 * How the client reads batch write answers: strictly only what it uses, so that a surprise in one
 * item never turns a whole batch's outcome into "failed" (issue 12, item 6). Real HubSpot sends
 * error items without `errors[]`, `context` or `links`, property values as null, and new fields.
 *
 * The strict schemas (campaigns.ts, crm.ts, …) stay the contract the sandbox must meet. Here:
 * - a batch answer must have a `results` array (else the answer is unreadable: the affected rows'
 *   outcome is unknown, and they are looked up before anything is resent);
 * - each result item is parsed on its own: one that still does not fit is left out and counted in
 *   `unreadableResults`, so its row is "not in the answer" and looked up, while the others stand;
 * - each error item keeps what it has; a missing field gets an empty value.
 */
import { z } from "zod";
import { BatchStatusSchema } from "./common";
import type { BatchItemError, ErrorDetail } from "./errors";

/** `context` values as lists of strings, whatever HubSpot sent (a string, a number, nothing). */
const LenientContextSchema = z
  .record(z.string(), z.unknown())
  .catch({})
  .transform((ctx) =>
    Object.fromEntries(
      Object.entries(ctx).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : v == null ? [] : [String(v)]]),
    ),
  );

const optionalText = z.string().optional().catch(undefined);

const LenientDetailSchema = z.looseObject({
  message: z.string().catch(""),
  code: optionalText,
  in: optionalText,
  subCategory: optionalText,
  context: LenientContextSchema.optional(),
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** One error item of a 207, as the row error helpers read it. Never fails on an object. */
const LenientItemErrorSchema: z.ZodType<BatchItemError> = z.looseObject({
  status: z.string().catch("error"),
  category: z.string().catch("UNKNOWN"),
  message: z.string().catch("HubSpot gave no reason."),
  context: LenientContextSchema,
  errors: z
    .array(z.unknown())
    .catch([])
    .transform((list) =>
      list.flatMap((d): ErrorDetail[] => {
        const p = LenientDetailSchema.safeParse(isObject(d) ? d : { message: String(d) });
        return p.success ? [p.data] : [];
      }),
    ),
  links: z
    .record(z.string(), z.unknown())
    .catch({})
    .transform((l) => Object.fromEntries(Object.entries(l).map(([k, v]) => [k, String(v)]))),
  id: optionalText,
  subCategory: z
    .union([z.string(), z.record(z.string(), z.unknown())])
    .optional()
    .catch(undefined),
});

/** Small repairs before an item is parsed: `properties: null` is no properties; numbers and booleans are their text. */
function repairItem(item: unknown): unknown {
  if (!isObject(item)) return item;
  const props = item.properties;
  if (props === null || props === undefined) return "properties" in item ? { ...item, properties: {} } : item;
  if (!isObject(props)) return item;
  const fixed = Object.fromEntries(
    Object.entries(props).map(([k, v]) => [k, typeof v === "number" || typeof v === "boolean" ? String(v) : v]),
  );
  return { ...item, properties: fixed };
}

/** A batch answer (200/201/207), read leniently around `item`, the strict schema of one result. */
export function lenientBatchResponse<T extends z.ZodType>(item: T) {
  return z
    .looseObject({
      status: BatchStatusSchema.catch("COMPLETE"),
      results: z.array(z.unknown()),
      startedAt: z.string().catch(""),
      completedAt: z.string().catch(""),
      errors: z.array(z.unknown()).optional().catch(undefined),
      numErrors: z.number().int().optional().catch(undefined),
    })
    .transform((r) => {
      const results: z.output<T>[] = [];
      let unreadableResults = 0;
      for (const x of r.results) {
        const p = item.safeParse(repairItem(x));
        if (p.success) results.push(p.data);
        else unreadableResults++;
      }
      const errors = r.errors?.map((e) => LenientItemErrorSchema.parse(isObject(e) ? e : { message: String(e) }));
      return { ...r, results, errors, unreadableResults };
    });
}
