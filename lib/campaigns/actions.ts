"use server";

import { authedAction } from "../actions/action-client";
import { listCampaignsPage } from "./list-campaigns";
import { CampaignPageInputSchema } from "./query";
import { actorOf } from "../auth/actor";

/** One page of campaigns for the grid (the grid pages through all of them). */
export const fetchCampaignPage = authedAction(CampaignPageInputSchema, (input, session) =>
  listCampaignsPage(actorOf(session), input),
);
