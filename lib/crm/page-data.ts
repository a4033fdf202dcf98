import "server-only";
import type { Session } from "../auth/session";
import { crmObjectTypes } from "./offered-types";

/** A CRM grid page: the object types offered and the one in the URL (any case), or null when none matches. */
export function crmPageData(session: Session, objectType: string) {
  const objectTypes = crmObjectTypes();
  const current = objectTypes.find((t) => t.objectType.toLowerCase() === decodeURIComponent(objectType).toLowerCase());
  return current
    ? { portalId: session.connection.portalId, userId: session.user.id, objectTypes, objectType: current.objectType }
    : null;
}
