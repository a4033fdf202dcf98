"use server";

import { authedAction } from "../actions/action-client";
import { actorOf } from "../auth/actor";
import { clientForConnection } from "../auth/client-for-connection";
import { CrmColumnsInputSchema, CrmWindowInputSchema } from "./inputs";
import { offeredCrmObjectType } from "./offered-types";
import { crmColumnsFor } from "./properties";
import { crmViewWindow } from "./window-read";

/** The offered spelling of a validated object type (HubSpot's names are case-insensitive). */
const canonical = (objectType: string) => offeredCrmObjectType(objectType)?.objectType ?? objectType;

/** One window (up to 200 rows from a position) of a view of an offered object type, via HubSpot's search. */
export const fetchCrmWindow = authedAction(CrmWindowInputSchema, (input, session) =>
  crmViewWindow(actorOf(session), {
    ...input,
    objectType: canonical(input.objectType),
    properties: [...new Set(input.properties)],
  }),
);

/** The columns (visible property definitions) of an offered object type. */
export const fetchCrmColumns = authedAction(CrmColumnsInputSchema, (input, session) =>
  crmColumnsFor(clientForConnection(session.connection, { pace: "browse" }), canonical(input.objectType)),
);
