/** Shared by the parse tests: a temp dir per test file, and small helpers to read an upload whole. */
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { existsSync, readdirSync, realpathSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { UploadParseError } from "../types";
import type { OpenedUpload } from "./open-upload";

/** A fresh directory removed after the test file; `put` writes a file into it and returns its path. */
export function corpusDir(prefix: string) {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const ready = async () => (dir ??= await mkdtemp(path.join(os.tmpdir(), `batchboard-${prefix}-`)));
  return {
    async file(name: string) {
      return path.join(await ready(), name);
    },
    async put(name: string, content: string | Uint8Array) {
      const p = path.join(await ready(), name);
      await writeFile(p, content);
      return p;
    },
  };
}

/** The error a promise rejects with; fails the test if it resolves or rejects with something else. */
export async function parseFailure(promise: Promise<unknown>): Promise<UploadParseError> {
  let result: unknown;
  try {
    result = await promise;
  } catch (err) {
    if (err instanceof UploadParseError) return err;
    throw err;
  }
  throw new Error(
    `expected an UploadParseError, got ${JSON.stringify(result, (_k, v: unknown) => (typeof v === "function" ? undefined : v))}`,
  );
}

export async function allRows(upload: OpenedUpload, batchSize?: number): Promise<string[][]> {
  const rows: string[][] = [];
  for await (const batch of upload.rows(batchSize)) rows.push(...batch);
  return rows;
}

/**
 * exceljs's temporary files (tmp-<pid>-…) still on disk for this process, allowing a second for the
 * deletions exceljs starts without waiting for them.
 */
export async function leftoverTempFiles(): Promise<string[]> {
  const list = async () =>
    (await readdir(realpathSync(os.tmpdir()))).filter((n) => n.startsWith(`tmp-${process.pid}-`));
  for (let waited = 0; waited < 1_000; waited += 25) {
    if ((await list()).length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return list();
}

/** Open file descriptors of this process (Linux), or undefined where /proc is not there. */
export async function openFileCount(settleMs = 100): Promise<number | undefined> {
  if (!existsSync("/proc/self/fd")) return undefined;
  await new Promise((resolve) => setTimeout(resolve, settleMs)); // closes are asynchronous
  return readdirSync("/proc/self/fd").length;
}
