"use client";

/** One filter as a chip: its words open it for editing, the × removes it. */
export function FilterChip({
  text,
  problem,
  onEdit,
  onRemove,
}: {
  text: string;
  /** Why this filter cannot apply (a column this grid lacks): shown on the chip. */
  problem?: string;
  onEdit: () => void;
  onRemove: () => void;
}) {
  return (
    <span
      className={`inline-flex items-center rounded-full border text-sm ${problem ? "border-red-300 bg-red-50" : "border-sky-300 bg-sky-50"}`}
    >
      <button
        type="button"
        className="rounded-l-full px-3 py-0.5 hover:bg-sky-100"
        aria-label={`Edit filter: ${text}`}
        title={problem}
        onClick={onEdit}
      >
        {text}
        {problem && <span className="ml-1 text-red-700">({problem})</span>}
      </button>
      <button
        type="button"
        className="rounded-r-full px-2 py-0.5 text-slate-500 hover:bg-sky-100 hover:text-slate-900"
        aria-label={`Remove filter: ${text}`}
        onClick={onRemove}
      >
        ×
      </button>
    </span>
  );
}
