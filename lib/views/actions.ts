"use server";

import { z } from "zod";
import { authedAction } from "../actions/action-client";
import { actorOf } from "../auth/actor";
import { CreateViewSchema, UpdateViewSchema, ViewIdSchema, ViewResourceSchema } from "./schemas";
import { createView, deleteView, listViews, updateView } from "./service";

/** The saved views of one grid of the session's portal. */
export const fetchSavedViews = authedAction(z.object({ resource: ViewResourceSchema }), ({ resource }, session) =>
  listViews(actorOf(session), resource),
);

export const createSavedView = authedAction(CreateViewSchema, (input, session) => createView(actorOf(session), input));

/** Rename, or save the grid's current query and columns into the view. */
export const updateSavedView = authedAction(UpdateViewSchema, (input, session) => updateView(actorOf(session), input));

export const deleteSavedView = authedAction(ViewIdSchema, async ({ id }, session) => {
  await deleteView(actorOf(session), id);
  return { id };
});
