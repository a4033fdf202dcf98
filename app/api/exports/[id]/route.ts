import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { actorOf } from "@/lib/auth/actor";
import { getActiveSession } from "@/lib/auth/session";
import { exportFile } from "@/lib/exports/service";

export const dynamic = "force-dynamic";

const TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** GET: a finished export's file, streamed from disk; only to the user who started it, on that portal. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  // Only while signed in with a live connection: a download must not outlive a sign-out.
  const session = await getActiveSession();
  if (!session) return new Response("Sign in to download exports.", { status: 401 });
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/.test(id)) return new Response("Not found.", { status: 404 });
  const file = await exportFile(actorOf(session), id);
  if (!file) return new Response("Not found.", { status: 404 });
  // The stored name is letters, digits, dashes and a dot only (exportFileName), safe in a quoted header.
  return new Response(Readable.toWeb(createReadStream(file.path)) as ReadableStream, {
    headers: {
      "content-disposition": `attachment; filename="${file.fileName}"`,
      "content-length": String(file.size),
      "cache-control": "no-store",
      "content-type": TYPES[file.format],
      "x-content-type-options": "nosniff",
    },
  });
}
