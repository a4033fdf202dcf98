"use client";

/** "Loaded 3,200 of 10,000": progress while the rest of the list streams in. */
export function LoadStatus({ loaded, total, loading }: { loaded: number; total: number; loading: boolean }) {
  const fmt = (n: number) => n.toLocaleString("en-US");
  return (
    <div className="flex items-center gap-3 text-sm text-slate-600">
      <span role="status" aria-live="polite">
        {loading ? `Loaded ${fmt(loaded)} of ${fmt(total)} campaigns…` : `${fmt(total)} campaigns`}
      </span>
      {loading && total > 0 && (
        <progress aria-label="Loading campaigns" className="h-2 w-32" max={total} value={loaded} />
      )}
    </div>
  );
}
