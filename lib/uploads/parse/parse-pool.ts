import "server-only";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import { env } from "../../config/env";
import { UploadParseError } from "../types";
import { type OpenedUpload, readScanned, type UploadScan } from "./open-upload";

/*
 * Uploads are first read (checked, measured) in worker threads, so that a hostile or simply huge
 * file cannot take the server down with it (issue 11, item 1): each worker has a heap limit, a
 * read has a time limit, at most UPLOAD_PARSERS run at once and a few more wait. A worker that runs
 * out of memory or time is ended and the user told why; the server, its jobs and everyone else's
 * uploads carry on. Later reads of an accepted file (preview, check, dry run) stream in the server
 * itself: the file has passed the limits by then, so what one holds is bounded (the largest
 * workbook: about 280 MB at its peak, see the README), and at most UPLOAD_PARSERS run at once.
 */

/** Reads waiting for a worker, beyond which a new one is refused at once. */
const MAX_WAITING = 20;
const IDLE_MS = 60_000;
// Out of the bundler's sight: Turbopack takes `new Worker(…)` of an imported Worker for a worker
// entry to bundle (with a computed path, the whole project). The script runs from the source tree.
const WORKER_SCRIPT = path.join(
  /* turbopackIgnore: true */ process.cwd(),
  "lib",
  "uploads",
  "parse",
  "parse-worker.mjs",
);
const { Worker: WorkerThread } = process.getBuiltinModule("node:worker_threads");

type Reply = { ok: true; scan: UploadScan } | { ok: false; code?: UploadParseError["code"]; message: string };
interface Job {
  file: string;
  opts: { fileName: string; sheet?: string };
  resolve(scan: UploadScan): void;
  reject(err: unknown): void;
}

const outOfMemory = (mb: number) =>
  new UploadParseError(
    "too_large",
    `Reading this file needed more than ${mb} MB of memory, more than one upload may use. Split it into smaller files (or save it as CSV) and upload them one by one.`,
  );
const outOfTime = (seconds: number) =>
  new UploadParseError(
    "too_large",
    `Reading this file took longer than ${seconds >= 120 ? `${Math.round(seconds / 60)} minutes` : `${seconds} seconds`}, the most one upload may take. Split it into smaller files and upload them one by one.`,
  );
const busy = () => new UploadParseError("busy", "The server is busy reading other files. Try again in a minute.");

export class ParsePool {
  private readonly idle: Worker[] = [];
  private readonly waiting: Job[] = [];
  private running = 0;

  constructor(
    private readonly limits: {
      parsers: number;
      memoryMb: number;
      seconds: number;
      waiting?: number;
      idleMs?: number;
      script?: string;
    },
  ) {}

  /** Idle workers kept for the next file (tests). */
  get idleWorkers(): number {
    return this.idle.length;
  }

  /** The first read of an upload, in a worker. Rejects with an UploadParseError the user can read. */
  scan(file: string, opts: { fileName: string; sheet?: string }): Promise<UploadScan> {
    return new Promise((resolve, reject) => {
      if (this.running >= this.limits.parsers && this.waiting.length >= (this.limits.waiting ?? MAX_WAITING))
        return reject(busy());
      this.waiting.push({ file, opts, resolve, reject });
      this.next();
    });
  }

  /** Ends the idle workers (tests, benchmarks); running reads finish first. */
  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((w) => w.terminate()));
  }

  private next() {
    while (this.running < this.limits.parsers && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running++;
      void this.run(job).finally(() => {
        this.running--;
        this.next();
      });
    }
  }

  private spawn(): Worker {
    const worker = new WorkerThread(this.limits.script ?? WORKER_SCRIPT, {
      resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb },
    });
    // A worker's 'error' with no listener would be thrown in the server; each run listens for its own.
    worker.on("error", () => {});
    worker.once("exit", () => {
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
    });
    return worker;
  }

  private run(job: Job): Promise<void> {
    const worker = this.idle.pop() ?? this.spawn();
    worker.ref();
    return new Promise((done) => {
      let settled = false;
      const finish = (keep: boolean, outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
        if (keep) {
          worker.unref(); // an idle worker does not keep the process alive
          this.idle.push(worker);
          // Kept a minute for the next file (starting one takes about a second), then its memory is given back.
          setTimeout(() => {
            const at = this.idle.indexOf(worker);
            if (at >= 0) void this.idle.splice(at, 1)[0]!.terminate();
          }, this.limits.idleMs ?? IDLE_MS).unref();
        } else void worker.terminate();
        outcome();
        done();
      };
      const onMessage = (reply: Reply) =>
        finish(true, () => {
          if (reply.ok) job.resolve(reply.scan);
          else
            job.reject(
              reply.code
                ? new UploadParseError(reply.code, reply.message)
                : new Error(`parse worker: ${reply.message}`),
            );
        });
      const onError = (err: Error & { code?: string }) =>
        finish(false, () =>
          job.reject(err.code === "ERR_WORKER_OUT_OF_MEMORY" ? outOfMemory(this.limits.memoryMb) : err),
        );
      const onExit = (code: number) =>
        finish(false, () => job.reject(new Error(`parse worker exited (${code}) while reading`)));
      const timer = setTimeout(
        () => finish(false, () => job.reject(outOfTime(this.limits.seconds))),
        this.limits.seconds * 1000,
      );
      worker.on("message", onMessage).on("error", onError).on("exit", onExit);
      worker.postMessage({ path: job.file, fileName: job.opts.fileName, sheet: job.opts.sheet });
    });
  }
}

/** At most `size` holders at once; the others wait their turn (a job's re-read is never refused). */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(size: number) {
    this.free = size;
  }
  async take(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}

/** `opened` whose re-reads each hold one of `slots` while they run. */
export function withReadSlots(opened: OpenedUpload, slots: Slots): OpenedUpload {
  return {
    ...opened,
    rows: (batchSize) => ({
      async *[Symbol.asyncIterator]() {
        const release = await slots.take();
        try {
          yield* opened.rows(batchSize);
        } finally {
          release();
        }
      },
    }),
  };
}

// One pool per server process (kept on globalThis: Next's dev server may load this module twice).
const shared = globalThis as { batchboardParsePool?: ParsePool; batchboardReadSlots?: Slots };
function pool(): ParsePool {
  const e = env();
  return (shared.batchboardParsePool ??= new ParsePool({
    parsers: e.UPLOAD_PARSERS,
    memoryMb: e.UPLOAD_PARSE_MEMORY_MB,
    seconds: e.UPLOAD_PARSE_SECONDS,
  }));
}

/** `openUpload` with its first read in a parse worker: what the server uses for every upload. */
export async function openUploadInWorker(
  file: string,
  opts: { fileName: string; sheet?: string },
): Promise<OpenedUpload> {
  const scan = await pool().scan(file, opts);
  return withReadSlots(readScanned(file, scan), (shared.batchboardReadSlots ??= new Slots(env().UPLOAD_PARSERS)));
}
