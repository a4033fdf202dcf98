// RevoGrid (@revolist/react-datagrid) harness component (also imported by ssr-check.tsx).
import { useEffect, useMemo, useRef, useState } from "react";
import { RevoGrid, Editor, type ColumnRegular, type EditorType } from "@revolist/react-datagrid";
import { COLUMNS, STATUSES, makeRows, parseTsv, type CampaignRow } from "./data";

function StatusEditor({ column, val, save, close }: EditorType) {
  return (
    <select
      data-testid="status-editor"
      aria-label="Status"
      autoFocus
      defaultValue={String(val ?? column.value ?? "")}
      onChange={(e) => save(e.target.value)}
      onKeyDown={(e) => e.key === "Escape" && close()}
    >
      {STATUSES.map((s) => (
        <option key={s}>{s}</option>
      ))}
    </select>
  );
}

export function RevoApp({ initialRows }: { initialRows?: CampaignRow[] }) {
  const [source] = useState<CampaignRow[]>(() => initialRows ?? makeRows());
  const editors = useMemo(() => ({ status: Editor(StatusEditor) }), []);
  const columns = useMemo<ColumnRegular[]>(
    () =>
      COLUMNS.map((c) => ({
        prop: c.key,
        name: c.name,
        size: c.width,
        ...(c.key === "status" ? { editor: "status" } : {}),
      })),
    [],
  );
  const gridRef = useRef<HTMLRevoGridElement>(null);
  useEffect(() => {
    // Built-in text parsing is split('\n')/split('\t'): no quote handling and a trailing newline
    // becomes an extra empty row. The harness can swap in a proper TSV parser (window.__fixPaste).
    // beforepasteapply is emitted by the inner <revogr-clipboard> and bubbles; it is not in the typed
    // props of <RevoGrid>, so listen on the element.
    const el = gridRef.current;
    const onBeforePasteApply = (e: Event) => {
      const { detail } = e as CustomEvent<{ parsed: string[][]; dataText: string }>;
      if ((window as any).__fixPaste) detail.parsed = parseTsv(detail.dataText);
    };
    el?.addEventListener("beforepasteapply", onBeforePasteApply);
    return () => el?.removeEventListener("beforepasteapply", onBeforePasteApply);
  }, []);
  return (
    <RevoGrid
      ref={gridRef}
      aria-label="Campaigns"
      style={{ height: "100%", width: "100%" }}
      source={source}
      columns={columns}
      editors={editors}
      rowSize={32}
      range
      resize
      useClipboard
      theme="default"
    />
  );
}
