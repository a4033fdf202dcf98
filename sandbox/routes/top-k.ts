/*
 * The first k refs in sort order, kept in a bounded max-heap (the worst kept one at the root),
 * so a sort over 1,000,000 matches costs about one comparison per match instead of a full sort.
 * Order: by value (ascending, or descending), unset values last either way (as HubSpot lists
 * records without the property after the others), ties by id.
 */
type Value = number | string | undefined;

export interface SortKey {
  value: (ref: number) => Value;
  id: (ref: number) => number;
}

export function topK(k: number, key: SortKey, desc: boolean) {
  const heap: number[] = [];
  const vals: Value[] = [];
  const dir = desc ? -1 : 1;
  /** < 0 when a sorts before b. */
  const cmp = (a: number, av: Value, b: number, bv: Value): number => {
    if (av === undefined || bv === undefined) {
      if (av !== bv) return av === undefined ? 1 : -1;
    } else if (av !== bv) return (av < bv ? -1 : av > bv ? 1 : 0) * dir || 0;
    return key.id(a) - key.id(b);
  };
  const worse = (i: number, j: number) => cmp(heap[i]!, vals[i], heap[j]!, vals[j]) > 0;
  const swap = (i: number, j: number) => {
    [heap[i], heap[j]] = [heap[j]!, heap[i]!];
    [vals[i], vals[j]] = [vals[j], vals[i]];
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(l, m)) m = l;
      if (r < heap.length && worse(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  return {
    offer(ref: number) {
      if (k <= 0) return;
      const v = key.value(ref);
      if (heap.length < k) {
        heap.push(ref);
        vals.push(v);
        for (let i = heap.length - 1; i > 0;) {
          const p = (i - 1) >> 1;
          if (!worse(i, p)) break;
          swap(i, p);
          i = p;
        }
        return;
      }
      if (cmp(ref, v, heap[0]!, vals[0]) >= 0) return; // not better than the worst kept
      heap[0] = ref;
      vals[0] = v;
      down(0);
    },
    sorted(): number[] {
      const idx = heap.map((_, i) => i);
      idx.sort((i, j) => cmp(heap[i]!, vals[i], heap[j]!, vals[j]));
      return idx.map((i) => heap[i]!);
    },
  };
}
