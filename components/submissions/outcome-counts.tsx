const ORDER = ["saved", "failed", "conflict", "skipped", "saving", "pending"] as const;
const STYLE: Record<string, string> = {
  saved: "bg-green-100 text-green-900",
  failed: "bg-red-100 text-red-900",
  conflict: "bg-amber-100 text-amber-900",
  saving: "bg-blue-100 text-blue-900",
  pending: "bg-slate-100 text-slate-800",
  skipped: "bg-slate-100 text-slate-600",
};

/** "480 saved · 12 failed · 8 conflict" as small badges. */
export function OutcomeCounts({ counts }: { counts: Record<string, number> }) {
  return (
    <span className="flex flex-wrap gap-1">
      {ORDER.filter((k) => counts[k]).map((k) => (
        <span key={k} className={`rounded px-1.5 py-0.5 text-xs font-medium ${STYLE[k]}`}>
          {counts[k]!.toLocaleString("en-US")} {k}
        </span>
      ))}
    </span>
  );
}
