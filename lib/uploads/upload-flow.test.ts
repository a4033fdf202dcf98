/**
 * An upload end to end below the UI, against the sandbox: a CSV of contact updates (by email, with
 * accents and other casing in its headers, one invalid value, one unknown email, one unchanged row)
 * is checked, dry-run into a draft submission of exactly the changed cells, and run; HubSpot then
 * holds exactly those changes, and the results name every row's fate.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareEnv } from "../../tests/support/access-token.suite";
import type { Session } from "../auth/session";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import { actorOf } from "../auth/actor";

const dataDir = prepareEnv();
type Stored = { id: string; properties: Record<string, string | null> };

describe("upload flow", () => {
  let sb: RunningSandbox;
  let session: Session;
  const contacts = async () => (await (await fetch(`${sb.url}/__sandbox/records/contacts`)).json()) as Stored[];

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, counts: { campaigns: 10, contacts: 60 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
    ({ session } = await (await import("../../tests/support/test-connection")).insertTestConnection(sb));
  });

  afterAll(async () => {
    const { stopJobQueue } = await import("../queue/queue");
    await stopJobQueue({ graceful: false });
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("checks, dry-runs and runs a contacts update by email", async () => {
    const before = await contacts();
    const rows = before.slice(0, 6);
    const lines = [
      "E-mail;Job title;Lifecycle stage",
      ...rows.slice(0, 4).map((c, i) => `${c.properties.email!.toUpperCase()};Uploaded title ${i};customer`),
      `${rows[4]!.properties.email};${rows[4]!.properties.jobtitle ?? ""};${rows[4]!.properties.lifecyclestage ?? ""}`, // unchanged
      `${rows[5]!.properties.email};Bad stage;not-a-stage`, // invalid
      "nobody@nowhere.example;Ghost;lead", // unknown email
    ];
    const dir = path.join(dataDir, "uploads");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "contacts.csv");
    writeFileSync(file, `\uFEFF${lines.join("\r\n")}\r\n`);

    const { openUpload } = await import("./parse/open-upload");
    const { insertUpload, findUpload } = await import("./upload-store");
    const service = await import("./service");
    const opened = await openUpload(file, { fileName: "contacts.csv" });
    const id = await insertUpload(actorOf(session), {
      fileName: "contacts.csv",
      kind: opened.kind,
      sizeBytes: 1,
      storedPath: file,
      sheets: opened.sheets,
      sheet: null,
      headers: opened.headers,
      rowCount: opened.rowCount,
      delimiter: opened.delimiter,
    });
    const upload = (await findUpload(id, session.connection.portalId))!;

    const target = { type: "crm" as const, objectType: "contacts" };
    const suggested = await service.suggestMapping(actorOf(session), upload, target);
    expect(suggested.mapping).toEqual({
      "E-mail": "email",
      "Job title": "jobtitle",
      "Lifecycle stage": "lifecyclestage",
    });
    const settings = {
      target,
      mode: "update" as const,
      keyColumn: "email",
      mapping: suggested.mapping,
      options: {
        dateFormat: "auto" as const,
        timeZone: "Europe/Berlin",
        decimalSeparator: "." as const,
        booleanTrue: ["true"],
        booleanFalse: ["false"],
        emptyMeans: "leave" as const,
      },
    };

    const check = await service.checkUpload(actorOf(session), upload, settings);
    expect(check).toMatchObject({ total: 7, valid: 6, invalid: 1, mappingErrors: [] });
    expect(check.firstErrors[0]).toMatchObject({ row: 6, header: "Lifecycle stage", value: "not-a-stage" });

    await fetch(`${sb.url}/__sandbox/requests`, { method: "DELETE" });
    const dry = await service.dryRunUpload(actorOf(session), upload, settings);
    expect(dry).toMatchObject({ updates: 4, creates: 0, unchanged: 1, invalid: 1 });
    expect(dry.notFound.map((n) => n.key)).toEqual(["nobody@nowhere.example"]);
    expect(dry.sample).toContainEqual(expect.objectContaining({ property: "jobtitle", after: "Uploaded title 0" }));

    const store = await import("../submissions/store");
    // asOf is the dry run's load time (taken before its batch read), never after the read, and never
    // before the record's own updatedAt: the engine's "changed since" scan starts there.
    const log = (await (await fetch(`${sb.url}/__sandbox/requests`)).json()) as { at: string; path: string }[];
    const readAt = Date.parse(log.find((r) => r.path.endsWith("/batch/read"))!.at);
    const planned = await store.submissionResultRows(dry.submissionId);
    expect(planned).toHaveLength(4);
    for (const r of planned) {
      const asOf = Date.parse(r.baseline!.asOf!);
      expect(asOf).toBeGreaterThan(Date.parse(r.baseline!.updatedAt)); // seeded long before: the load time is later
      expect(asOf).toBeLessThanOrEqual(readAt);
    }

    const runner = await import("../submissions/runner");
    // A dry run is not history until it runs.
    expect((await store.listSubmissions(session.connection.portalId)).map((s) => s.id)).not.toContain(dry.submissionId);
    await store.setSubmissionState(dry.submissionId, "running");
    await fetch(`${sb.url}/__sandbox/requests`, { method: "DELETE" });
    expect(await runner.runSubmission(dry.submissionId)).toBe("done");
    const view = (await store.submissionView(dry.submissionId, session.connection.portalId))!;
    expect(view.counts).toMatchObject({ saved: 4, failed: 0 });
    // The dry run found the records by email: the run writes by their ids, without reading the
    // emails again (one request a batch, not two).
    const run = (await (await fetch(`${sb.url}/__sandbox/requests`)).json()) as {
      path: string;
      requestBody?: { idProperty?: string; inputs?: { id: string }[] };
    }[];
    expect(run.filter((r) => r.path.endsWith("/batch/read") && r.requestBody?.idProperty)).toEqual([]);
    const writes = run.filter((r) => r.path.endsWith("/batch/update"));
    expect(writes.flatMap((r) => r.requestBody!.inputs!.map((i) => i.id)).sort()).toEqual(
      rows
        .slice(0, 4)
        .map((c) => c.id)
        .sort(),
    );
    expect((await store.listSubmissions(session.connection.portalId)).map((s) => s.id)).toContain(dry.submissionId);

    const after = new Map((await contacts()).map((c) => [c.id, c]));
    rows.slice(0, 4).forEach((c, i) => {
      expect(after.get(c.id)!.properties.jobtitle).toBe(`Uploaded title ${i}`);
      expect(after.get(c.id)!.properties.lifecyclestage).toBe("customer");
    });
    for (const c of before.slice(4)) expect(after.get(c.id)!.properties).toEqual(c.properties);

    // The results keep the file's columns next to each row's fate.
    const results = await store.submissionResultRows(dry.submissionId);
    expect(results.map((r) => r.sourceRow)).toEqual([1, 2, 3, 4]);
    expect(results[0]!.source).toEqual([rows[0]!.properties.email!.toUpperCase(), "Uploaded title 0", "customer"]);
    expect(await store.uploadHeadersFor(dry.submissionId)).toEqual(["E-mail", "Job title", "Lifecycle stage"]);
  });

  it("gives a semicolon file its results with semicolons, and takes our guard apostrophes off when they come back (issue 11, item 11)", async () => {
    const { openUpload } = await import("./parse/open-upload");
    const { insertUpload, findUpload } = await import("./upload-store");
    const service = await import("./service");
    const { resultsDownload } = await import("./export/results-download");
    const runner = await import("../submissions/runner");
    const store = await import("../submissions/store");
    const upload = async (name: string, text: string) => {
      const file = path.join(dataDir, "uploads", name);
      writeFileSync(file, text);
      const opened = await openUpload(file, { fileName: name });
      const id = await insertUpload(actorOf(session), {
        fileName: name,
        kind: opened.kind,
        sizeBytes: 1,
        storedPath: file,
        sheets: [],
        sheet: null,
        headers: opened.headers,
        rowCount: opened.rowCount,
        delimiter: opened.delimiter,
      });
      return (await findUpload(id, session.connection.portalId))!;
    };
    const options = {
      dateFormat: "auto" as const,
      timeZone: "UTC",
      decimalSeparator: "," as const,
      booleanTrue: ["true"],
      booleanFalse: ["false"],
      emptyMeans: "leave" as const,
    };
    const settings = {
      target: { type: "campaigns" as const },
      mode: "create" as const,
      keyColumn: "hs_name",
      mapping: { Name: "hs_name", Audience: "hs_audience", Notes: "hs_notes" },
      options,
    };

    const first = await upload(
      "semi.csv",
      "Name;Audience;Notes\r\nSemi launch A;+1 audience;a, b\r\nSemi launch B;=1+2;c\r\n",
    );
    await service.checkUpload(actorOf(session), first, settings);
    const dry = await service.dryRunUpload(
      actorOf(session),
      (await findUpload(first.id, session.connection.portalId))!,
      settings,
    );
    await store.setSubmissionState(dry.submissionId, "running");
    expect(await runner.runSubmission(dry.submissionId)).toBe("done");

    const csv = await resultsDownload({ id: dry.submissionId, createdAt: new Date() }, "csv");
    expect(csv.name).toMatch(/\.csv$/);
    const lines = (csv.body as string).slice(1).split("\r\n");
    expect(lines[0]).toBe("Name;Audience;Notes;Batchboard status;HubSpot ID;Error category;Error");
    expect(lines[1]).toMatch(/^Semi launch A;'\+1 audience;a, b;Saved;[0-9a-f-]+;;$/);

    // The results file, renamed rows and all, uploaded again as a create: the values are as first written.
    const again = await upload(
      "semi-results.csv",
      `\uFEFF${lines.join("\r\n").replaceAll("Semi launch", "Semi relaunch")}`,
    );
    const dry2 = await service.dryRunUpload(actorOf(session), again, settings);
    expect((await store.submissionResultRows(dry2.submissionId)).map((r) => r.sent)).toEqual([
      { hs_name: "Semi relaunch A", hs_audience: "+1 audience", hs_notes: "a, b" },
      { hs_name: "Semi relaunch B", hs_audience: "=1+2", hs_notes: "c" },
    ]);
  });

  it("dry-runs a create: names and emails HubSpot already has are flagged, new rows sampled as sent (issue 11, item 11)", async () => {
    const { insertUpload, findUpload } = await import("./upload-store");
    const service = await import("./service");
    const upload = async (name: string, headers: string[], lines: string[]) => {
      const file = path.join(dataDir, "uploads", name);
      writeFileSync(file, `${[headers.join(","), ...lines].join("\n")}\n`);
      const id = await insertUpload(actorOf(session), {
        fileName: name,
        kind: "csv",
        sizeBytes: 1,
        storedPath: file,
        sheets: [],
        sheet: null,
        headers,
        rowCount: lines.length,
      });
      return (await findUpload(id, session.connection.portalId))!;
    };
    const options = {
      dateFormat: "auto" as const,
      timeZone: "UTC",
      decimalSeparator: "." as const,
      booleanTrue: ["true"],
      booleanFalse: ["false"],
      emptyMeans: "leave" as const,
    };
    const campaigns = (await (await fetch(`${sb.url}/__sandbox/records/campaigns`)).json()) as Stored[];
    const taken = campaigns.map((c) => c.properties.hs_name!).slice(0, 2);

    const file = await upload(
      "create.csv",
      ["Campaign name", "Start", "Audience"],
      [
        `${taken[0]!.toUpperCase()},6/3/2027,Existing`,
        "Brand new one,6/3/2027,New",
        `${taken[1]},11/26/2027,Existing too`,
        "Second new one,11/26/2027,",
      ],
    );
    const suggested = await service.suggestMapping(actorOf(session), file, { type: "campaigns" }, "create");
    expect(suggested.mapping).toEqual({ "Campaign name": "hs_name", Start: "hs_start_date", Audience: "hs_audience" });
    await fetch(`${sb.url}/__sandbox/requests`, { method: "DELETE" });
    const dry = await service.dryRunUpload(actorOf(session), file, {
      target: { type: "campaigns" },
      mode: "create",
      keyColumn: "hs_name",
      mapping: suggested.mapping,
      options,
    });
    expect(dry).toMatchObject({ creates: 2, existsCount: 2, invalid: 0 });
    expect(dry.exists).toEqual([
      { row: 1, key: taken[0]!.toUpperCase(), id: campaigns[0]!.id },
      { row: 3, key: taken[1], id: campaigns[1]!.id },
    ]);
    expect(dry.createSample).toEqual([
      {
        row: 2,
        name: "Brand new one",
        properties: { hs_name: "Brand new one", hs_start_date: "2027-06-03", hs_audience: "New" },
      },
      { row: 4, name: "Second new one", properties: { hs_name: "Second new one", hs_start_date: "2027-11-26" } },
    ]);
    // The names are looked up in one read of the (short) list, through the limiter, not once each.
    const log = (await (await fetch(`${sb.url}/__sandbox/requests`)).json()) as { method: string; path: string }[];
    expect(log.filter((r) => r.method === "GET" && r.path.startsWith("/marketing/campaigns"))).toHaveLength(1);

    const { submissionResultRows } = await import("../submissions/store");
    expect((await submissionResultRows(dry.submissionId)).map((r) => r.sent.hs_name)).toEqual([
      "Brand new one",
      "Second new one",
    ]);

    const someone = (await contacts())[20]!;
    const people = await upload(
      "people.csv",
      ["Email", "First name"],
      [`${someone.properties.email!.toUpperCase()},Known`, "brand.new@example.com,New"],
    );
    const dry2 = await service.dryRunUpload(actorOf(session), people, {
      target: { type: "crm", objectType: "contacts" },
      mode: "create",
      keyColumn: "email",
      mapping: { Email: "email", "First name": "firstname" },
      options,
    });
    expect(dry2).toMatchObject({ creates: 1, existsCount: 1, exists: [{ row: 1, id: someone.id }] });
  });

  it("runs the dry run as a job: the upload stores its result, or why it failed", async () => {
    const file = path.join(dataDir, "uploads", "job.csv");
    const c = (await contacts())[10]!;
    writeFileSync(file, `Email,Job title\n${c.properties.email},From a job\n`);
    const { insertUpload, findUpload } = await import("./upload-store");
    const { dryRunJob } = await import("./dry-run-job");
    const id = await insertUpload(actorOf(session), {
      fileName: "job.csv",
      kind: "csv",
      sizeBytes: 1,
      storedPath: file,
      sheets: [],
      sheet: null,
      headers: ["Email", "Job title"],
      rowCount: 1,
    });
    const options = {
      dateFormat: "auto" as const,
      timeZone: "UTC",
      decimalSeparator: "." as const,
      booleanTrue: ["true"],
      booleanFalse: ["false"],
      emptyMeans: "leave" as const,
    };
    const job = (settings: unknown) =>
      ({
        id: "j",
        name: "upload-dry-run",
        data: { uploadId: id, settings },
        retryCount: 0,
        retryLimit: 0,
        signal: new AbortController().signal,
      }) as never;

    await dryRunJob(
      job({
        target: { type: "crm", objectType: "contacts" },
        mode: "update",
        keyColumn: "email",
        mapping: { Email: "email", "Job title": "jobtitle" },
        options,
      }),
    );
    expect((await findUpload(id, session.connection.portalId))!.dryRun).toMatchObject({
      state: "done",
      updates: 1,
      creates: 0,
    });

    // A mapping that cannot run (no key column mapped) is stored as a failure the page can show.
    await dryRunJob(
      job({
        target: { type: "crm", objectType: "contacts" },
        mode: "update",
        keyColumn: "email",
        mapping: { "Job title": "jobtitle" },
        options,
      }),
    );
    expect((await findUpload(id, session.connection.portalId))!.dryRun).toMatchObject({
      state: "failed",
      code: "invalid_input",
      message: expect.stringMatching(/Email/),
    });
  });

  it("reports a campaign changed in HubSpot between the dry run and the import as a conflict, not overwritten (issue 11, item 6)", async () => {
    const campaigns = (await (await fetch(`${sb.url}/__sandbox/records/campaigns`)).json()) as Stored[];
    const picked = campaigns.slice(0, 3);
    const file = path.join(dataDir, "uploads", "campaigns.csv");
    writeFileSync(file, `Campaign ID,Notes\n${picked.map((c, i) => `${c.id},Imported note ${i}`).join("\n")}\n`);
    const { insertUpload, findUpload } = await import("./upload-store");
    const service = await import("./service");
    const id = await insertUpload(actorOf(session), {
      fileName: "campaigns.csv",
      kind: "csv",
      sizeBytes: 1,
      storedPath: file,
      sheets: [],
      sheet: null,
      headers: ["Campaign ID", "Notes"],
      rowCount: 3,
    });
    const dry = await service.dryRunUpload(actorOf(session), (await findUpload(id, session.connection.portalId))!, {
      target: { type: "campaigns" },
      mode: "update",
      keyColumn: "__id",
      mapping: { "Campaign ID": "__id", Notes: "hs_notes" },
      options: {
        dateFormat: "auto",
        timeZone: "UTC",
        decimalSeparator: ".",
        booleanTrue: ["true"],
        booleanFalse: ["false"],
        emptyMeans: "leave",
      },
    });
    expect(dry).toMatchObject({ updates: 3 });

    // After the dry run, someone edits the second campaign's notes in HubSpot.
    const token = sb.ctx.issueTokens({
      portalId: session.connection.portalId,
      scopes: sb.ctx.knownScopes(),
      expiresIn: 3600,
    }).access_token;
    const patched = await fetch(`${sb.url}/marketing/campaigns/2026-03/${picked[1]!.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ properties: { hs_notes: "Changed in HubSpot" } }),
    });
    expect(patched.status).toBe(200);

    const store = await import("../submissions/store");
    await store.setSubmissionState(dry.submissionId, "running");
    expect(await (await import("../submissions/runner")).runSubmission(dry.submissionId)).toBe("done");
    const view = (await store.submissionView(dry.submissionId, session.connection.portalId))!;
    expect(view.counts).toMatchObject({ saved: 2, conflict: 1, failed: 0 });
    const conflict = view.outcomes.find((o) => o.status === "conflict");
    expect(conflict).toMatchObject({
      status: "conflict",
      current: { id: picked[1]!.id, properties: { hs_notes: "Changed in HubSpot" } },
    });
    const after = new Map(
      ((await (await fetch(`${sb.url}/__sandbox/records/campaigns`)).json()) as Stored[]).map((c) => [c.id, c]),
    );
    expect(after.get(picked[1]!.id)!.properties.hs_notes).toBe("Changed in HubSpot");
    expect(after.get(picked[0]!.id)!.properties.hs_notes).toBe("Imported note 0");
    expect(after.get(picked[2]!.id)!.properties.hs_notes).toBe("Imported note 2");
  });

  it("dry-runs marketing event updates with one pass over the event list", async () => {
    const events = (await (await fetch(`${sb.url}/__sandbox/records/marketing-events`)).json()) as {
      objectId: string;
      eventOrganizer?: string;
    }[];
    const file = path.join(dataDir, "uploads", "events.csv");
    writeFileSync(
      file,
      `Event ID,Organizer\n${events
        .slice(0, 40)
        .map((e) => `${e.objectId},Dry run org`)
        .join("\n")}\n`,
    );
    const { insertUpload, findUpload } = await import("./upload-store");
    const service = await import("./service");
    const id = await insertUpload(actorOf(session), {
      fileName: "events.csv",
      kind: "csv",
      sizeBytes: 1,
      storedPath: file,
      sheets: [],
      sheet: null,
      headers: ["Event ID", "Organizer"],
      rowCount: 40,
    });
    await fetch(`${sb.url}/__sandbox/requests`, { method: "DELETE" });
    const dry = await service.dryRunUpload(actorOf(session), (await findUpload(id, session.connection.portalId))!, {
      target: { type: "marketing-events", apiVersion: "2026-03" },
      mode: "update",
      keyColumn: "__id",
      mapping: { "Event ID": "__id", Organizer: "eventOrganizer" },
      options: {
        dateFormat: "auto",
        timeZone: "UTC",
        decimalSeparator: ".",
        booleanTrue: ["true"],
        booleanFalse: ["false"],
        emptyMeans: "leave",
      },
    });
    expect(dry).toMatchObject({ updates: 40, notFoundCount: 0 });
    const log = (await (await fetch(`${sb.url}/__sandbox/requests`)).json()) as { method: string; path: string }[];
    // 120 seeded events: two list pages at most, never one read per event or per batch.
    expect(log.filter((r) => r.path.startsWith("/marketing/marketing-events/2026-03")).length).toBeLessThanOrEqual(2);
  });
});
