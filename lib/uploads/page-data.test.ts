/** The uploads pages' view models (issue 13, item 6) and the key column kept in its own column (item 5). */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareEnv } from "../../tests/support/access-token.suite";
import { actorOf } from "../auth/actor";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";

const dataDir = prepareEnv();
type Made = Awaited<ReturnType<typeof import("../../tests/support/test-connection").insertTestConnection>>;

describe("upload page data", () => {
  let sb: RunningSandbox;
  let me: Made;
  let uploadId: string;

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, counts: { contacts: 3 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
    me = await (await import("../../tests/support/test-connection")).insertTestConnection(sb);
    const [contact] = (await (await fetch(`${sb.url}/__sandbox/records/contacts`)).json()) as {
      properties: Record<string, string | null>;
    }[];
    mkdirSync(path.join(dataDir, "uploads"), { recursive: true });
    const file = path.join(dataDir, "uploads", "titles.csv");
    writeFileSync(file, `Email;Job title\n${contact!.properties.email};Head of things\n`);
    const { insertUpload } = await import("./upload-store");
    uploadId = await insertUpload(actorOf(me.session), {
      fileName: "titles.csv",
      kind: "csv",
      sizeBytes: 1,
      storedPath: file,
      sheets: [],
      sheet: null,
      headers: ["Email", "Job title"],
      rowCount: 1,
      delimiter: ";",
    });
  });
  afterAll(async () => {
    await (await import("../queue/queue")).stopJobQueue({ graceful: false });
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("lists the portal's uploads, not run yet", async () => {
    const { uploadsPageData } = await import("./page-data");
    expect((await uploadsPageData(me.session)).uploads).toEqual([
      expect.objectContaining({ id: uploadId, fileName: "titles.csv", rowCount: 1, target: null, submission: null }),
    ]);
  });

  it("keeps the checked key column in key_column (the options keep the delimiter) and hands it to the wizard", async () => {
    const { findUpload } = await import("./upload-store");
    const { checkUpload } = await import("./service");
    const options = {
      dateFormat: "auto" as const,
      timeZone: "UTC",
      decimalSeparator: "." as const,
      booleanTrue: ["true"],
      booleanFalse: ["false"],
      emptyMeans: "leave" as const,
    };
    const target = { type: "crm" as const, objectType: "contacts" };
    await checkUpload(actorOf(me.session), (await findUpload(uploadId, me.portalId))!, {
      target,
      mode: "update",
      keyColumn: "email",
      mapping: { Email: "email", "Job title": "jobtitle" },
      options,
    });
    const stored = (await findUpload(uploadId, me.portalId))!;
    expect(stored.keyColumn).toBe("email");
    expect(stored.options).toEqual({ ...options, delimiter: ";" });

    const { uploadPageData } = await import("./page-data");
    const data = (await uploadPageData(me.session, uploadId))!;
    expect(data.upload).toMatchObject({
      id: uploadId,
      keyColumn: "email",
      mode: "update",
      target,
      options,
      validation: { valid: 1, invalid: 0 },
    });
    expect(data.preview).toBeDefined();
    expect(data).toMatchObject({ portalId: me.portalId, userId: me.user.id, recordIdKey: "__id" });
  });

  it("is null for a malformed id or another portal's upload", async () => {
    const { uploadPageData } = await import("./page-data");
    expect(await uploadPageData(me.session, "../etc")).toBeNull();
    expect(
      await uploadPageData(
        { ...me.session, connection: { ...me.session.connection, portalId: me.portalId + 1 } },
        uploadId,
      ),
    ).toBeNull();
  });
});
