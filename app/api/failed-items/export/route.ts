import { getActiveSession } from "@/lib/auth/session";
import { FailedSelectionSchema, parseItemParam } from "@/lib/failed-items/schemas";
import { groupItems } from "@/lib/failed-items/store";
import { resultsCsv, resultsXlsx } from "@/lib/uploads/export/results-file";
import { resultsTable } from "@/lib/uploads/export/results-rows";

export const dynamic = "force-dynamic";

/** GET ?resource=&kind=&format=csv|xlsx[&item=<submission id>:<row key>…]: a group of failed items, or the selected ones, as a file. */
export async function GET(req: Request) {
  // Only while signed in with a live connection: a download must not outlive a sign-out.
  const session = await getActiveSession();
  if (!session) return new Response("Sign in to download failed items.", { status: 401 });
  const q = new URL(req.url).searchParams;
  const picked = q.getAll("item");
  const parsed = FailedSelectionSchema.safeParse({
    resource: q.get("resource") ?? "",
    kind: q.get("kind") ?? "",
    items: picked.length ? picked.map(parseItemParam) : undefined,
  });
  if (!parsed.success) return new Response(parsed.error.issues.map((i) => i.message).join("; "), { status: 400 });
  const { items: selected, ...group } = parsed.data;
  const items = await groupItems(session.connection.portalId, group, { selected });
  const { header, body } = resultsTable(
    items.map((i) => i.row),
    null,
  );
  const format = q.get("format") === "xlsx" ? "xlsx" : "csv";
  const headers = {
    "content-disposition": `attachment; filename="batchboard-failed-items.${format}"`,
    "cache-control": "no-store",
  };
  if (format === "csv")
    return new Response(resultsCsv(header, body), {
      headers: { ...headers, "content-type": "text/csv; charset=utf-8" },
    });
  return new Response(new Uint8Array(await resultsXlsx(header, body, "Failed items")), {
    headers: { ...headers, "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  });
}
