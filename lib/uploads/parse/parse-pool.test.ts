/** The parse worker pool: a file that needs too much memory or time is refused and the server carries on (issue 11, item 1). */
import { afterAll, describe, expect, it } from "vitest";
import { UploadParseError } from "../types";
import { cell, sharedStringsPart, sheetPart, workbookParts, writeZip } from "./hostile-files";
import { scanUpload } from "./open-upload";
import { ParsePool } from "./parse-pool";
import { corpusDir } from "./test-helpers";

const corpus = corpusDir("pool");
const pools: ParsePool[] = [];
const poolOf = (limits: ConstructorParameters<typeof ParsePool>[0]) => {
  const p = new ParsePool(limits);
  pools.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

const failure = async (promise: Promise<unknown>) => {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof UploadParseError)) throw new Error(`expected an UploadParseError, got ${String(err)}`);
  return err;
};

describe("parse pool", () => {
  it("reads in a worker what the server would read in-process, and refuses there too", async () => {
    const pool = poolOf({ parsers: 1, memoryMb: 256, seconds: 60 });
    const p = await corpus.put("a.csv", "Email;Name\nann@example.com;Ann\nbo@example.com;Bo\n");
    expect(await pool.scan(p, { fileName: "a.csv" })).toEqual(await scanUpload(p, { fileName: "a.csv" }));
    const bad = await corpus.put("b.pdf", "%PDF-1.4");
    expect((await failure(pool.scan(bad, { fileName: "b.pdf" }))).code).toBe("wrong_type");
  });

  it("refuses a file that needs more memory than a worker may use, then reads the next file", async () => {
    const pool = poolOf({ parsers: 1, memoryMb: 64, seconds: 120 });
    // 1.9 M distinct-looking strings stay under the count and length limits but need > 64 MB of heap.
    const big = await corpus.file("heap.xlsx");
    await writeZip(big, [
      ...workbookParts(["Data"]),
      sharedStringsPart(`<si><t>${"w".repeat(24)}</t></si>`, 1_900_000),
      sheetPart(1, { head: `<row r="1">${cell("A1", "Name")}</row>` }),
    ]);
    const err = await failure(pool.scan(big, { fileName: "heap.xlsx" }));
    expect(err.code).toBe("too_large");
    expect(err.message).toBe(
      "Reading this file needed more than 64 MB of memory, more than one upload may use. Split it into smaller files (or save it as CSV) and upload them one by one.",
    );
    const small = await corpus.put("after.csv", "Name\nAnn\n");
    expect((await pool.scan(small, { fileName: "after.csv" })).rowCount).toBe(1);
  }, 120_000);

  it("ends a read that takes longer than the time limit", async () => {
    const pool = poolOf({ parsers: 1, memoryMb: 256, seconds: 0.05 });
    const p = await corpus.put("slow.csv", `Name\n${"Ann\n".repeat(10_000)}`);
    expect((await failure(pool.scan(p, { fileName: "slow.csv" }))).message).toBe(
      "Reading this file took longer than 0.05 seconds, the most one upload may take. Split it into smaller files and upload them one by one.",
    );
  });

  it("refuses at once, in plain words, when every parser is busy and the queue is full", async () => {
    const pool = poolOf({ parsers: 1, memoryMb: 256, seconds: 60, waiting: 1 });
    const p = await corpus.put("c.csv", "Name\nAnn\n");
    const first = pool.scan(p, { fileName: "c.csv" });
    const second = pool.scan(p, { fileName: "c.csv" });
    const third = await failure(pool.scan(p, { fileName: "c.csv" }));
    expect(third).toMatchObject({
      code: "busy",
      message: "The server is busy reading other files. Try again in a minute.",
    });
    expect((await first).rowCount).toBe(1);
    expect((await second).rowCount).toBe(1);
  });
});

describe("re-reads of accepted files", () => {
  it("run at most as many at once as there are slots; the next starts when one ends", async () => {
    const { Slots, withReadSlots } = await import("./parse-pool");
    const { openUpload } = await import("./open-upload");
    const p = await corpus.put("r.csv", "Name\nAnn\nBo\n");
    const slots = new Slots(1);
    const opened = withReadSlots(await openUpload(p, { fileName: "r.csv" }), slots);
    const first = opened.rows(1)[Symbol.asyncIterator]();
    expect((await first.next()).value).toEqual([["Ann"]]);
    let secondStarted = false;
    const second = (async () => {
      for await (const batch of opened.rows(1)) {
        secondStarted = true;
        return batch;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(secondStarted).toBe(false);
    await first.return!(undefined); // a preview that stops early gives its slot back
    expect(await second).toEqual([["Ann"]]);
  });
});

describe("UploadParseError across module copies", () => {
  it("is recognised by instanceof when thrown by another copy of the module (Next bundles one per layer)", async () => {
    const copy = (await import(/* @vite-ignore */ `../types.ts?copy=${Date.now()}`)) as typeof import("../types");
    expect(copy.UploadParseError).not.toBe(UploadParseError);
    expect(new copy.UploadParseError("busy", "x")).toBeInstanceOf(UploadParseError);
    expect(new Error("x")).not.toBeInstanceOf(UploadParseError);
  });
});

describe("idle workers", () => {
  it("are ended after a while, and a new one starts for the next file", async () => {
    const pool = poolOf({ parsers: 1, memoryMb: 256, seconds: 60, idleMs: 100 });
    const p = await corpus.put("idle.csv", "Name\nAnn\n");
    await pool.scan(p, { fileName: "idle.csv" });
    expect(pool.idleWorkers).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(pool.idleWorkers).toBe(0);
    expect((await pool.scan(p, { fileName: "idle.csv" })).rowCount).toBe(1);
  });
});
