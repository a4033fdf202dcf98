import "server-only";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { dataDir } from "../config/env";
import { MAX_UPLOAD_BYTES, UploadParseError } from "./types";

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * Streams a request body to DATA_DIR/uploads, stopping at the size limit, so a 50 MB file never
 * sits in memory whole. Returns the stored path; on any failure nothing is left on disk.
 */
export async function storeUploadBody(
  body: ReadableStream<Uint8Array>,
  fileName: string,
): Promise<{ path: string; size: number }> {
  const dir = path.join(dataDir(), "uploads");
  await mkdir(dir, { recursive: true });
  const ext = path
    .extname(fileName)
    .toLowerCase()
    .replace(/[^.a-z0-9]/g, "")
    .slice(0, 8);
  const target = path.join(dir, `${randomUUID()}${ext}`);
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES)
        done(
          new UploadParseError(
            "too_large",
            `“${fileName}” is larger than ${mb(MAX_UPLOAD_BYTES)}. Split it into smaller files, or remove columns you do not need.`,
          ),
        );
      else done(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(body as import("node:stream/web").ReadableStream),
      limit,
      createWriteStream(target),
    );
    return { path: target, size };
  } catch (err) {
    await rm(target, { force: true });
    throw err;
  }
}
