import { getActiveSession } from "@/lib/auth/session";
import { findSubmission, submissionResultRows, uploadHeadersFor } from "@/lib/submissions/store";
import { resultsCsv, resultsXlsx } from "@/lib/uploads/export/results-file";
import { resultsTable } from "@/lib/uploads/export/results-rows";

export const dynamic = "force-dynamic";

const STATUSES = new Set(["saved", "failed", "conflict", "pending", "saving", "skipped"]);

/** GET ?format=csv|xlsx[&status=failed]: every row's fate as a file (uploads: with the file's own columns). */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  // Only while signed in with a live connection: a download must not outlive a sign-out.
  const session = await getActiveSession();
  if (!session) return new Response("Sign in to download results.", { status: 401 });
  const { id } = await params;
  const url = new URL(req.url);
  const format = url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const status = url.searchParams.get("status") ?? undefined;
  if (!/^[0-9a-f-]{36}$/.test(id) || (status && !STATUSES.has(status))) return new Response("Not found.", { status: 404 });
  const submission = await findSubmission(id, session.connection.portalId);
  if (!submission) return new Response("Not found.", { status: 404 });

  const { header, body } = resultsTable(await submissionResultRows(id, status), await uploadHeadersFor(id));
  const name = `batchboard-${submission.createdAt.toISOString().slice(0, 19).replace(/[:T]/g, "-")}${status ? `-${status}` : ""}.${format}`;
  const headers = { "content-disposition": `attachment; filename="${name}"`, "cache-control": "no-store" };
  if (format === "csv") return new Response(resultsCsv(header, body), { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
  return new Response(new Uint8Array(await resultsXlsx(header, body)), { headers: { ...headers, "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });
}
