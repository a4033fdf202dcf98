import Link from "next/link";
import { GroupActions } from "@/components/failed-items/group-actions";
import { requireSession } from "@/lib/auth/session";
import { failedGroups, groupItems } from "@/lib/failed-items/store";

export const dynamic = "force-dynamic";

const SAMPLE = 20;

/**
 * Every row that failed in a grid submission, an upload or a retry and is not resolved yet, grouped
 * by resource, error category and message, with what can be done about each group.
 */
export default async function FailedItemsPage() {
  const session = await requireSession();
  const portalId = session.connection.portalId;
  const groups = await failedGroups(portalId);
  const samples = await Promise.all(groups.map((g) => groupItems(portalId, g, SAMPLE)));
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-4 p-4">
      <h1 className="text-xl font-semibold">Failed items</h1>
      {groups.length === 0 && <p className="rounded border border-slate-200 bg-white p-6 text-slate-600">Nothing failed, or every failure was resolved.</p>}
      {groups.map((g, i) => (
        <section key={`${g.resource}|${g.category}|${g.message}`} aria-label={`${g.title}: ${g.message}`} className="flex flex-col gap-2 rounded border border-red-200 bg-white p-4">
          <h2 className="font-semibold">
            {g.title} · <span className="font-mono text-sm">{g.category}</span> · {g.count.toLocaleString("en-US")} {g.count === 1 ? "row" : "rows"}
          </h2>
          <p className="text-red-800">{g.message}</p>
          <p className="text-xs text-slate-600">Last failed {new Date(g.last).toLocaleString("en-US")}</p>
          <GroupActions group={{ resource: g.resource, category: g.category, message: g.message }} count={g.count} portalId={portalId} userId={session.user.id} />
          <details>
            <summary className="cursor-pointer text-sm text-slate-700">Rows{g.count > SAMPLE ? ` (the first ${SAMPLE})` : ""}</summary>
            <table className="mt-2 w-full text-left text-sm">
              <caption className="sr-only">Failed rows of this group</caption>
              <thead><tr className="border-b"><th scope="col" className="p-1">Row</th><th scope="col" className="p-1">What was sent</th><th scope="col" className="p-1">Submission</th></tr></thead>
              <tbody>
                {samples[i]!.map(({ row, submission }) => (
                  <tr key={`${submission.id}:${row.rowKey}`} className="border-b align-top">
                    <td className="p-1">{row.label ?? row.rowKey}<div className="text-xs text-slate-500">{row.kind === "create" ? "New record" : `ID ${row.recordId}`}</div></td>
                    <td className="p-1 font-mono text-xs">{Object.entries(row.sent).map(([k, v]) => `${k}: ${v}`).join(" · ")}</td>
                    <td className="p-1"><Link className="text-blue-700 underline" href={`/submissions/${submission.id}`}>{submission.createdAt.toLocaleString("en-US")}</Link></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </section>
      ))}
    </div>
  );
}
