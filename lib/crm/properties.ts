import "server-only";
import { listCrmProperties, type CrmColumnDefinition } from "../hubspot/crm-properties";
import type { HubSpotHttpClient } from "../hubspot/http-client";

/**
 * A CRM property as the grid's column model needs it, and as a server action can return it: a plain
 * object, without HubSpot's full `definition` (large, and nothing the browser needs).
 */
export type CrmColumn = Omit<CrmColumnDefinition, "definition">;

function toCrmColumn({ definition: _definition, ...column }: CrmColumnDefinition): CrmColumn {
  return { ...column, options: column.options.map((o) => ({ label: o.label, value: o.value })) };
}

/**
 * The columns an object type's grid may show: HubSpot's order (it groups related properties, the
 * way HubSpot's own record views list them), hidden properties left out (HubSpot hides them from
 * its UI too; they are internal).
 */
export async function crmColumnsFor(
  client: Pick<HubSpotHttpClient, "request">,
  objectType: string,
): Promise<CrmColumn[]> {
  return (await listCrmProperties(client, objectType)).filter((c) => !c.hidden).map(toCrmColumn);
}
