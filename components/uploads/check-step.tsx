import { FixInGridButton } from "@/components/records/fix-in-grid-button";
import { invalidUploadRowsForGrid } from "@/lib/uploads/actions";
import type { TargetColumn } from "@/lib/uploads/types";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { ScrollBox } from "./scroll-box";
import { fmt, plural, type CheckSummary } from "./types";

/** Step 3: how many rows can be imported, the errors per column and the first errors in full. */
interface Props {
  uploadId: string;
  check: CheckSummary;
  columns: readonly TargetColumn[];
  portalId: number;
  userId: string;
}

type RowErrorLine = CheckSummary["firstErrors"][number];
const errorColumns = (label: Map<string, string>): DataColumn<RowErrorLine>[] => [
  { header: "Row", cell: (e) => e.sheetRow, className: "tabular-nums" },
  {
    header: "Column",
    cell: (e) => (
      <>
        {e.header}
        {e.column && label.get(e.column) && label.get(e.column) !== e.header ? ` → ${label.get(e.column)}` : ""}
      </>
    ),
  },
  {
    header: "Value",
    cell: (e) => e.value || <span className="text-slate-500">(empty)</span>,
    className: "max-w-48 truncate font-mono text-xs",
  },
  { header: "Reason", cell: (e) => e.reason },
];

export function CheckStep({ uploadId, check, columns, portalId, userId }: Props) {
  const label = new Map(columns.map((c) => [c.key, c.label]));
  const byColumn = Object.entries(check.errorsByColumn).sort((a, b) => b[1] - a[1]);
  return (
    <section
      aria-labelledby="step-check"
      className="flex flex-col gap-3 rounded border border-slate-200 bg-white p-4 text-sm"
    >
      <h2 id="step-check" className="text-lg font-semibold">
        3. Check
      </h2>
      <p role="status" className="text-base">
        <span className="font-medium text-green-800">{fmt(check.valid)} valid</span> ·{" "}
        <span className={check.invalid ? "font-medium text-red-700" : ""}>{fmt(check.invalid)} invalid</span> ·{" "}
        {plural(check.total, "row")} in all
      </p>
      {Object.entries(check.dateOrders ?? {}).map(([header, order]) => (
        <p key={header} className="text-slate-700">
          Dates in “{header}” are read {order === "MDY" ? "month-first (MM/DD/YYYY)" : "day-first (DD/MM/YYYY)"}, as the
          column’s own values show.
        </p>
      ))}
      {check.invalid > 0 && check.mappingErrors.length === 0 && (
        <div className="flex flex-wrap items-center gap-2 text-slate-700">
          <span>Invalid rows are skipped by the import. To fix them one by one instead:</span>
          <FixInGridButton
            label={`Fix ${plural(check.invalid, "invalid row")} in the grid`}
            load={() => invalidUploadRowsForGrid({ id: uploadId })}
            sourceId={`upload:${uploadId}`}
            portalId={portalId}
            userId={userId}
          />
        </div>
      )}
      {check.mappingErrors.length > 0 && (
        <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-800">
          <p className="font-medium">The mapping has problems; fix them above and check again before the dry run:</p>
          <ul className="mt-1 list-disc pl-5">
            {check.mappingErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      {byColumn.length > 0 && (
        <>
          <h3 className="font-semibold">Errors by column</h3>
          <ul aria-label="Errors by column" className="flex flex-wrap gap-2">
            {byColumn.map(([header, n]) => (
              <li key={header} className="rounded bg-red-50 px-2 py-0.5 text-red-900">
                {header}: {plural(n, "error")}
              </li>
            ))}
          </ul>
        </>
      )}
      {check.firstErrors.length > 0 && (
        <ScrollBox label="Scrollable list of errors">
          <DataTable
            caption={
              <>
                {check.firstErrors.length < check.invalid
                  ? `The first ${fmt(check.firstErrors.length)} errors`
                  : "Errors"}{" "}
                <span className="font-normal text-slate-500">
                  (rows numbered as in the spreadsheet, header = row 1)
                </span>
              </>
            }
            captionVisible
            stickyHeader
            density="compact"
            columns={errorColumns(label)}
            rows={check.firstErrors}
            rowKey={(_e, i) => String(i)}
          />
        </ScrollBox>
      )}
      {check.invalid > 0 && check.mappingErrors.length === 0 && (
        <p className="text-slate-600">
          Invalid rows are skipped: the dry run and the import send only the {plural(check.valid, "valid row")}.
        </p>
      )}
    </section>
  );
}
