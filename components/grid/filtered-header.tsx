/**
 * A column header whose column a filter reads: a funnel mark, and "(filtered)" in the header's
 * accessible name ("Lifecycle stage (filtered)"), so the mark is not for sighted users only.
 */
export function FilteredHeader({ label }: { label: string }) {
  return (
    <span title={`${label} (filtered)`}>
      {label}
      <svg aria-hidden="true" viewBox="0 0 16 16" className="ml-1 inline h-3 w-3 fill-sky-700 align-baseline">
        <path d="M1 2h14l-5.5 6.5V14l-3-1.5V8.5z" />
      </svg>
      <span className="sr-only"> (filtered)</span>
    </span>
  );
}
