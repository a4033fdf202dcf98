/**
 * Sandbox scale benchmark: a portal of 1,000,000 contacts. Starts the sandbox as its own process
 * (so its RSS is the sandbox's alone), resets one portal and prints the time to build it, the
 * sandbox's RSS, and search latencies (median of --runs): an unfiltered page, a filter matching
 * about 5 % (with its count), an id-GT page deep in the set (how the app pages past 10,000) and
 * sorts by a text property.
 *
 *   npx tsx bench/sandbox-scale.ts [--contacts 1000000] [--companies 20000] [--runs 5] [--port 4201]
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : d;
};
const CONTACTS = Number(arg("contacts", "1000000"));
const COMPANIES = Number(arg("companies", "20000"));
const RUNS = Number(arg("runs", "5"));
const PORT = Number(arg("port", process.env.E2E_SANDBOX_PORT ?? "4201"));
const PORTAL = 20260301;
const ID_BASE = 10_000_001; // contacts' first id (sandbox/routes/crm-types.ts)
const url = `http://127.0.0.1:${PORT}`;

const child = spawn(process.execPath, ["--import", "tsx", "sandbox/main.ts"], {
  env: { ...process.env, HUBSPOT_SANDBOX_PORT: String(PORT) },
  stdio: ["ignore", "ignore", "inherit"],
});
const rssMb = () => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
};

async function post(path: string, body: unknown, token?: string) {
  const res = await fetch(url + path, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(json)}`);
  return json;
}

try {
  for (let i = 0; ; i++) {
    if ((await fetch(`${url}/__sandbox/health`).catch(() => undefined))?.ok) break;
    if (i > 300) throw new Error("sandbox did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  await post("/__sandbox/config", { rateLimit: { perTenSeconds: 1_000_000, searchPerSecond: 1_000_000 } });
  const token = (await post("/__sandbox/tokens", { portalId: PORTAL })).access_token as string;
  const search = (body: unknown) => post("/crm/objects/2026-03/contacts/search", body, token);

  const started = performance.now();
  await post("/__sandbox/reset", { portalId: PORTAL, contacts: CONTACTS, companies: COMPANIES, deals: 0 });
  await search({ limit: 1 }); // the portal's records are built on its first CRM request
  const resetMs = performance.now() - started;
  (globalThis as { gc?: () => void }).gc?.();
  console.log(`reset with ${CONTACTS.toLocaleString("en-US")} contacts: ${Math.round(resetMs)} ms`);
  console.log(`sandbox RSS after it: ${rssMb()} MB`);

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const time = async (label: string, body: unknown) => {
    const ms: number[] = [];
    let total = 0;
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      total = (await search(body)).total;
      ms.push(performance.now() - t);
    }
    console.log(`${label}: ${median(ms).toFixed(1)} ms (total ${total.toLocaleString("en-US")})`);
  };
  const lead = { propertyName: "lifecyclestage", operator: "EQ", value: "lead" };
  const us = { propertyName: "country", operator: "EQ", value: "United States" };
  const deep = { propertyName: "hs_object_id", operator: "GT", value: String(ID_BASE + Math.floor(CONTACTS * 0.9)) };
  const byId = [{ propertyName: "hs_object_id", direction: "ASCENDING" }];
  await time("unfiltered page of 100", { limit: 100 });
  await time("filter ~5 % (lead AND United States), page of 100", {
    filterGroups: [{ filters: [lead, us] }],
    limit: 100,
  });
  await time("id-GT page of 200 at 90 % of the ids", { filterGroups: [{ filters: [deep] }], sorts: byId, limit: 200 });
  await time("id-GT page of 200 of the ~5 % filter at 90 %", {
    filterGroups: [{ filters: [lead, us, deep] }],
    sorts: byId,
    limit: 200,
  });
  await time("sort by lastname, page of 100", {
    sorts: [{ propertyName: "lastname", direction: "ASCENDING" }],
    limit: 100,
  });
  await time("sort by email descending, page 50 of 200 (after 9,800)", {
    sorts: [{ propertyName: "email", direction: "DESCENDING" }],
    limit: 200,
    after: "9800",
  });
  await time("CONTAINS_TOKEN *ltd* on company", {
    filterGroups: [{ filters: [{ propertyName: "company", operator: "CONTAINS_TOKEN", value: "*ltd*" }] }],
    limit: 100,
  });
  console.log(`sandbox RSS at the end: ${rssMb()} MB`);
} finally {
  child.kill();
}
