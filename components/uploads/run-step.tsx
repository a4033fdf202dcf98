"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { ActionErrorAlert } from "@/components/records/action-error-alert";
import { runUpload } from "@/lib/uploads/actions";
import { plural, type DryRun, type UploadData } from "./types";
import { useAction } from "@/components/server-state/use-action";

/**
 * Step 5: starts the dry run's submission in the background and opens its page, which follows
 * the progress (pause, resume, cancel, results files). A dry run already started just links there.
 */
export function RunStep({ upload, dryRun }: { upload: UploadData; dryRun: DryRun }) {
  const router = useRouter();
  const run = useAction(runUpload, (data) => router.push(`/submissions/${data.submissionId}`));
  const started =
    upload.submission && upload.submission.id === dryRun.submissionId && upload.submission.state !== "draft"
      ? upload.submission
      : null;
  const sends = dryRun.creates + dryRun.updates;
  return (
    <section
      aria-labelledby="step-run"
      className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4 text-sm"
    >
      <h2 id="step-run" className="text-lg font-semibold">
        5. Import
      </h2>
      {started ? (
        <p>
          This import has been started.{" "}
          <Link className="text-blue-700 underline" href={`/submissions/${started.id}`}>
            Follow its progress
          </Link>
        </p>
      ) : (
        <>
          <p className="text-slate-600">
            {sends === 0
              ? "Nothing to send: every row is unchanged, invalid or not found."
              : `Sends ${plural(dryRun.updates, "update")} and ${plural(dryRun.creates, "create")} to HubSpot, exactly as the dry run shows.`}
          </p>
          <div className="flex items-center gap-3">
            <button
              type="button"
              className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white disabled:opacity-50"
              disabled={sends === 0 || run.pending || run.data !== undefined}
              onClick={() => run.run({ id: upload.id })}
            >
              Run import
            </button>
            {(run.pending || run.data) && <p role="status">Starting the import…</p>}
          </div>
          {run.error && (
            <ActionErrorAlert
              error={run.error}
              prefix="The import did not start: "
              returnTo={`/uploads/${upload.id}`}
              onRetry={() => run.run({ id: upload.id })}
            />
          )}
        </>
      )}
    </section>
  );
}
