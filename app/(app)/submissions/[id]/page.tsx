import Link from "next/link";
import { isOneOf, ROW_STATUSES } from "@/lib/db/values";
import { stateLabel } from "@/lib/submissions/state-label";
import { notFound } from "next/navigation";
import { LiveProgress } from "@/components/submissions/live-progress";
import { FixInGridButton } from "@/components/records/fix-in-grid-button";
import { failedRowsForGrid } from "@/lib/submissions/actions";
import { RetryFailedButton } from "@/components/submissions/retry-failed-button";
import { SubmissionRowsTable } from "@/components/submissions/submission-rows-table";
import { adapterFor } from "@/lib/hubspot/adapter-for";
import { OutcomeCounts } from "@/components/submissions/outcome-counts";
import { requireSession } from "@/lib/auth/session";
import { isOwner, ownerEmail } from "@/lib/submissions/control";
import { resourceWording } from "@/lib/submissions/labels";
import { failureCategories, findSubmission, refOf, submissionRowsPage, submissionView } from "@/lib/submissions/store";
import { RevertButton } from "@/components/reverts/revert-button";
import { RevertPreview } from "@/components/reverts/revert-preview";
import { planStateOf, revertsOf } from "@/lib/reverts/service";

export const dynamic = "force-dynamic";
const PAGE_SIZE = 200;

export default async function SubmissionPage({ params, searchParams }: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ status?: string; category?: string; page?: string }>;
}) {
  const { id } = await params;
  const { status, category, page } = await searchParams;
  const session = await requireSession();
  if (!/^[0-9a-f-]{36}$/.test(id)) notFound();
  const view = await submissionView(id, session.connection.portalId, Number.MAX_SAFE_INTEGER);
  if (!view) notFound();
  const pageNo = Math.max(0, Number(page ?? 0) || 0);
  const submission = (await findSubmission(id, session.connection.portalId))!;
  const ref = refOf(submission);
  const original = submission.revertOf ? await findSubmission(submission.revertOf, session.connection.portalId) : undefined;
  const preview = view.state === "draft" && view.source === "revert" ? planStateOf(submission.plan) : null;
  const finished = view.state === "done" || view.state === "cancelled";
  const reverts = finished ? await revertsOf(id) : [];
  const wording = await resourceWording(ref, session);
  // Batchboard's limiter sends at most 100 requests per 10 s: the fastest this submission can go.
  const ceilingPerSecond = adapterFor(ref).batchSize * 10;
  const rows = status !== undefined && !isOneOf(ROW_STATUSES, status) ? [] : await submissionRowsPage(id, { status, category, offset: pageNo * PAGE_SIZE, limit: PAGE_SIZE + 1 });
  const categories = view.counts.failed > 0 ? await failureCategories(id) : [];
  const hrefWith = (q: { status?: string; category?: string; page?: number }) => {
    const p = new URLSearchParams();
    if (q.status) p.set("status", q.status);
    if (q.category) p.set("category", q.category);
    if (q.page) p.set("page", String(q.page));
    return `/submissions/${id}${p.size ? `?${p}` : ""}`;
  };
  const filterHref = (s?: string) => hrefWith({ status: s });
  return (
    <div className="flex flex-col gap-3 p-4">
      <Link href="/submissions" className="text-sm text-blue-700 underline">← Submission history</Link>
      <h1 className="text-xl font-semibold">{preview ? "Revert preview" : `Submission of ${new Date(view.createdAt).toLocaleString("en-US")}`}</h1>
      <p className="flex items-center gap-2 text-sm">
        <span>{view.resourceTitle}</span> · {stateLabel(view.stalled ? "stalled" : view.state)} · <OutcomeCounts counts={view.counts} />
      </p>
      {original && (
        <p className="text-sm">
          {preview ? "Undoes" : "Undid"} the <Link className="text-blue-700 underline" href={`/submissions/${original.id}`}>submission of {original.createdAt.toLocaleString("en-US")}</Link>.
        </p>
      )}
      {reverts.length > 0 && (
        <p className="text-sm">
          Reverted by {reverts.map((r, i) => <span key={r.id}>{i > 0 && ", "}<Link className="text-blue-700 underline" href={`/submissions/${r.id}`}>the revert of {r.createdAt.toLocaleString("en-US")}</Link></span>)}.
        </p>
      )}
      {preview && original && <RevertPreview draftId={id} originalId={original.id} initial={preview} noun={wording.noun} />}
      {!preview && view.state !== "done" && <LiveProgress id={id} initial={{ ...view, outcomes: [] }} ceilingPerSecond={ceilingPerSecond} owner={isOwner(submission, session) ? undefined : await ownerEmail(submission)} />}
      {!preview && <p className="flex flex-wrap items-center gap-3 text-sm" aria-label="Download results">
        <span className="text-slate-600">Download every row’s fate:</span>
        <a className="text-blue-700 underline" href={`/api/submissions/${id}/results?format=csv`} download>CSV</a>
        <a className="text-blue-700 underline" href={`/api/submissions/${id}/results?format=xlsx`} download>XLSX</a>
        {view.counts.failed > 0 && <a className="text-blue-700 underline" href={`/api/submissions/${id}/results?format=csv&status=failed`} download>Failed rows only (CSV)</a>}
        {view.counts.failed > 0 && (view.state === "done" || view.state === "cancelled") && <RetryFailedButton id={id} failed={view.counts.failed} />}
        {view.counts.failed > 0 && (view.state === "done" || view.state === "cancelled") && <FixInGridButton
          label={`Fix ${view.counts.failed.toLocaleString("en-US")} failed ${view.counts.failed === 1 ? "row" : "rows"} in the grid`}
          load={failedRowsForGrid.bind(null, { id })}
          sourceId={id} portalId={session.connection.portalId} userId={session.user.id}
        />}
        {finished && view.counts.saved > 0 && <RevertButton id={id} />}
      </p>}
      <nav aria-label="Filter rows by outcome" className="flex gap-2 text-sm">
        {(preview ? [undefined, "pending", "conflict", "skipped"] : [undefined, "saved", "failed", "conflict", ...(view.counts.skipped ? ["skipped"] : [])]).map((s) => (
          <Link key={s ?? "all"} href={filterHref(s)} aria-current={status === s ? "page" : undefined}
            className={`rounded border px-2 py-1 ${status === s ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white"}`}>
            {s === "pending" ? "To send" : s ? s[0]!.toUpperCase() + s.slice(1) : "All rows"}
          </Link>
        ))}
      </nav>
      {categories.length > 0 && (
        <nav aria-label="Filter failed rows by error category" className="flex flex-wrap gap-2 text-sm">
          {categories.map((c) => (
            <Link key={c.category} href={hrefWith({ status: "failed", category: c.category })} aria-current={category === c.category ? "page" : undefined}
              className={`rounded border px-2 py-1 ${category === c.category ? "border-red-900 bg-red-900 text-white" : "border-red-200 bg-red-50 text-red-900"}`}>
              {c.category}: {c.count.toLocaleString("en-US")}
            </Link>
          ))}
        </nav>
      )}
      <SubmissionRowsTable rows={rows.slice(0, PAGE_SIZE)} noun={wording.noun} label={wording.label} />
      <div className="flex gap-3 text-sm">
        {pageNo > 0 && <Link className="underline" href={hrefWith({ status, category, page: pageNo - 1 })}>Previous rows</Link>}
        {rows.length > PAGE_SIZE && <Link className="underline" href={hrefWith({ status, category, page: pageNo + 1 })}>Next rows</Link>}
      </div>
    </div>
  );
}
