import type { z } from "zod";

/**
 * What the batch engine needs from an HTTP client: requests, and how a failed attempt is treated.
 * The engine and its adapters' wrapper depend on this interface only; lib/hubspot's
 * HubSpotHttpClient implements it (with HubSpot's retry policy, lib/hubspot/retry-policy.ts).
 */
export interface RequestOptions<T> {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  query?: Record<string, string | number | string[] | undefined>;
  body?: unknown;
  schema?: z.ZodType<T>;
  /** Retry 5xx/network failures too (reads, and writes that are idempotent). */
  idempotent?: boolean;
  maxAttempts?: number;
  signal?: AbortSignal;
  /** Sees every HTTP response (headers: Retry-After, rate-limit headers), e.g. for a rate limiter. */
  onResponse?: (res: Response) => void;
}

/** What to do after a failed attempt: retry after a wait, pause the job until a time, an unknown outcome, or a rejection. */
export type FailureVerdict =
  | { kind: "retry"; waitMs: number }
  | { kind: "pause"; resumeAt: Date; daily: boolean; status: number }
  | { kind: "unknown" }
  | { kind: "rejected" };

export type PauseVerdict = Extract<FailureVerdict, { kind: "pause" }>;

/** A failed attempt that was an answer: its status, body and message, and the verdict on it. */
export interface FailedAnswer {
  status: number;
  body: unknown;
  message: string;
  verdict: FailureVerdict;
}

export interface BatchClient {
  request<T = unknown>(path: string, options?: RequestOptions<T>): Promise<T>;
  /** The verdict on a failed attempt; undefined when it was not an answer (a network error, a body that could not be read). */
  classifyFailure(error: unknown, facts: { idempotent: boolean; attempt: number }): FailedAnswer | undefined;
  /** The wait before retrying a failure that had no answer (network errors). */
  backoff(attempt: number): number;
}
