/** Shared by the job benchmarks: the sandbox's request log summed up by kind of call. */
import type { RecordedRequest } from "../../sandbox/core/state";

const KINDS: [string, (path: string) => boolean][] = [
  ["search", (p) => p.endsWith("/search")],
  ["batch/read", (p) => p.endsWith("/batch/read")],
  ["batch/update", (p) => p.endsWith("/batch/update")],
  ["properties", (p) => p.includes("/properties/")],
];

/** "search 100, batch/read 0, batch/update 200, other 2; 429s 3" */
export function requestsByKind(log: readonly RecordedRequest[]): string {
  const counts = new Map<string, number>(KINDS.map(([k]) => [k, 0]));
  let other = 0;
  for (const r of log) {
    const kind = KINDS.find(([, is]) => is(r.path))?.[0];
    if (kind) counts.set(kind, counts.get(kind)! + 1);
    else other++;
  }
  const parts = [...counts].map(([k, n]) => `${k} ${n}`);
  return `${parts.join(", ")}, other ${other}; 429s ${log.filter((r) => r.status === 429).length}`;
}

/** Sets the sandbox's search index delay (HubSpot's search trails writes): the control API's public switch. */
export async function setSearchLag(sandboxUrl: string, ms: number): Promise<void> {
  const res = await fetch(`${sandboxUrl}/__sandbox/config`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ searchIndexDelayMs: ms }),
  });
  if (!res.ok) throw new Error(`POST /__sandbox/config → ${res.status}`);
}
