"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { collapsed, type CellPos, type Selection } from "./selection";

/**
 * Range selection state for one grid instance, driven by mouse (press, drag, Shift+click) and by
 * the keyboard handler (Shift+arrows). rdg keeps the active cell; this keeps the far corner.
 */
export function useRangeSelection() {
  const [selection, setSelection] = useState<Selection | null>(null);
  const ref = useRef(selection);
  ref.current = selection;
  const dragging = useRef(false);

  useEffect(() => {
    const stop = () => {
      dragging.current = false;
    };
    window.addEventListener("pointerup", stop);
    window.addEventListener("blur", stop);
    return () => {
      window.removeEventListener("pointerup", stop);
      window.removeEventListener("blur", stop);
    };
  }, []);

  const select = useCallback((next: Selection | null) => {
    ref.current = next;
    setSelection(next);
  }, []);

  /** Pointer down on a cell: Shift extends from the anchor, otherwise a new selection (and drag) starts. */
  const pointerDown = useCallback(
    (pos: CellPos, shift: boolean) => {
      if (shift && ref.current) {
        select({ anchor: ref.current.anchor, focus: pos });
        return true;
      }
      dragging.current = true;
      select(collapsed(pos));
      return false;
    },
    [select],
  );

  /** Pointer moving over a cell while the button is held: the range follows. */
  const pointerEnter = useCallback(
    (pos: CellPos, buttons: number) => {
      if (!dragging.current || !(buttons & 1) || !ref.current) return;
      const { focus } = ref.current;
      if (focus.rowIdx !== pos.rowIdx || focus.idx !== pos.idx) select({ anchor: ref.current.anchor, focus: pos });
    },
    [select],
  );

  return { selection, selectionRef: ref, select, pointerDown, pointerEnter };
}
