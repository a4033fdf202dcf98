import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { jobContract } from "../queue/contract";
import type { Job } from "../queue/queue";
import { defineJob, workerHandlers } from "./define-job";

const job = (data: unknown): Job<unknown> => ({
  id: "j1",
  name: "t",
  data,
  retryCount: 0,
  retryLimit: 0,
  signal: new AbortController().signal,
});

describe("job definitions", () => {
  it("checks the payload against the contract before loading the handler, which runs on the parsed payload", async () => {
    const run = vi.fn(async (j: Job<{ n: number }>) => ({ doubled: j.data.n * 2 }));
    const load = vi.fn(async () => run);
    const handlers = workerHandlers([
      defineJob({
        contract: jobContract("t", z.object({ n: z.coerce.number() })),
        policy: { retryLimit: 0 },
        work: { concurrency: 1 },
        handler: load,
      }),
    ]);
    const spec = handlers.t as Exclude<(typeof handlers)[string], (...a: never[]) => unknown>;
    expect(spec).toMatchObject({ options: { concurrency: 1 }, queue: { retryLimit: 0 } });
    expect(load).not.toHaveBeenCalled();
    await expect(spec.handler(job({ n: "not a number" }))).rejects.toThrow(/number/i);
    expect(load).not.toHaveBeenCalled();
    await expect(spec.handler(job({ n: "21" }))).resolves.toEqual({ doubled: 42 });
    expect(run).toHaveBeenCalledWith(expect.objectContaining({ data: { n: 21 } }));
  });

  it("lists every job once, by the names its senders use, each with a handler that loads", async () => {
    const { jobDefinitions, jobHandlers } = await import("./definitions");
    const names = jobDefinitions.map((d) => d.contract.name);
    expect(names).toEqual([
      "submission",
      "submission-resume",
      "upload-dry-run",
      "revert-plan",
      "view-export",
      "bulk-edit-dry-run",
      "bulk-edit-run",
    ]);
    expect(Object.keys(jobHandlers)).toEqual(names);
    for (const d of jobDefinitions) expect(typeof (await d.handler())).toBe("function");
    const { DryRunJob } = await import("../uploads/dry-run-contract");
    expect(() => DryRunJob.payload.parse({ uploadId: "u1", settings: { target: { type: "nope" } } })).toThrow();
  });
});
