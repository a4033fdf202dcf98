"use client";

import type { PendingUpdate, RowStatusInfo } from "../edits/types";
import { columnLabel, displayCell, type GridResource } from "../resource";

interface Props {
  conflicts: { rowKey: string; name: string; info: RowStatusInfo; pending: PendingUpdate | undefined }[];
  busy: boolean;
  resource: GridResource;
  onKeepTheirs: (rowKey: string) => void;
  onApplyMine: (rowKey: string) => void;
}

/**
 * Rows changed in HubSpot after they were loaded: nothing was written. For each, HubSpot's value
 * now ("theirs") next to the pending edit ("yours"), and the two ways out.
 */
export function ConflictList({ conflicts, busy, resource, onKeepTheirs, onApplyMine }: Props) {
  const show = (p: string, v: string | null | undefined) => displayCell(resource, p, v) || "(empty)";
  if (conflicts.length === 0) return null;
  return (
    <section aria-labelledby="conflicts-title" className="mt-3">
      <h3 id="conflicts-title" className="font-medium">
        Changed in HubSpot since you loaded them
      </h3>
      <ul className="mt-1 space-y-2">
        {conflicts.map(({ rowKey, name, info, pending }) => (
          <li key={rowKey} aria-label={`Conflict: ${name}`} className="rounded border border-amber-300 bg-white p-2">
            <p className="font-medium">{name}</p>
            <table className="mt-1 text-left text-sm">
              <thead>
                <tr>
                  <th scope="col" className="pr-4">
                    Property
                  </th>
                  <th scope="col" className="pr-4">
                    Theirs (HubSpot now)
                  </th>
                  <th scope="col">Yours</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(pending?.edits ?? {}).map(([p, mine]) => (
                  <tr key={p}>
                    <td className="pr-4">{columnLabel(resource, p)}</td>
                    <td className="pr-4">{show(p, info.current?.properties[p])}</td>
                    <td>{show(p, mine)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="mt-2 flex gap-2">
              <button
                type="button"
                className="rounded border border-slate-300 px-2 py-1 text-sm"
                onClick={() => onKeepTheirs(rowKey)}
              >
                Keep theirs
              </button>
              <button
                type="button"
                disabled={busy || !pending}
                className="rounded bg-amber-600 px-2 py-1 text-sm font-medium text-white disabled:opacity-50"
                onClick={() => onApplyMine(rowKey)}
              >
                Apply mine
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
