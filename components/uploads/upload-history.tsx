import Link from "next/link";
import { ResourceRefSchema } from "@/lib/resources/ref";
import { resourceTitle } from "@/lib/resources/registry";
import { stateLabel } from "@/lib/submissions/state-label";
import type { UploadRow } from "@/lib/uploads/upload-store";

export type HistoryUpload = Pick<UploadRow, "id" | "fileName" | "rowCount" | "target" | "createdAt" | "sheet"> & {
  /** The upload's submission, once its dry run made one. */
  submission: { id: string; state: string } | null;
};

function targetTitle(stored: unknown) {
  const ref = ResourceRefSchema.safeParse(stored);
  return ref.success ? resourceTitle(ref.data) : <span className="text-slate-500">Not chosen</span>;
}

/** The portal's uploads, newest first: each opens its page; a run one also links to its submission. */
export function UploadHistory({ uploads }: { uploads: HistoryUpload[] }) {
  if (uploads.length === 0) return <p className="rounded border border-slate-200 bg-white p-6 text-sm text-slate-600">No files have been uploaded to this portal yet.</p>;
  return (
    <table className="w-full border-collapse rounded bg-white text-sm">
      <caption className="sr-only">Uploads, newest first</caption>
      <thead>
        <tr className="border-b text-left">
          <th scope="col" className="p-2">File</th>
          <th scope="col" className="p-2">Rows</th>
          <th scope="col" className="p-2">Target</th>
          <th scope="col" className="p-2">Uploaded</th>
          <th scope="col" className="p-2">Status</th>
        </tr>
      </thead>
      <tbody>
        {uploads.map((u) => (
          <tr key={u.id} className="border-b hover:bg-slate-50">
            <td className="p-2">
              <Link className="text-blue-700 underline" href={`/uploads/${u.id}`}>{u.fileName}</Link>
              {u.sheet && <span className="ml-1 text-slate-500">({u.sheet})</span>}
            </td>
            <td className="p-2 tabular-nums">{u.rowCount.toLocaleString("en-US")}</td>
            <td className="p-2">{targetTitle(u.target)}</td>
            <td className="p-2">{u.createdAt.toLocaleString("en-US")}</td>
            <td className="p-2">
              {!u.submission || u.submission.state === "draft"
                ? "Not run"
                : <Link className="text-blue-700 underline" href={`/submissions/${u.submission.id}`}>{stateLabel(u.submission.state)}</Link>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
