/**
 * Receiving an upload below the route: a file name with control characters is cleaned, not a 500
 * (issue 11, item 7); a refused file says why and leaves earlier uploads alone (item 1).
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { prepareEnv } from "../../tests/support/access-token.suite";
import type { Session } from "../auth/session";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import { actorOf } from "../auth/actor";

const dataDir = prepareEnv();
const body = (text: string) => new Response(text).body!;

describe("receiveUpload", () => {
  let sb: RunningSandbox;
  let session: Session;

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, counts: { campaigns: 2, contacts: 2 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
    ({ session } = await (await import("../../tests/support/test-connection")).insertTestConnection(sb));
  });

  afterAll(async () => {
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("stores a file whose name holds CR, LF and NUL under the cleaned name, logging nothing", async () => {
    const { receiveUpload } = await import("./receive-upload");
    const { findUpload } = await import("./upload-store");
    const errors = vi.spyOn(console, "error");
    const answer = await receiveUpload(
      actorOf(session),
      body("Email,Name\nann@example.com,Ann\n"),
      encodeURIComponent("con\r\ntacts\u0000\u202e.csv"),
    );
    expect(answer.status).toBe(200);
    const upload = await findUpload((answer.body as { id: string }).id, session.connection.portalId);
    expect(upload).toMatchObject({ fileName: "contacts.csv", rowCount: 1, headers: ["Email", "Name"] });
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it("a workbook whose first sheet holds only a header row is accepted on its sheet with data; any other can be chosen (issue 11, item 11)", async () => {
    const { default: ExcelJS } = await import("exceljs");
    const { receiveUpload } = await import("./receive-upload");
    const { findUpload } = await import("./upload-store");
    const { chooseSheet } = await import("./service");
    const book = new ExcelJS.Workbook();
    book.addWorksheet("Template").addRow(["Email", "Name"]);
    book.addWorksheet("Contacts").addRows([
      ["Email", "Name"],
      ["ann@example.com", "Ann"],
    ]);
    book.addWorksheet("Leads").addRows([["Lead email"], ["bo@example.com"], ["cy@example.com"]]);
    const answer = await receiveUpload(
      actorOf(session),
      new Response(Buffer.from(await book.xlsx.writeBuffer())).body,
      "book.xlsx",
    );
    expect(answer.status).toBe(200);
    const id = (answer.body as { id: string }).id;
    const upload = (await findUpload(id, session.connection.portalId))!;
    expect(upload).toMatchObject({
      sheets: ["Template", "Contacts", "Leads"],
      sheet: "Contacts",
      headers: ["Email", "Name"],
      rowCount: 1,
    });
    expect(await chooseSheet(upload, "Leads")).toMatchObject({ sheet: "Leads", headers: ["Lead email"], rowCount: 2 });
    // The header-only sheet: refused with the reason as a message the page shows, and the upload keeps its sheet.
    const refusal = await chooseSheet((await findUpload(id, session.connection.portalId))!, "Template").catch(
      (e: unknown) => e,
    );
    const { ExpectedActionError } = await import("../actions/result");
    expect(refusal).toBeInstanceOf(ExpectedActionError);
    expect((refusal as Error).message).toMatch(/^The sheet “Template” has a header row but no data rows\./);
    expect(await findUpload(id, session.connection.portalId)).toMatchObject({ sheet: "Leads", rowCount: 2 });
  });

  it("refuses a name with nothing readable left, and a 1,001-column file with the reason, keeping earlier uploads", async () => {
    const { receiveUpload } = await import("./receive-upload");
    const { listUploads } = await import("./upload-store");
    const before = (await listUploads(session.connection.portalId)).map((u) => u.id);
    expect(await receiveUpload(actorOf(session), body("Name\nAnn\n"), encodeURIComponent("\r\n\u0000"))).toMatchObject({
      status: 400,
      body: { code: "invalid_input" },
    });
    const wide = `${Array.from({ length: 1_001 }, (_, i) => `c${i}`).join(",")}\n1\n`;
    const answer = await receiveUpload(actorOf(session), body(wide), "wide.csv");
    expect(answer).toMatchObject({ status: 413, body: { code: "too_large" } });
    expect((answer.body as { message: string }).message).toMatch(/more than 1,000 columns/);
    expect((await listUploads(session.connection.portalId)).map((u) => u.id)).toEqual(before);
  });
});
