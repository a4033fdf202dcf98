import "server-only";
import { and, eq } from "drizzle-orm";
import { db, tables } from "../db";
import { applyTemplate, createTemplate, type TemplateApplication } from "./mapping/match-columns";
import { MappingTemplateSchema, type ColumnMapping, type ConversionOptionsInput } from "./mapping/schemas";
import type { TargetColumn } from "./types";

const { mappingTemplates } = tables;

/** Saves (or replaces, by name) a mapping template for this portal and target. */
export async function saveTemplate(
  portalId: number,
  userId: string,
  input: {
    name: string;
    target: string;
    headers: readonly string[];
    mapping: ColumnMapping;
    options: ConversionOptionsInput;
  },
) {
  const template = createTemplate(input);
  await (
    await db()
  )
    .insert(mappingTemplates)
    .values({ portalId, userId, target: input.target, name: template.name, template })
    .onConflictDoUpdate({
      target: [mappingTemplates.portalId, mappingTemplates.target, mappingTemplates.name],
      set: { template, userId },
    });
}

/** The portal's templates for a target, each applied to these headers (best match first). */
export async function templatesFor(
  portalId: number,
  target: string,
  headers: readonly string[],
  columns: readonly TargetColumn[],
) {
  const rows = await (
    await db()
  )
    .select()
    .from(mappingTemplates)
    .where(and(eq(mappingTemplates.portalId, portalId), eq(mappingTemplates.target, target)));
  const order: Record<TemplateApplication["match"], number> = { exact: 0, partial: 1, none: 2 };
  return rows
    .flatMap((r) => {
      const t = MappingTemplateSchema.safeParse(r.template);
      return t.success
        ? [{ name: t.data.name, options: t.data.options, ...applyTemplate(headers, t.data, columns) }]
        : [];
    })
    .sort((a, b) => order[a.match] - order[b.match]);
}
