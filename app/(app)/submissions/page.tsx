import Link from "next/link";
import { sourceLabel } from "@/lib/submissions/source-label";
import { isStalled } from "@/lib/submissions/lease";
import { stateLabel } from "@/lib/submissions/state-label";
import { requireSession } from "@/lib/auth/session";
import { resourceTitle } from "@/lib/resources/registry";
import { countsBySubmission, listSubmissions, refOf } from "@/lib/submissions/store";
import { OutcomeCounts } from "@/components/submissions/outcome-counts";

export const dynamic = "force-dynamic";

export default async function SubmissionHistoryPage() {
  const session = await requireSession();
  const subs = await listSubmissions(session.connection.portalId);
  const counts = await countsBySubmission(subs.map((s) => s.id));
  return (
    <div className="p-4">
      <h1 className="mb-3 text-xl font-semibold">Submission history</h1>
      {subs.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-6 text-slate-600">Nothing has been submitted from this portal yet.</p>
      ) : (
        <table className="w-full border-collapse rounded bg-white text-sm">
          <caption className="sr-only">Submissions, newest first</caption>
          <thead>
            <tr className="border-b text-left">
              <th scope="col" className="p-2">Submitted</th>
              <th scope="col" className="p-2">Resource</th>
              <th scope="col" className="p-2">From</th>
              <th scope="col" className="p-2">Rows</th>
              <th scope="col" className="p-2">Outcome</th>
              <th scope="col" className="p-2">State</th>
            </tr>
          </thead>
          <tbody>
            {subs.map((s) => (
              <tr key={s.id} className="border-b hover:bg-slate-50">
                <td className="p-2">
                  <Link className="text-blue-700 underline" href={`/submissions/${s.id}`}>{s.createdAt.toLocaleString("en-US")}</Link>
                </td>
                <td className="p-2">{resourceTitle(refOf(s))}</td>
                <td className="p-2">{sourceLabel(s.source)}</td>
                <td className="p-2">{s.totalRows.toLocaleString("en-US")}</td>
                <td className="p-2"><OutcomeCounts counts={counts.get(s.id) ?? {}} /></td>
                <td className="p-2">{stateLabel(isStalled(s) ? "stalled" : s.state)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
