import "server-only";
import { runBatch } from "../batch/engine";
import { limiterForPortal } from "../batch/rate-limiter";
import { adapterFor } from "../hubspot/adapter-for";
import { clientForConnection } from "../hubspot/client-for-connection";
import type { ResourceRef } from "../resources/ref";
import { finishSubmission, markSaving, recordOutcomes, unfinishedOperations } from "./store";

/**
 * Runs submissions in this process, in the background of the request that created them; the grid
 * polls the database for progress. A submission left "running" by a restart is resumed by the next
 * poll (updates are idempotent; creates that were already "saving" are looked up by name before
 * anything is re-sent, so a resumed submission never creates a campaign twice).
 * Durable multi-process jobs replace this with the upload jobs (issue 5).
 */
const running = new Map<string, Promise<void>>();

export interface RunnerTarget {
  submissionId: string;
  resource: ResourceRef;
  connection: { id: string; apiBase: string; portalId: number };
}

export function isRunning(submissionId: string) {
  return running.has(submissionId);
}

export function startRunner(t: RunnerTarget): Promise<void> {
  const existing = running.get(t.submissionId);
  if (existing) return existing;
  const run = execute(t)
    .catch((err) => console.error(`[submissions] ${t.submissionId} stopped`, err))
    .finally(() => running.delete(t.submissionId));
  running.set(t.submissionId, run);
  return run;
}

async function execute({ submissionId, resource, connection }: RunnerTarget) {
  const adapter = adapterFor(resource);
  const { ops, maybeSent } = await unfinishedOperations(submissionId);
  await runBatch(ops, {
    maybeSent,
    adapter,
    client: clientForConnection(connection),
    limiter: limiterForPortal(connection.portalId),
    onSaving: (keys) => void markSaving(submissionId, keys).catch((e) => console.error("[submissions] markSaving", e)),
    onOutcomes: (outcomes) => recordOutcomes(submissionId, outcomes),
  });
  await finishSubmission(submissionId);
}
