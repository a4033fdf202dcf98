import "server-only";
import type { z } from "zod";
import type { JobContract } from "../queue/contract";
import type { Job, QueueSettings, WorkOptions } from "../queue/queue";
import type { JobHandlers } from "../queue/worker";

/**
 * One background job: its contract (queue name and payload schema, declared beside its sender), its
 * retry/expiry policy, how a process works it, and its handler, loaded on the first job so that
 * reading the list of jobs loads no feature code.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  contract: JobContract<S>;
  /** Created/updated before working (default: the queue's existing settings, or IMPORT_QUEUE_DEFAULTS). */
  policy?: QueueSettings;
  work: WorkOptions;
  handler: () => Promise<(job: Job<z.output<S>>) => Promise<unknown>>;
}

export const defineJob = <S extends z.ZodType>(d: JobDefinition<S>) => d;

/**
 * The definitions as the workers take them: each job's payload checked against its schema (a job
 * that does not match fails with the schema's message rather than running on bad data), then handed
 * to its handler.
 */
export function workerHandlers(definitions: readonly JobDefinition[]): JobHandlers {
  return Object.fromEntries(
    definitions.map((d) => [
      d.contract.name,
      {
        options: d.work,
        queue: d.policy,
        handler: async (job: Job<unknown>) => {
          const data = d.contract.payload.parse(job.data);
          return (await d.handler())({ ...job, data });
        },
      },
    ]),
  );
}
