import { rm } from "node:fs/promises";
import { NextResponse } from "next/server";
import { rejectCrossSite } from "@/lib/auth/request-origin";
import { getSession } from "@/lib/auth/session";
import { openUpload } from "@/lib/uploads/parse/open-upload";
import { storeUploadBody } from "@/lib/uploads/store-file";
import { insertUpload } from "@/lib/uploads/upload-store";
import { UploadParseError } from "@/lib/uploads/types";

export const dynamic = "force-dynamic";

/**
 * POST the file itself as the body (x-file-name: its name, URI-encoded). The body streams to disk
 * under the size limit and is read once to check it (type, encoding, header row, row count); a file
 * that cannot be read is deleted and the answer says why. Answers { id } of the new upload.
 */
export async function POST(req: Request) {
  const refused = rejectCrossSite(req);
  if (refused) return refused;
  const session = await getSession();
  if (!session || session.connection.status !== "active") return NextResponse.json({ code: "reauth", message: "Your session has ended. Sign in again, then upload the file again." }, { status: 401 });
  let fileName = "";
  try {
    fileName = decodeURIComponent(req.headers.get("x-file-name") ?? "").trim().slice(0, 255);
  } catch {
    return NextResponse.json({ code: "invalid_input", message: "The file name could not be read. Rename the file and upload it again." }, { status: 400 });
  }
  if (!fileName || !req.body) return NextResponse.json({ code: "empty", message: "No file was sent." }, { status: 400 });
  let stored: { path: string; size: number } | undefined;
  try {
    stored = await storeUploadBody(req.body, fileName);
    const opened = await openUpload(stored.path, { fileName });
    const id = await insertUpload(session, {
      fileName, kind: opened.kind, sizeBytes: stored.size, storedPath: stored.path,
      sheets: opened.sheets, sheet: opened.sheet ?? null, headers: opened.headers, rowCount: opened.rowCount, delimiter: opened.delimiter,
    });
    return NextResponse.json({ id });
  } catch (err) {
    if (stored) await rm(stored.path, { force: true });
    if (err instanceof UploadParseError) return NextResponse.json({ code: err.code, message: err.message }, { status: err.code === "too_large" ? 413 : 400 });
    console.error("[uploads] could not store an upload", err);
    return NextResponse.json({ code: "unexpected", message: "The file could not be stored. Try again." }, { status: 500 });
  }
}
