/**
 * An export's bounds, with small limits so they are reached quickly: more records than an export
 * takes fails before the file is written; an export past its time limit stops with the reason.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { prepareEnv } from "../../tests/support/access-token.suite";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import type { Actor } from "../auth/actor";

vi.mock("./limits", () => ({
  EXPORT_LIMITS: { maxRows: 250, timeLimitMs: 1_500, runningPerUser: 2, maxColumns: 250, retentionMs: 86_400_000 },
}));

const dataDir = prepareEnv();

describe("export bounds", () => {
  let sb: RunningSandbox;
  let actor: Actor;
  let service: typeof import("./service");

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, counts: { campaigns: 10, contacts: 600, marketingEvents: 0 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
    service = await import("./service");
    await (await import("../jobs/in-process")).ensureInProcessWorkers();
    actor = (await (await import("../../tests/support/test-connection")).insertTestConnection(sb)).actor;
  });
  afterAll(async () => {
    const { stopJobQueue } = await import("../queue/queue");
    await stopJobQueue({ graceful: false });
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function finished(id: string) {
    for (const end = Date.now() + 60_000; Date.now() < end;) {
      const v = await service.exportView(actor, id);
      if (!["queued", "running"].includes(v.state)) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("the export never finished");
  }
  const start = (filters: import("../records/filters").FilterGroups = []) =>
    service.startExport(actor, {
      ref: { type: "crm", objectType: "contacts" },
      query: { filters },
      columns: ["email"],
      format: "csv",
      timeZone: "UTC",
    });

  it("refuses a view of more records than an export takes, and writes no file", async () => {
    const view = await finished((await start()).id);
    expect(view.state).toBe("failed");
    expect(view.error).toMatch(/more than 250 records/);
    expect(await service.exportFile(actor, view.id)).toBeUndefined();
  });

  it("stops an export that runs past its time limit", async () => {
    await fetch(`${sb.url}/__sandbox/config`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ latencyMs: 1_000 }),
    });
    const view = await finished(
      (await start([[{ property: "lifecyclestage", operator: "any_of", values: ["lead"] }]])).id,
    );
    // The leads are fewer than the row bound; reading the properties and one page takes 2 s of latency.
    expect(view.state).toBe("failed");
    expect(view.error).toMatch(/took longer than/);
  });
});
