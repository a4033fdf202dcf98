import "server-only";
import type { z } from "zod";
import { jobQueue, type SendOptions } from "./queue";

/**
 * What a job's sender and its worker agree on: the queue's name and the payload's zod schema. It is
 * declared beside the code that sends the job; the job's definition (lib/jobs/definitions.ts) adds
 * the retry policy and the lazily loaded handler. Senders import only this, so a handler may queue
 * other jobs (a submission queues its resume, the resume queues the submission) without an import cycle.
 */
export interface JobContract<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
}

/** On globalThis: Next bundles instrumentation.ts and the server actions separately. */
const hooks = globalThis as unknown as { __batchboardBeforeSend?: () => Promise<unknown> };

/**
 * Runs before every `sendJob` of this process. lib/jobs/in-process.ts registers the start of the
 * process's workers here, so that a start that failed is tried again by the next job queued, without
 * the services that queue jobs importing the job definitions (whose handlers import those services).
 */
export function beforeEverySend(hook: () => Promise<unknown>) {
  hooks.__batchboardBeforeSend = hook;
}

export const jobContract = <S extends z.ZodType>(name: string, payload: S): JobContract<S> => ({ name, payload });

/** Queues a job on the process-wide queue, its payload checked against the contract first. */
export async function sendJob<S extends z.ZodType>(contract: JobContract<S>, data: z.input<S>, options?: SendOptions) {
  await hooks.__batchboardBeforeSend?.();
  return (await jobQueue()).send(contract.name, contract.payload.parse(data) as object, options);
}
