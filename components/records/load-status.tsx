"use client";

/** "Loaded 3,200 of 10,000 campaigns…": progress while the rest streams in (no total: "Loaded 300 events…"). */
export function LoadStatus({
  loaded,
  total,
  loading,
  noun,
}: {
  loaded: number;
  total: number | null;
  loading: boolean;
  noun: string;
}) {
  const fmt = (n: number) => n.toLocaleString("en-US");
  return (
    <div className="flex items-center gap-3 text-sm text-slate-600">
      <span role="status" aria-live="polite">
        {loading
          ? total === null
            ? `Loaded ${fmt(loaded)} ${noun}…`
            : `Loaded ${fmt(loaded)} of ${fmt(total)} ${noun}…`
          : `${fmt(total ?? loaded)} ${noun}`}
      </span>
      {loading && (total === null || total > 0) && (
        // Without a total the bar is indeterminate: still a sign that more is coming.
        <progress
          aria-label={`Loading ${noun}`}
          className="h-2 w-32"
          max={total ?? undefined}
          value={total === null ? undefined : loaded}
        />
      )}
    </div>
  );
}
