"use server";

import { z } from "zod";
import { authedAction } from "../actions/action-client";
import { ExpectedActionError } from "../actions/result";
import { ResourceRefSchema } from "../resources/ref";
import { startDraftAs } from "../submissions/control";
import { startSubmission } from "../submissions/start";
import { sendJob } from "../queue/contract";
import { DryRunJob } from "./dry-run-contract";
import {
  assertNotRun,
  checkUpload,
  chooseSheet,
  invalidRowsForGrid,
  suggestMapping,
  UploadModeSchema,
  UploadSettingsSchema,
} from "./service";
import { saveTemplate } from "./templates";
import { gridPathFor, resourceName } from "../resources/registry";
import { findUpload, updateUpload } from "./upload-store";
import { actorOf } from "../auth/actor";

const UploadIdSchema = z.string().uuid();

async function uploadOf(id: string, portalId: number) {
  const upload = await findUpload(id, portalId);
  if (!upload) throw new ExpectedActionError("not_found", "This upload does not exist in this portal.");
  return upload;
}

/** The target's properties and the automatic mapping of the file's columns onto them. */
export const suggestUploadMapping = authedAction(
  z.object({ id: UploadIdSchema, target: ResourceRefSchema, mode: UploadModeSchema.optional() }),
  async ({ id, target, mode }, session) =>
    suggestMapping(actorOf(session), await uploadOf(id, session.connection.portalId), target, mode),
);

/** Checks every row; answers the counts and the first errors (not every invalid row number). */
export const checkUploadRows = authedAction(
  z.object({ id: UploadIdSchema, settings: UploadSettingsSchema }),
  async ({ id, settings }, session) => {
    const { invalidRows: _rows, ...summary } = await checkUpload(
      actorOf(session),
      await uploadOf(id, session.connection.portalId),
      settings,
    );
    return summary;
  },
);

/**
 * Starts the dry run as a job (reading the current values runs at the portal's rate limit): the
 * page polls `uploadDryRunState` until it is done.
 */
export const dryRunUploadRows = authedAction(
  z.object({ id: UploadIdSchema, settings: UploadSettingsSchema }),
  async ({ id, settings }, session) => {
    const upload = await uploadOf(id, session.connection.portalId);
    await assertNotRun(upload);
    await updateUpload(id, { dryRun: { state: "running", read: 0, total: upload.rowCount } });
    await sendJob(DryRunJob, { uploadId: id, settings, connectionId: session.connection.id }, { singletonKey: id });
    return { state: "running" as const };
  },
);

/** The dry run's state: running (with how many records were read), done (the summary) or failed. */
export const uploadDryRunState = authedAction(
  z.object({ id: UploadIdSchema }),
  async ({ id }, session) => (await uploadOf(id, session.connection.portalId)).dryRun,
);

/**
 * Starts the upload's dry-run submission as a background job, as the user who clicks "Run" (their
 * grant, their name in history, whoever uploaded the file); the page then follows its progress.
 */
export const runUpload = authedAction(z.object({ id: UploadIdSchema }), async ({ id }, session) => {
  const upload = await uploadOf(id, session.connection.portalId);
  if (!upload.submissionId)
    throw new ExpectedActionError("invalid_input", "Run the dry run first: it decides which rows are sent.");
  if (!(await startDraftAs(actorOf(session), upload.submissionId))) return { submissionId: upload.submissionId };
  await startSubmission(upload.submissionId);
  return { submissionId: upload.submissionId };
});

/** Another sheet of the workbook: answers its headers and row count. */
export const chooseUploadSheet = authedAction(
  z.object({ id: UploadIdSchema, sheet: z.string().min(1).max(200) }),
  async ({ id, sheet }, session) => {
    const u = await chooseSheet(await uploadOf(id, session.connection.portalId), sheet);
    return { sheet: u.sheet, headers: u.headers, rowCount: u.rowCount };
  },
);

/** Saves the current mapping and options as a named template for this target. */
export const saveMappingTemplate = authedAction(
  z.object({ id: UploadIdSchema, name: z.string().trim().min(1).max(100), settings: UploadSettingsSchema }),
  async ({ id, name, settings }, session) => {
    const upload = await uploadOf(id, session.connection.portalId);
    await saveTemplate(session.connection.portalId, session.user.id, {
      name,
      target: resourceName(settings.target),
      headers: upload.headers,
      mapping: settings.mapping,
      options: settings.options,
    });
    return { name };
  },
);

/** The upload's invalid rows as the grid takes them back, to fix there instead of skipping them. */
export const invalidUploadRowsForGrid = authedAction(z.object({ id: UploadIdSchema }), async ({ id }, session) => {
  const upload = await uploadOf(id, session.connection.portalId);
  const settings = UploadSettingsSchema.safeParse({
    target: upload.target,
    mode: upload.mode,
    mapping: upload.mapping,
    options: upload.options,
    keyColumn: upload.keyColumn ?? undefined,
  });
  if (!settings.success)
    throw new ExpectedActionError(
      "invalid_input",
      "Check the rows first: the settings of this upload are not complete.",
    );
  const { rows, skipped } = await invalidRowsForGrid(actorOf(session), upload, settings.data);
  return { resourceKey: resourceName(settings.data.target), path: gridPathFor(settings.data.target), rows, skipped };
});
