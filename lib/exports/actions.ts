"use server";

import { z } from "zod";
import { authedAction } from "../actions/action-client";
import { actorOf } from "../auth/actor";
import { ExportIdSchema, StartExportSchema } from "./schemas";
import { cancelExport, exportView, recentExports, startExport } from "./service";

/** Starts exporting a view (the Export… dialog). */
export const startViewExport = authedAction(StartExportSchema, (input, session) =>
  startExport(actorOf(session), input),
);

/** One export's progress, polled while it runs. */
export const getViewExport = authedAction(ExportIdSchema, ({ id }, session) => exportView(actorOf(session), id));

export const cancelViewExport = authedAction(ExportIdSchema, ({ id }, session) => cancelExport(actorOf(session), id));

/** The user's latest exports on this portal (the exports page). */
export const listViewExports = authedAction(z.object({}), (_input, session) => recentExports(actorOf(session)));
