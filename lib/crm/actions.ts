"use server";

import { authedAction } from "../actions/action-client";
import { clientForConnection } from "../auth/client-for-connection";
import { CrmColumnsInputSchema, CrmPageInputSchema } from "./inputs";
import { listCrmRecordsPage } from "./list-records";
import { offeredCrmObjectType } from "./offered-types";
import { crmColumnsFor } from "./properties";

/** The offered spelling of a validated object type (HubSpot's names are case-insensitive). */
const canonical = (objectType: string) => offeredCrmObjectType(objectType)?.objectType ?? objectType;

/** One page of an offered object type's records, with the given properties (the grid's columns). */
export const fetchCrmPage = authedAction(CrmPageInputSchema, (input, session) =>
  listCrmRecordsPage(clientForConnection(session.connection), {
    objectType: canonical(input.objectType),
    properties: [...new Set(input.properties)],
    after: input.after,
  }),
);

/** The columns (visible property definitions) of an offered object type. */
export const fetchCrmColumns = authedAction(CrmColumnsInputSchema, (input, session) =>
  crmColumnsFor(clientForConnection(session.connection), canonical(input.objectType)),
);
