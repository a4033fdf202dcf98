import "server-only";
import { env } from "../config/env";
import { hubspotTarget } from "../hubspot/target";
import { findCrmObjectType, offeredCrmObjectTypes, type CrmObjectTypeOption } from "./object-types";

/**
 * The CRM object types this dashboard offers (standard ones, then CRM_CUSTOM_OBJECT_TYPES or the
 * sandbox's default), as plain objects a server component can pass to the picker.
 */
export function crmObjectTypes(): CrmObjectTypeOption[] {
  return offeredCrmObjectTypes({ customObjectTypes: env().CRM_CUSTOM_OBJECT_TYPES, target: hubspotTarget().kind });
}

/** The offered entry for an object type, or undefined when the picker does not offer it. */
export function offeredCrmObjectType(objectType: string): CrmObjectTypeOption | undefined {
  return findCrmObjectType(crmObjectTypes(), objectType);
}
