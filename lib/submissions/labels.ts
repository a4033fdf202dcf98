import "server-only";
import type { Actor } from "../auth/actor";
import { customNoun, STANDARD_CRM_OBJECT_TYPES } from "../crm/object-types";
import { crmColumnsFor } from "../crm/properties";
import { clientForConnection } from "../auth/client-for-connection";
import { eventFieldLabel } from "../hubspot/marketing-event-fields";
import { CAMPAIGN_PROPERTIES } from "../hubspot/schemas/campaign-properties";
import type { ResourceRef } from "../resources/ref";

/** What a history page needs to name a resource's rows and properties the way its grid does. */
export interface ResourceWording {
  noun: string;
  label: (property: string) => string;
}

/**
 * Campaign and event labels are known here; a CRM type's come from HubSpot (one properties read per
 * page view, or per revert preview). If that read fails the page still renders, with internal names.
 */
export async function resourceWording(ref: ResourceRef, actor: Pick<Actor, "connection">): Promise<ResourceWording> {
  if (ref.type === "campaigns") {
    const labels = new Map(CAMPAIGN_PROPERTIES.map((p) => [p.name, p.label]));
    return { noun: "campaign", label: (p) => labels.get(p) ?? p };
  }
  if (ref.type === "marketing-events") return { noun: "event", label: eventFieldLabel };
  const standard = STANDARD_CRM_OBJECT_TYPES.find((t) => t.objectType === ref.objectType.toLowerCase());
  const noun = standard?.noun ?? customNoun(ref.objectType);
  try {
    const labels = new Map((await crmColumnsFor(clientForConnection(actor.connection), ref.objectType)).map((c) => [c.name, c.label]));
    return { noun, label: (p) => labels.get(p) ?? p };
  } catch {
    return { noun, label: (p) => p };
  }
}
