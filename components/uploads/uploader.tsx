"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type DragEvent } from "react";

type Failure = { code?: string; message: string };

/**
 * Sends a spreadsheet to /api/uploads with XMLHttpRequest (fetch cannot report upload progress),
 * then opens the new upload's page. A file the server refuses leaves the page as it was, with the
 * server's reason in an alert.
 */
export function Uploader() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [dragging, setDragging] = useState(false);
  const busy = progress !== null;

  const fail = (f: Failure) => {
    setProgress(null);
    setFailure(f);
    // The same file can be chosen again after fixing it.
    if (input.current) input.current.value = "";
  };

  const send = (file: File) => {
    if (busy) return;
    setFailure(null);
    setProgress(0);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/uploads");
    xhr.setRequestHeader("x-file-name", encodeURIComponent(file.name));
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = (xhr.response ?? {}) as { id?: string; code?: string; message?: string };
      if (xhr.status === 200 && body.id) router.push(`/uploads/${body.id}`);
      else fail({ code: body.code, message: body.message ?? `The upload failed (HTTP ${xhr.status}). Try again.` });
    };
    xhr.onerror = () =>
      fail({ message: "The upload failed: the server could not be reached. Check your connection and try again." });
    xhr.send(file);
  };

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) send(file);
  };

  return (
    <section aria-labelledby="upload-heading" className="flex flex-col gap-3">
      <h2 id="upload-heading" className="text-lg font-semibold">
        Upload a spreadsheet
      </h2>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        className={`flex flex-col items-center gap-2 rounded-lg border-2 border-dashed p-8 text-sm ${dragging ? "border-blue-500 bg-blue-50" : "border-slate-300 bg-white"}`}
      >
        <p className="text-slate-600">Drop a CSV, TSV or Excel workbook (.xlsx) here, or choose one.</p>
        <label className="flex items-center gap-2 font-medium">
          Spreadsheet file
          <input
            ref={input}
            type="file"
            accept=".csv,.tsv,.txt,.xlsx"
            disabled={busy}
            className="text-sm font-normal file:mr-2 file:rounded file:border file:border-slate-300 file:bg-white file:px-2 file:py-1"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) send(f);
            }}
          />
        </label>
        <p className="text-xs text-slate-500">Up to 50 MB and 100,000 rows; the first row holds the column names.</p>
      </div>
      {busy && (
        <div className="flex items-center gap-3 text-sm">
          <progress aria-label="Upload progress" className="h-3 w-64" max={1} value={progress} />
          <span role="status">{progress < 1 ? `Uploading… ${Math.round(progress * 100)}%` : "Reading the file…"}</span>
        </div>
      )}
      {failure && (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {failure.message}{" "}
          {failure.code === "reauth" && (
            <a className="font-medium underline" href={`/api/auth/signin?returnTo=${encodeURIComponent("/uploads")}`}>
              Sign in again
            </a>
          )}
        </div>
      )}
    </section>
  );
}
