import type { ReactNode } from "react";

export interface DataColumn<T> {
  header: ReactNode;
  cell: (row: T, index: number) => ReactNode;
  /** Added to this column's header and cells (widths, number alignment, a mono font). */
  className?: string;
}

interface Props<T> {
  /** What the table lists, for screen readers (and shown when captionVisible). */
  caption: ReactNode;
  captionVisible?: boolean;
  columns: readonly DataColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  /** Shown instead of the table when there are no rows; without it an empty table is shown. */
  empty?: ReactNode;
  /** "roomy" for the page-wide lists, "compact" for tables inside a step or a group. */
  density?: "roomy" | "compact";
  className?: string;
  /** A header that stays in view while a surrounding box scrolls. */
  stickyHeader?: boolean;
}

const CELL = { roomy: "p-2", compact: "p-1" } as const;
const cls = (...names: (string | undefined)[]) => names.filter(Boolean).join(" ");

/**
 * The one table markup of the app's lists (submission history, upload history, a submission's rows,
 * an upload's check, failed rows): a caption, column headers with scope, one row per item, an
 * empty state. No hooks, so server and client components both render it.
 */
export function DataTable<T>({
  caption,
  captionVisible,
  columns,
  rows,
  rowKey,
  empty,
  density = "roomy",
  className,
  stickyHeader,
}: Props<T>) {
  if (rows.length === 0 && empty !== undefined) {
    return <p className="rounded border border-slate-200 bg-white p-6 text-sm text-slate-600">{empty}</p>;
  }
  const cell = CELL[density];
  return (
    <table className={cls("w-full border-collapse bg-white text-left text-sm", className)}>
      <caption className={captionVisible ? "mb-1 text-left font-semibold" : "sr-only"}>{caption}</caption>
      <thead className={stickyHeader ? "sticky top-0 bg-white" : undefined}>
        <tr className="border-b border-slate-200">
          {columns.map((c, i) => (
            <th key={i} scope="col" className={cls(cell, c.className)}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={rowKey(row, r)} className="border-b border-slate-100 align-top hover:bg-slate-50">
            {columns.map((c, i) => (
              <td key={i} className={cls(cell, c.className)}>
                {c.cell(row, r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
