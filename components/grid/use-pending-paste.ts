"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { pasteShortfall, shortfallMessage } from "./range-ops";
import type { Bounds, CellPos } from "./selection";

type Matrix = string[][];
interface Pending {
  matrix: Matrix;
  bounds: Bounds;
  /** The active cell when pasted: the pasted block becomes the selection from it. */
  anchor: CellPos;
}

/**
 * A paste that covers rows still loading waits for them instead of applying only the loaded ones
 * (320 pasted, 200 applied, said nowhere): it is applied once they have arrived or loading ends,
 * and whatever still has no cell to land on is reported. The notice says which is happening.
 */
export function usePendingPaste(
  apply: (p: Pending) => void,
  rowCount: number,
  moreRowsComing: boolean,
  colCount: number,
) {
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const applyRef = useRef(apply);
  applyRef.current = apply;

  const finish = useCallback(
    (p: Pending, rows: number) => {
      applyRef.current(p);
      setPending(null);
      setNotice(shortfallMessage(pasteShortfall(p.matrix, p.bounds, rows, colCount)));
    },
    [colCount],
  );

  const paste = useCallback(
    (p: Pending) => {
      const s = pasteShortfall(p.matrix, p.bounds, rowCount, colCount);
      if (s.rowsOut > 0 && moreRowsComing) {
        setPending(p);
        const loaded = s.rows - s.rowsOut;
        setNotice(
          `Waiting for rows to load: the paste covers ${s.rows.toLocaleString("en-US")} rows and ${loaded.toLocaleString("en-US")} of them are loaded. It is applied, all at once, when they are.`,
        );
        return;
      }
      finish(p, rowCount);
    },
    [rowCount, moreRowsComing, colCount, finish],
  );

  useEffect(() => {
    if (!pending) return;
    const s = pasteShortfall(pending.matrix, pending.bounds, rowCount, colCount);
    if (s.rowsOut === 0 || !moreRowsComing) finish(pending, rowCount);
  }, [pending, rowCount, moreRowsComing, colCount, finish]);

  const cancel = useCallback(() => {
    setPending(null);
    setNotice(pending ? "Paste cancelled: nothing was pasted." : null);
  }, [pending]);

  return { paste, notice, waiting: pending !== null, cancel, dismiss: () => setNotice(null) };
}
