import { z } from "zod";
import { foldText, normalizeHeader } from "@/lib/properties/normalize";
import {
  DateFormatSchema,
  DEFAULT_BOOLEAN_FALSE,
  DEFAULT_BOOLEAN_TRUE,
  TimeZoneSchema,
} from "@/lib/properties/read-options";

export {
  DATE_FORMATS,
  DEFAULT_BOOLEAN_FALSE,
  DEFAULT_BOOLEAN_TRUE,
  isTimeZone,
  type DateFormat,
} from "@/lib/properties/read-options";

/**
 * The shapes of the mapping step, one schema each, so the mapping form, its server actions and the
 * upload job's payload all validate the same thing.
 */

/** What a file column maps to when it is not imported. A property literally named "skip" cannot be a target. */
export const SKIP = "skip";

/** More columns than any real export has; bounds what a request or a stored template can carry. */
const MAX_MAPPED_COLUMNS = 1000;

/** File header → target property key, or "skip". Headers absent from the mapping are skipped too. */
export const ColumnMappingSchema = z
  .record(z.string().max(1000), z.string().min(1).max(200))
  .refine((m) => Object.keys(m).length <= MAX_MAPPED_COLUMNS, `At most ${MAX_MAPPED_COLUMNS} columns can be mapped`);
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

const WordListSchema = z.array(z.string().trim().min(1).max(50)).min(1).max(20);

export const ConversionOptionsSchema = z
  .object({
    /** How d/m/y text is read; ISO (2026-03-31, and the XLSX parser's full ISO) is read in every format. */
    dateFormat: DateFormatSchema.default("auto"),
    /** The zone of date-times written without Z or an offset. No default: guessing UTC shifts every time. */
    timeZone: TimeZoneSchema,
    /** Numbers as text: "1.234,5" with ",", "1,234.5" with ".". XLSX numbers arrive in JS notation, so "." for XLSX. */
    decimalSeparator: z.enum([".", ","]).default("."),
    booleanTrue: WordListSchema.default(() => [...DEFAULT_BOOLEAN_TRUE]),
    booleanFalse: WordListSchema.default(() => [...DEFAULT_BOOLEAN_FALSE]),
    /** An empty cell leaves the property as it is, or clears it. */
    emptyMeans: z.enum(["leave", "clear"]).default("leave"),
  })
  .refine((o) => !o.booleanTrue.some((t) => o.booleanFalse.some((f) => foldText(f) === foldText(t))), {
    message: "A word cannot mean both true and false",
    path: ["booleanFalse"],
  });
export type ConversionOptions = z.output<typeof ConversionOptionsSchema>;
export type ConversionOptionsInput = z.input<typeof ConversionOptionsSchema>;

/** resourceName() of lib/resources/ref.ts: campaigns, marketing-events, crm:contacts, crm:2-123. */
const ResourceKeySchema = z.string().regex(/^[a-z][a-z0-9-]*(?::[a-z0-9_-]+)?$/, "Not a resource key");

/**
 * A saved mapping, re-applied to later files with the same columns. Headers (and the mapping's
 * keys) are stored normalised, so "E-mail" in one export and "Email" in the next still match.
 */
export const MappingTemplateSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    target: ResourceKeySchema,
    headers: z.array(z.string().max(1000)).max(MAX_MAPPED_COLUMNS),
    mapping: ColumnMappingSchema,
    options: ConversionOptionsSchema,
    createdAt: z.iso.datetime(),
  })
  .refine((t) => t.headers.every((h) => h !== "" && normalizeHeader(h) === h), {
    message: "Template headers must be normalised",
    path: ["headers"],
  })
  .refine((t) => Object.keys(t.mapping).every((h) => t.headers.includes(h)), {
    message: "The mapping names a header the template does not have",
    path: ["mapping"],
  });
export type MappingTemplate = z.infer<typeof MappingTemplateSchema>;
