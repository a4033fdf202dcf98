/** Range selection in display coordinates (row index in the current order, column index). */
export interface CellPos {
  rowIdx: number;
  idx: number;
}

/** The anchor is where the selection started (rdg's active cell); the focus is the far corner. */
export interface Selection {
  anchor: CellPos;
  focus: CellPos;
}

export interface Bounds {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export const boundsOf = ({ anchor, focus }: Selection): Bounds => ({
  top: Math.min(anchor.rowIdx, focus.rowIdx),
  bottom: Math.max(anchor.rowIdx, focus.rowIdx),
  left: Math.min(anchor.idx, focus.idx),
  right: Math.max(anchor.idx, focus.idx),
});

export const inBounds = (b: Bounds, rowIdx: number, idx: number) =>
  rowIdx >= b.top && rowIdx <= b.bottom && idx >= b.left && idx <= b.right;

export const isSingleCell = (b: Bounds) => b.top === b.bottom && b.left === b.right;

export const collapsed = (pos: CellPos): Selection => ({ anchor: pos, focus: pos });

const clamp = (n: number, max: number) => Math.max(0, Math.min(max, n));

/** Shift+arrow: move the focus corner, keep the anchor. */
export function extend(sel: Selection, key: string, maxRow: number, maxCol: number, jump: boolean): Selection {
  const { rowIdx, idx } = sel.focus;
  const step = (n: number, dir: number, max: number) => clamp(jump ? (dir < 0 ? 0 : max) : n + dir, max);
  const focus =
    key === "ArrowUp"
      ? { rowIdx: step(rowIdx, -1, maxRow), idx }
      : key === "ArrowDown"
        ? { rowIdx: step(rowIdx, 1, maxRow), idx }
        : key === "ArrowLeft"
          ? { rowIdx, idx: step(idx, -1, maxCol) }
          : key === "ArrowRight"
            ? { rowIdx, idx: step(idx, 1, maxCol) }
            : sel.focus;
  return { anchor: sel.anchor, focus };
}
