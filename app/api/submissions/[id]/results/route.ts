import { getActiveSession } from "@/lib/auth/session";
import { isOneOf, ROW_STATUSES } from "@/lib/db/values";
import { findSubmission } from "@/lib/submissions/store";
import { resultsDownload } from "@/lib/uploads/export/results-download";

export const dynamic = "force-dynamic";

/** GET ?format=csv|xlsx[&status=failed]: every row's fate as a file (uploads: with the file's own columns). */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  // Only while signed in with a live connection: a download must not outlive a sign-out.
  const session = await getActiveSession();
  if (!session) return new Response("Sign in to download results.", { status: 401 });
  const { id } = await params;
  const url = new URL(req.url);
  const format = url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const status = url.searchParams.get("status") ?? undefined;
  if (!/^[0-9a-f-]{36}$/.test(id) || (status !== undefined && !isOneOf(ROW_STATUSES, status)))
    return new Response("Not found.", { status: 404 });
  const submission = await findSubmission(id, session.connection.portalId);
  if (!submission) return new Response("Not found.", { status: 404 });

  const file = await resultsDownload(submission, format, status);
  return new Response(file.body, {
    headers: {
      "content-disposition": `attachment; filename="${file.name}"`,
      "cache-control": "no-store",
      "content-type": file.contentType,
    },
  });
}
