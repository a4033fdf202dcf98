import "server-only";
import type { Actor } from "../auth/actor";
import { clientForConnection } from "../auth/client-for-connection";
import { resourceProperties } from "../hubspot/resources";
import type { ResourceRef } from "../resources/ref";
import { describe } from "../resources/registry";

/** What a history page needs to name a resource's rows and properties the way its grid does. */
export interface ResourceWording {
  noun: string;
  /** The property that names a row (hs_name), where the resource has a fixed one. */
  nameKey?: string;
  label: (property: string) => string;
}

/**
 * The noun is the registry's; labels are the resource's properties' (a CRM type's read from HubSpot,
 * once per page view or revert preview). If that read fails the page still renders, with internal names.
 */
export async function resourceWording(ref: ResourceRef, actor: Pick<Actor, "connection">): Promise<ResourceWording> {
  const { noun, nameKey } = describe(ref);
  try {
    const labels = new Map(
      (await resourceProperties(ref, () => clientForConnection(actor.connection, { pace: "browse" }))).map((p) => [
        p.key,
        p.label,
      ]),
    );
    return { noun, nameKey, label: (p) => labels.get(p) ?? p };
  } catch {
    return { noun, nameKey, label: (p) => p };
  }
}
