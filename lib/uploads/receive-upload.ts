import "server-only";
import { rm } from "node:fs/promises";
import type { Actor } from "../auth/actor";
import { logError } from "../log/log-error";
import { cleanFileName } from "./file-name";
import { openUploadInWorker } from "./parse/parse-pool";
import { storeUploadBody } from "./store-file";
import { UploadParseError } from "./types";
import { insertUpload } from "./upload-store";

export type ReceiveAnswer = { status: number; body: { id: string } | { code: string; message: string } };

const STATUS: Partial<Record<UploadParseError["code"], number>> = { too_large: 413, busy: 503 };

/**
 * A file POSTed to /api/uploads: its name cleaned, its body streamed to disk under the size limit,
 * then read once in a parse worker (type, encoding, limits, header row, row count). A file that
 * cannot be read is deleted and the answer says why; the user's earlier uploads are untouched.
 */
export async function receiveUpload(
  actor: Actor,
  body: ReadableStream<Uint8Array> | null,
  rawName: string | null,
): Promise<ReceiveAnswer> {
  let fileName: string;
  try {
    fileName = cleanFileName(decodeURIComponent(rawName ?? ""));
  } catch {
    return {
      status: 400,
      body: { code: "invalid_input", message: "The file name could not be read. Rename the file and upload it again." },
    };
  }
  if (!body) return { status: 400, body: { code: "empty", message: "No file was sent." } };
  if (!fileName)
    return {
      status: 400,
      body: {
        code: "invalid_input",
        message: "The file has no readable name. Rename it (for example “contacts.csv”) and upload it again.",
      },
    };
  let stored: { path: string; size: number } | undefined;
  try {
    stored = await storeUploadBody(body, fileName);
    const opened = await openUploadInWorker(stored.path, { fileName });
    const id = await insertUpload(actor, {
      fileName,
      kind: opened.kind,
      sizeBytes: stored.size,
      storedPath: stored.path,
      sheets: opened.sheets,
      sheet: opened.sheet ?? null,
      headers: opened.headers,
      rowCount: opened.rowCount,
      delimiter: opened.delimiter,
    });
    return { status: 200, body: { id } };
  } catch (err) {
    if (stored) await rm(stored.path, { force: true });
    if (err instanceof UploadParseError)
      return { status: STATUS[err.code] ?? 400, body: { code: err.code, message: err.message } };
    logError("[uploads] could not store an upload", err);
    return { status: 500, body: { code: "unexpected", message: "The file could not be stored. Try again." } };
  }
}
