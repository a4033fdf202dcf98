/**
 * A paced client (`pace`): every attempt — retries included — takes a slot of its kind from the
 * portal's limiter before it is sent, and the limiter sees every answer.
 */
import { describe, expect, it } from "vitest";
import type { AcquireKind, RateLimiter } from "../batch/rate-limiter";
import { HubSpotHttpClient } from "./http-client";

function recordingLimiter() {
  const log: string[] = [];
  const limiter: RateLimiter = {
    acquire: async (_signal?: AbortSignal, kind?: AcquireKind) => void log.push(`acquire ${kind}`),
    observe: (res) => void log.push(`observe ${res.status}`),
  };
  return { log, limiter };
}

describe("HubSpotHttpClient with pace", () => {
  it("takes a browse slot before each attempt and reports each answer", async () => {
    const { log, limiter } = recordingLimiter();
    const answers = [new Response("{}", { status: 429 }), new Response('{"ok":true}', { status: 200 })];
    const client = new HubSpotHttpClient({
      apiBase: "http://hubspot.test",
      fetch: async () => {
        log.push("fetch");
        return answers.shift()!;
      },
      sleep: async () => {},
      pace: { limiter, kind: "browse" },
    });
    expect(await client.request("/marketing/campaigns/2026-03")).toEqual({ ok: true });
    expect(log).toEqual(["acquire browse", "fetch", "observe 429", "acquire browse", "fetch", "observe 200"]);
  });

  it("takes no slot without pace (the caller paces)", async () => {
    const { log } = recordingLimiter();
    const client = new HubSpotHttpClient({
      apiBase: "http://hubspot.test",
      fetch: async () => new Response("{}", { status: 200 }),
    });
    await client.request("/marketing/campaigns/2026-03");
    expect(log).toEqual([]);
  });
});
