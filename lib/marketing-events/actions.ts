"use server";

import { z } from "zod";
import { authedAction } from "../actions/action-client";
import { clientForConnection } from "../auth/client-for-connection";
import { MarketingEventApiVersionSchema } from "../resources/ref";
import { listMarketingEventsPage } from "./list-events";

const MarketingEventPageInputSchema = z.object({
  apiVersion: MarketingEventApiVersionSchema,
  after: z.string().max(500).optional(),
});

/** One page of marketing events for the grid (the grid pages through all of them). */
export const fetchMarketingEventPage = authedAction(MarketingEventPageInputSchema, (input, session) =>
  listMarketingEventsPage(clientForConnection(session.connection, { pace: "browse" }), input),
);
