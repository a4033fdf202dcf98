import type { TargetColumn } from "@/lib/uploads/types";
import { ScrollBox } from "./scroll-box";
import { fmt, type DryRun } from "./types";

const cell = "py-1 pr-3";

/**
 * A create's dry run: the first new rows as they will be sent (file column → property: the
 * converted value), and the rows left out because HubSpot already has their name or unique value
 * (said differently from a duplicate within the file, which the check reports as "also in row N
 * of this file").
 */
export function DryRunCreates({
  dryRun,
  columns,
  mapping,
}: {
  dryRun: DryRun;
  columns: readonly TargetColumn[];
  mapping: Record<string, string>;
}) {
  const label = new Map(columns.map((c) => [c.key, c.label]));
  const header = new Map(Object.entries(mapping).map(([h, k]) => [k, h]));
  const sample = dryRun.createSample ?? [];
  const exists = dryRun.exists ?? [];
  const existsCount = dryRun.existsCount ?? exists.length;
  return (
    <>
      {sample.length > 0 && (
        <ScrollBox label="Scrollable sample of new records">
          <table className="w-full border-collapse text-left">
            <caption className="mb-1 text-left font-semibold">
              {sample.length < dryRun.creates ? `The first ${fmt(sample.length)} new records` : "New records"}{" "}
              <span className="font-normal text-slate-500">(values as they will be sent)</span>
            </caption>
            <thead className="sticky top-0 bg-white">
              <tr className="border-b border-slate-200">
                <th scope="col" className={cell}>
                  Row
                </th>
                <th scope="col" className={cell}>
                  File column
                </th>
                <th scope="col" className={cell}>
                  Property
                </th>
                <th scope="col" className="py-1">
                  Value sent
                </th>
              </tr>
            </thead>
            <tbody>
              {sample.flatMap((s) =>
                Object.entries(s.properties).map(([key, value], i) => (
                  <tr key={`${s.row}:${key}`} className={`align-top ${i === 0 ? "border-t border-slate-200" : ""}`}>
                    <td className={`${cell} tabular-nums`}>{i === 0 ? s.row + 1 : ""}</td>
                    <td className={cell}>{header.get(key) ?? ""}</td>
                    <td className={cell}>{label.get(key) ?? key}</td>
                    <td className="whitespace-pre-wrap py-1 font-mono text-xs">{value}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </ScrollBox>
      )}
      {exists.length > 0 && (
        <ScrollBox label="Scrollable list of rows already in HubSpot" className="max-h-64">
          <table className="w-full border-collapse text-left">
            <caption className="mb-1 text-left font-semibold">
              Already in HubSpot{" "}
              <span className="font-normal text-slate-500">
                (these rows are skipped: HubSpot would refuse to create them again
                {existsCount > exists.length ? `; the first ${fmt(exists.length)} of ${fmt(existsCount)}` : ""})
              </span>
            </caption>
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className={cell}>
                  Row
                </th>
                <th scope="col" className={cell}>
                  Value
                </th>
                <th scope="col" className="py-1">
                  Why
                </th>
              </tr>
            </thead>
            <tbody>
              {exists.map((e) => (
                <tr key={e.row} className="border-b border-slate-100">
                  <td className={`${cell} tabular-nums`}>{e.row + 1}</td>
                  <td className={cell}>{e.key}</td>
                  <td className="py-1">already exists in HubSpot (record {e.id})</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </>
  );
}
