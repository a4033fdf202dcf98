import Link from "next/link";
import { notFound } from "next/navigation";
import { stateLabel } from "@/lib/submissions/state-label";
import { LiveProgress } from "@/components/submissions/live-progress";
import { FixInGridButton } from "@/components/records/fix-in-grid-button";
import { failedRowsForGrid } from "@/lib/submissions/actions";
import { RetryFailedButton } from "@/components/submissions/retry-failed-button";
import { SubmissionRowsTable } from "@/components/submissions/submission-rows-table";
import { OutcomeCounts } from "@/components/submissions/outcome-counts";
import { requireSession } from "@/lib/auth/session";
import { submissionPageData } from "@/lib/submissions/page-data";
import { RevertButton } from "@/components/reverts/revert-button";
import { RevertPreview } from "@/components/reverts/revert-preview";

export const dynamic = "force-dynamic";

export default async function SubmissionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ status?: string; category?: string; page?: string }>;
}) {
  const { id } = await params;
  const data = await submissionPageData(await requireSession(), id, await searchParams);
  if (!data) notFound();
  const { view, status, category, pageNo, preview, original, reverts, finished, wording } = data;
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
      <Link href="/submissions" className="text-sm text-blue-700 underline">
        ← Submission history
      </Link>
      <h1 className="text-xl font-semibold">
        {preview ? "Revert preview" : `Submission of ${new Date(view.createdAt).toLocaleString("en-US")}`}
      </h1>
      <p className="flex items-center gap-2 text-sm">
        <span>{view.resourceTitle}</span> · {stateLabel(view.stalled ? "stalled" : view.state)} ·{" "}
        <OutcomeCounts counts={view.counts} />
      </p>
      {original && (
        <p className="text-sm">
          {preview ? "Undoes" : "Undid"} the{" "}
          <Link className="text-blue-700 underline" href={`/submissions/${original.id}`}>
            submission of {original.createdAt.toLocaleString("en-US")}
          </Link>
          .
        </p>
      )}
      {reverts.length > 0 && (
        <p className="text-sm">
          Reverted by{" "}
          {reverts.map((r, i) => (
            <span key={r.id}>
              {i > 0 && ", "}
              <Link className="text-blue-700 underline" href={`/submissions/${r.id}`}>
                the revert of {r.createdAt.toLocaleString("en-US")}
              </Link>
            </span>
          ))}
          .
        </p>
      )}
      {preview && original && (
        <RevertPreview draftId={id} originalId={original.id} initial={preview} noun={wording.noun} />
      )}
      {data.live && (
        <LiveProgress
          id={id}
          initial={{ ...view, outcomes: [] }}
          ceilingPerSecond={data.ceilingPerSecond}
          owner={data.owner}
        />
      )}
      {!preview && (
        <p className="flex flex-wrap items-center gap-3 text-sm" aria-label="Download results">
          <span className="text-slate-600">Download every row’s fate:</span>
          <a className="text-blue-700 underline" href={`/api/submissions/${id}/results?format=csv`} download>
            CSV
          </a>
          <a className="text-blue-700 underline" href={`/api/submissions/${id}/results?format=xlsx`} download>
            XLSX
          </a>
          {view.counts.failed > 0 && (
            <a
              className="text-blue-700 underline"
              href={`/api/submissions/${id}/results?format=csv&status=failed`}
              download
            >
              Failed rows only (CSV)
            </a>
          )}
          {view.counts.failed > 0 && finished && <RetryFailedButton id={id} failed={view.counts.failed} />}
          {view.counts.failed > 0 && finished && (
            <FixInGridButton
              label={`Fix ${view.counts.failed.toLocaleString("en-US")} failed ${view.counts.failed === 1 ? "row" : "rows"} in the grid`}
              load={failedRowsForGrid.bind(null, { id })}
              sourceId={id}
              portalId={data.portalId}
              userId={data.userId}
            />
          )}
          {finished && view.counts.saved > 0 && <RevertButton id={id} />}
        </p>
      )}
      <nav aria-label="Filter rows by outcome" className="flex gap-2 text-sm">
        {(preview
          ? [undefined, "pending", "conflict", "skipped"]
          : [undefined, "saved", "failed", "conflict", ...(view.counts.skipped ? ["skipped"] : [])]
        ).map((s) => (
          <Link
            key={s ?? "all"}
            href={filterHref(s)}
            aria-current={status === s ? "page" : undefined}
            className={`rounded border px-2 py-1 ${status === s ? "border-slate-900 bg-slate-900 text-white" : "border-slate-300 bg-white"}`}
          >
            {s === "pending" ? "To send" : s ? s[0]!.toUpperCase() + s.slice(1) : "All rows"}
          </Link>
        ))}
      </nav>
      {data.categories.length > 0 && (
        <nav aria-label="Filter failed rows by error category" className="flex flex-wrap gap-2 text-sm">
          {data.categories.map((c) => (
            <Link
              key={c.category}
              href={hrefWith({ status: "failed", category: c.category })}
              aria-current={category === c.category ? "page" : undefined}
              className={`rounded border px-2 py-1 ${category === c.category ? "border-red-900 bg-red-900 text-white" : "border-red-200 bg-red-50 text-red-900"}`}
            >
              {c.category}: {c.count.toLocaleString("en-US")}
            </Link>
          ))}
        </nav>
      )}
      <SubmissionRowsTable rows={data.rows} noun={wording.noun} label={wording.label} nameKey={wording.nameKey} />
      <div className="flex gap-3 text-sm">
        {pageNo > 0 && (
          <Link className="underline" href={hrefWith({ status, category, page: pageNo - 1 })}>
            Previous rows
          </Link>
        )}
        {data.hasNext && (
          <Link className="underline" href={hrefWith({ status, category, page: pageNo + 1 })}>
            Next rows
          </Link>
        )}
      </div>
    </div>
  );
}
