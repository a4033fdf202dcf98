import { getSession } from "@/lib/auth/session";
import { groupItems } from "@/lib/failed-items/store";
import { resultsCsv, resultsXlsx } from "@/lib/uploads/export/results-file";
import { resultsTable } from "@/lib/uploads/export/results-rows";

export const dynamic = "force-dynamic";

/** GET ?resource=&category=&message=&format=csv|xlsx: one group of failed items as a file. */
export async function GET(req: Request) {
  const session = await getSession();
  if (!session) return new Response("Sign in to download failed items.", { status: 401 });
  const q = new URL(req.url).searchParams;
  const group = { resource: q.get("resource") ?? "", category: q.get("category") ?? "", message: q.get("message") ?? "" };
  const items = await groupItems(session.connection.portalId, group);
  const { header, body } = resultsTable(items.map((i) => i.row), null);
  const format = q.get("format") === "xlsx" ? "xlsx" : "csv";
  const headers = { "content-disposition": `attachment; filename="batchboard-failed-items.${format}"`, "cache-control": "no-store" };
  if (format === "csv") return new Response(resultsCsv(header, body), { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
  return new Response(new Uint8Array(await resultsXlsx(header, body, "Failed items")), { headers: { ...headers, "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });
}
