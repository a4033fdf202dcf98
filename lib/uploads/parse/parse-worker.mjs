/*
 * A parse worker (see parse-pool.ts): reads uploads one at a time for the server, under the memory
 * limit the pool gives it. Plain JavaScript so that it starts the same under `next dev`, `next start`,
 * vitest and tsx; it loads the TypeScript parser through tsx.
 */
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { scanUpload } = await import("./open-upload.ts");
const { UploadParseError } = await import("../types.ts");

parentPort.on("message", async ({ path, fileName, sheet }) => {
  try {
    parentPort.postMessage({ ok: true, scan: await scanUpload(path, { fileName, sheet }) });
  } catch (err) {
    if (err instanceof UploadParseError) parentPort.postMessage({ ok: false, code: err.code, message: err.message });
    else
      parentPort.postMessage({
        ok: false,
        message: err instanceof Error ? `${err.message}\n${err.stack ?? ""}` : String(err),
      });
  }
});
