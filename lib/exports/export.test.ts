/**
 * Exports as jobs against the sandbox (issue 14, item 5): a filtered CRM view gives exactly its
 * records and its visible columns; a view past HubSpot's 10,000-result cap gives every record once;
 * campaigns are filtered over their list; cells that would run as formulas are neutralised; another
 * user or portal can neither see nor download an export; the per-user bound, cancel and cleanup.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareEnv } from "../../tests/support/access-token.suite";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import type { Actor } from "../auth/actor";
import type { StartExportInput } from "./schemas";

const dataDir = prepareEnv();
type Stored = { id: string; properties: Record<string, string | null> };

describe("view exports", () => {
  let sb: RunningSandbox;
  let actor: Actor;
  let colleague: Actor;
  let service: typeof import("./service");
  let token: string;
  const records = async (kind: string) =>
    (await (await fetch(`${sb.url}/__sandbox/records/${kind}`)).json()) as Stored[];
  const control = (path: string, body: unknown) =>
    fetch(`${sb.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, counts: { campaigns: 80, contacts: 400, marketingEvents: 5 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
    service = await import("./service");
    // Test files that queue jobs work them in this process, as the app does (lib/jobs/in-process.ts).
    await (await import("../jobs/in-process")).ensureInProcessWorkers();
    const { insertTestConnection } = await import("../../tests/support/test-connection");
    const me = await insertTestConnection(sb);
    actor = me.actor;
    colleague = (await insertTestConnection(sb, undefined, "colleague@example.com")).actor;
    token = sb.ctx.issueTokens({ portalId: me.portalId, scopes: sb.ctx.knownScopes(), expiresIn: 3600 }).access_token;
  });
  afterAll(async () => {
    const { stopJobQueue } = await import("../queue/queue");
    await stopJobQueue({ graceful: false });
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function finished(id: string, as = actor, timeoutMs = 60_000) {
    for (const end = Date.now() + timeoutMs; Date.now() < end;) {
      const v = await service.exportView(as, id);
      if (!["queued", "running"].includes(v.state)) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("the export never finished");
  }
  async function exportRows(input: StartExportInput) {
    const started = await service.startExport(actor, input);
    const view = await finished(started.id);
    expect(view).toMatchObject({ state: "done", error: null });
    const file = (await service.exportFile(actor, started.id))!;
    expect(file.fileName).toMatch(/^[a-z0-9-]+\.(csv|xlsx)$/);
    return { view, file };
  }
  async function csvRows(input: Omit<StartExportInput, "format">) {
    const { view, file } = await exportRows({ ...input, format: "csv" });
    const text = readFileSync(file.path, "utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(rows.length).toBe(view.written);
    return { header: header!, rows, view, file };
  }
  const contacts = { type: "crm", objectType: "contacts" } as const;

  it("exports exactly the records of a filtered CRM view, with its visible columns as labelled columns", async () => {
    const all = await records("contacts");
    const want = all.filter(
      (c) => ["lead", "subscriber"].includes(c.properties.lifecyclestage ?? "") && c.properties.country === "Germany",
    );
    expect(want.length).toBeGreaterThan(3);
    const { header, rows } = await csvRows({
      ref: contacts,
      query: {
        filters: [
          [
            { property: "lifecyclestage", operator: "any_of", values: ["lead", "subscriber"] },
            { property: "country", operator: "eq", value: "Germany" },
          ],
        ],
      },
      columns: ["email", "lifecyclestage", "country"],
      timeZone: "Europe/Berlin",
    });
    expect(header).toEqual(["Record ID", "Email", "Lifecycle Stage", "Country/Region"]);
    expect(rows.map((r) => r[0])).toEqual(want.map((c) => c.id).sort((a, b) => Number(a) - Number(b)));
    const byId = new Map(want.map((c) => [c.id, c]));
    for (const [id, email, stage, country] of rows) {
      const c = byId.get(id!)!;
      expect(email).toBe(c.properties.email);
      // Option labels, as people read them, not HubSpot's internal values.
      expect(stage).toBe(c.properties.lifecyclestage === "lead" ? "Lead" : "Subscriber");
      expect(country).toBe("Germany");
    }
  });

  it("exports campaigns filtered over their list, in the view's sort", async () => {
    const want = (await records("campaigns")).filter((c) => c.properties.hs_campaign_status === "in_progress");
    expect(want.length).toBeGreaterThan(3);
    const { header, rows } = await csvRows({
      ref: { type: "campaigns" },
      query: {
        filters: [[{ property: "hs_campaign_status", operator: "any_of", values: ["in_progress"] }]],
        sort: "hs_name",
      },
      columns: ["hs_name", "hs_campaign_status"],
      timeZone: "UTC",
    });
    expect(header).toEqual(["Campaign ID", "Name", "Status"]);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(want.map((c) => c.id)));
    expect(rows.length).toBe(want.length);
    expect(rows.every((r) => r[2] === "In progress")).toBe(true);
    const names = rows.map((r) => r[1]!);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })));
  });

  it("neutralises formula cells in a CSV and keeps them as plain text cells in an XLSX", async () => {
    const [victim] = await records("contacts");
    const evil = '=HYPERLINK("http://evil.example","x")';
    const res = await fetch(`${sb.url}/crm/objects/2026-03/contacts/batch/update`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ inputs: [{ id: victim!.id, properties: { firstname: evil, lastname: "+1-cmd" } }] }),
    });
    expect(res.ok).toBe(true);
    const input = {
      ref: contacts,
      query: { filters: [[{ property: "hs_object_id", operator: "eq" as const, value: victim!.id }]] },
      columns: ["firstname", "lastname"],
      timeZone: "UTC",
    };
    const { rows } = await csvRows(input);
    expect(rows).toEqual([[victim!.id, `'${evil}`, "'+1-cmd"]]);

    const { file } = await exportRows({ ...input, format: "xlsx" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file.path);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(1).values).toEqual([undefined, "Record ID", "First Name", "Last Name"]);
    expect(ws.getRow(2).getCell(2).value).toBe(evil);
    expect(ws.getRow(2).getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getRow(2).getCell(2).formula).toBeUndefined();
  });

  it("shows and serves an export only to the user who started it, on its portal", async () => {
    const { view } = await csvRows({ ref: contacts, query: { filters: [] }, columns: ["email"], timeZone: "UTC" });
    const otherPortal: Actor = {
      ...actor,
      connection: { ...actor.connection, portalId: actor.connection.portalId + 1 },
    };
    for (const who of [colleague, otherPortal]) {
      expect(await service.exportFile(who, view.id)).toBeUndefined();
      await expect(service.exportView(who, view.id)).rejects.toMatchObject({ code: "not_found" });
      await expect(service.cancelExport(who, view.id)).rejects.toMatchObject({ code: "not_found" });
      expect((await service.recentExports(who)).map((e) => e.id)).not.toContain(view.id);
    }
    expect((await service.recentExports(actor)).map((e) => e.id)).toContain(view.id);
  });

  it("exports every record of a view past 10,000 exactly once, bounds running exports per user, cancels, and cleans up", async () => {
    expect((await control("/__sandbox/reset", { contacts: 12_000, campaigns: 10, marketingEvents: 0 })).ok).toBe(true);
    const ids = new Set((await records("contacts")).map((c) => c.id));
    expect(ids.size).toBe(12_000);
    const heapBefore = process.memoryUsage().heapUsed;
    const big = await service.startExport(actor, {
      ref: contacts,
      query: { filters: [] },
      columns: ["email", "firstname", "lifecyclestage"],
      format: "csv",
      timeZone: "UTC",
    });
    // A second export runs beside it; a third is refused until one of them ends.
    const second = await service.startExport(actor, {
      ref: contacts,
      query: { filters: [] },
      columns: ["email"],
      format: "xlsx",
      timeZone: "UTC",
    });
    await expect(
      service.startExport(actor, {
        ref: contacts,
        query: { filters: [] },
        columns: ["email"],
        format: "csv",
        timeZone: "UTC",
      }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    const cancelled = await service.cancelExport(actor, second.id);
    expect(cancelled.state).toBe("cancelled");

    const view = await finished(big.id, actor, 120_000);
    expect(view).toMatchObject({ state: "done", written: 12_000, total: 12_000 });
    console.log(
      `[export] 12,000 contacts: heap grew ${((process.memoryUsage().heapUsed - heapBefore) / 1e6).toFixed(1)} MB`,
    );
    const file = (await service.exportFile(actor, big.id))!;
    const [header, ...rows] = Papa.parse<string[]>(readFileSync(file.path, "utf8").slice(1), {
      skipEmptyLines: true,
    }).data;
    expect(header).toEqual(["Record ID", "Email", "First Name", "Lifecycle Stage"]);
    const seen = rows.map((r) => r[0]!);
    expect(seen.length).toBe(12_000);
    expect(new Set(seen)).toEqual(ids);

    // The cancelled one left no file; after the retention period the finished one is deleted too.
    expect((await finished(second.id)).state).toBe("cancelled");
    expect(await service.exportFile(actor, second.id)).toBeUndefined();
    expect(await service.cleanUpExpiredExports(Date.now() + 25 * 3600_000)).toBeGreaterThan(0);
    expect(existsSync(file.path)).toBe(false);
    expect((await service.exportView(actor, big.id)).state).toBe("expired");
  }, 180_000);
});
