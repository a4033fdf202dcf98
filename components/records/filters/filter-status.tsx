"use client";

const fmt = (n: number) => n.toLocaleString("en-US");

/** "12 of 230 campaigns match": the loaded rows the filters keep (the list may still be loading). */
export function MatchCount({ matching, of, noun }: { matching: number; of: number; noun: string }) {
  return (
    <span role="status" className="text-sm font-medium text-sky-800">
      {fmt(matching)} of {fmt(of)} {noun} match
    </span>
  );
}

/** The grid is empty because of the filters, not the portal: say so and offer the way back. */
export function FilterEmptyState({ noun, onClear }: { noun: string; onClear: () => void }) {
  return (
    <div className="flex items-center justify-center gap-3 rounded border border-slate-200 bg-white p-6 text-slate-600">
      <p>No {noun} matches the filters.</p>
      <button
        type="button"
        className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50"
        onClick={onClear}
      >
        Clear filters
      </button>
    </div>
  );
}
