import { z } from "zod";
import { EXPORT_FORMATS } from "../db/values";
import { ViewQuerySchema } from "../records/filters";
import { ResourceRefSchema } from "../resources/ref";
import { EXPORT_LIMITS } from "./limits";

/** What the Export button sends: the view (resource, query, visible columns), the user's zone and the format. */
export const StartExportSchema = z.object({
  ref: ResourceRefSchema,
  query: ViewQuerySchema,
  columns: z
    .array(z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/))
    .min(1)
    .max(EXPORT_LIMITS.maxColumns),
  format: z.enum(EXPORT_FORMATS),
  timeZone: z
    .string()
    .max(64)
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "Unknown time zone"),
});
export type StartExportInput = z.infer<typeof StartExportSchema>;

export const ExportIdSchema = z.object({ id: z.string().uuid() });
