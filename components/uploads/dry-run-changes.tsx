import type { TargetColumn } from "@/lib/uploads/types";
import { ScrollBox } from "./scroll-box";
import { fmt, type DryRun } from "./types";

const cell = "py-1 pr-3";

/** The dry run's sample of changes (old → new) and the rows whose record was not found. */
export function DryRunChanges({
  dryRun,
  columns,
  notFound,
}: {
  dryRun: DryRun;
  columns: readonly TargetColumn[];
  notFound: number;
}) {
  const label = new Map(columns.map((c) => [c.key, c.label]));
  // The answer carries the first changes only; say so when they do not cover every updated row.
  const partial = new Set(dryRun.sample.map((l) => l.row)).size < dryRun.updates;
  return (
    <>
      {dryRun.sample.length > 0 && (
        <ScrollBox label="Scrollable list of changes">
          <table className="w-full border-collapse text-left">
            <caption className="mb-1 text-left font-semibold">
              {partial ? `The first ${fmt(dryRun.sample.length)} changes` : "Changes"}{" "}
              <span className="font-normal text-slate-500">(rows numbered as in the spreadsheet)</span>
            </caption>
            <thead className="sticky top-0 bg-white">
              <tr className="border-b border-slate-200">
                <th scope="col" className={cell}>
                  Row
                </th>
                <th scope="col" className={cell}>
                  Record
                </th>
                <th scope="col" className={cell}>
                  Property
                </th>
                <th scope="col" className={cell}>
                  Old value
                </th>
                <th scope="col" className="py-1">
                  New value
                </th>
              </tr>
            </thead>
            <tbody>
              {dryRun.sample.map((l) => (
                <tr key={`${l.row}:${l.property}`} className="border-b border-slate-100 align-top">
                  <td className={`${cell} tabular-nums`}>{l.row + 1}</td>
                  <td className={cell}>{l.name}</td>
                  <td className={cell}>{label.get(l.property) ?? l.property}</td>
                  <td className={`${cell} text-slate-500 line-through decoration-slate-300`}>
                    {l.before || <span className="text-slate-500 no-underline">(empty)</span>}
                  </td>
                  <td className="whitespace-pre-wrap py-1">
                    {l.after || <span className="text-slate-500">(empty)</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      {dryRun.notFound.length > 0 && (
        <ScrollBox label="Scrollable list of rows not found" className="max-h-64">
          <table className="w-full border-collapse text-left">
            <caption className="mb-1 text-left font-semibold">
              Not found in HubSpot{" "}
              <span className="font-normal text-slate-500">
                (these rows are skipped
                {notFound > dryRun.notFound.length
                  ? `; the first ${fmt(dryRun.notFound.length)} of ${fmt(notFound)}`
                  : ""}
                )
              </span>
            </caption>
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className={cell}>
                  Row
                </th>
                <th scope="col" className="py-1">
                  Key
                </th>
              </tr>
            </thead>
            <tbody>
              {dryRun.notFound.map((n) => (
                <tr key={n.row} className="border-b border-slate-100">
                  <td className={`${cell} tabular-nums`}>{n.row + 1}</td>
                  <td className="py-1">{n.key}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </>
  );
}
