import type { RecordedRequest } from "../../sandbox/core/state";
import { adapterFor } from "../../lib/hubspot/adapter-for";
import type { HubSpotHttpClient } from "../../lib/hubspot/http-client";
import type { ResourceRef } from "../../lib/resources/ref";
import { runBatch } from "../../lib/batch/engine";
import type { RateLimiter } from "../../lib/batch/rate-limiter";
import type { RowOperation, RowOutcome } from "../../lib/batch/types";

/**
 * Exactly once under lost responses (issue 12): creates and updates of one resource, with the
 * sandbox applying every write and then dropping the connection on 1 batch in 5 (`when: "after"`,
 * `reset`, `every: 5`). Counts, from the sandbox's own records and request log: rows sent (inputs in
 * write requests, resends included), applied (exactly once), duplicated (a create found more than
 * once) and lost (an edit or create not in HubSpot), and rows whose shown status is not "saved".
 */
export interface ExactlyOnceCase {
  label: string;
  ref: ResourceRef;
  /** /__sandbox/records/{kind} */
  kind: string;
  basePath: string;
  /** The updated property, and how to read it (and a record's id) from the stored shape. */
  property: string;
  read: (raw: Record<string, unknown>) => { id: string; value: string | null };
  /** Creates, when the resource takes them: the row's properties and the stored record's natural key. */
  create?: {
    props: (tag: string, i: number) => Record<string, string>;
    keyOf: (raw: Record<string, unknown>) => string | undefined;
    key: (props: Record<string, string>) => string;
  };
}

const props = (raw: Record<string, unknown>) => raw.properties as Record<string, string | null>;
export const EXACTLY_ONCE_CASES: ExactlyOnceCase[] = [
  {
    label: "campaigns",
    ref: { type: "campaigns" },
    kind: "campaigns",
    basePath: "/marketing/campaigns/2026-03",
    property: "hs_notes",
    read: (raw) => ({ id: raw.id as string, value: props(raw).hs_notes ?? null }),
    create: {
      props: (tag, i) => ({ hs_name: `${tag} campaign ${i}` }),
      keyOf: (raw) => props(raw).hs_name?.toLowerCase(),
      key: (p) => p.hs_name!.toLowerCase(),
    },
  },
  ...(["2026-03", "v3"] as const).map((apiVersion): ExactlyOnceCase => ({
    label: `marketing events ${apiVersion}`,
    ref: { type: "marketing-events", apiVersion },
    kind: "marketing-events",
    basePath: apiVersion === "2026-03" ? "/marketing/marketing-events/2026-03" : "/marketing/v3/marketing-events",
    property: "eventOrganizer",
    read: (raw) => ({ id: raw.objectId as string, value: (raw.eventOrganizer as string | undefined) ?? null }),
  })),
  {
    label: "contacts",
    ref: { type: "crm", objectType: "contacts", uniqueProperty: "email" },
    kind: "contacts",
    basePath: "/crm/objects/2026-03/contacts",
    property: "jobtitle",
    read: (raw) => ({ id: raw.id as string, value: props(raw).jobtitle ?? null }),
    create: {
      props: (tag, i) => ({ email: `${tag.toLowerCase().replace(/\W/g, "")}.${i}@once.example`, firstname: "Once" }),
      keyOf: (raw) => props(raw).email?.toLowerCase(),
      key: (p) => p.email!.toLowerCase(),
    },
  },
];

export interface ExactlyOnceFigures {
  sent: number;
  lostAnswers: number;
  applied: number;
  duplicated: number;
  lost: number;
  notSaved: number;
  outcomes: RowOutcome[];
}

export async function runExactlyOnce(opts: {
  c: ExactlyOnceCase;
  rows: number;
  tag: string;
  client: HubSpotHttpClient;
  limiter: RateLimiter;
  control: <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;
  sleep?: (ms: number) => Promise<void>;
}): Promise<ExactlyOnceFigures> {
  const { c, rows, tag, control } = opts;
  const records = (await control<Record<string, unknown>[]>("GET", `/__sandbox/records/${c.kind}`)).map(c.read);
  const nUpdates = c.create ? Math.ceil(rows / 2) : rows;
  const ops: RowOperation[] = records
    .slice(0, nUpdates)
    .map((r, i) => ({ rowKey: `u${i}`, kind: "update", id: r.id, properties: { [c.property]: `${tag} ${i}` } }));
  if (c.create)
    for (let i = 0; i < rows - nUpdates; i++)
      ops.push({ rowKey: `c${i}`, kind: "create", properties: c.create.props(tag, i) });

  const writes = [`${c.basePath}/batch/update`, ...(c.create ? [`${c.basePath}/batch/create`] : [])];
  await control("DELETE", "/__sandbox/requests");
  await control("POST", "/__sandbox/faults", {
    rules: writes.map((path) => ({ method: "POST", path, when: "after", reset: true, every: 5, times: 1_000_000 })),
  });
  let outcomes: RowOutcome[];
  try {
    outcomes = await runBatch(ops, {
      adapter: adapterFor(c.ref),
      client: opts.client,
      limiter: opts.limiter,
      sleep: opts.sleep,
    });
  } finally {
    await control("DELETE", "/__sandbox/faults");
  }

  const log = await control<RecordedRequest[]>("GET", "/__sandbox/requests?method=POST");
  const sent = log
    .filter((r) => writes.includes(r.path))
    .reduce((n, r) => n + ((r.requestBody as { inputs?: unknown[] })?.inputs?.length ?? 0), 0);
  const after = await control<Record<string, unknown>[]>("GET", `/__sandbox/records/${c.kind}`);
  const stored = new Map(after.map(c.read).map((r) => [r.id, r.value]));
  const keys = new Map<string, number>();
  if (c.create)
    for (const raw of after) {
      const k = c.create.keyOf(raw);
      if (k) keys.set(k, (keys.get(k) ?? 0) + 1);
    }
  let applied = 0,
    duplicated = 0,
    lost = 0;
  for (const op of ops) {
    const n =
      op.kind === "update"
        ? stored.get(op.id) === op.properties[c.property]
          ? 1
          : 0
        : (keys.get(c.create!.key(op.properties)) ?? 0);
    if (n === 0) lost++;
    else applied++;
    if (n > 1) duplicated++;
  }
  // The sandbox logs a dropped connection as a 500 after applying the write.
  const lostAnswers = log.filter((r) => writes.includes(r.path) && r.status === 500).length;
  return {
    sent,
    lostAnswers,
    applied,
    duplicated,
    lost,
    notSaved: outcomes.filter((o) => o.status !== "saved").length,
    outcomes,
  };
}
