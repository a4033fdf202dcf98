import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EXACTLY_ONCE_CASES, runExactlyOnce } from "../../tests/support/exactly-once";
import { noSleep, sandboxKit, type SandboxKit } from "../../tests/support/sandbox-kit";

/**
 * Every resource and API version, creates and updates, with the answer lost after the write on 1
 * batch in 5 (issue 12; 1,000 rows: at least 5 batches per write path): every row applied exactly once, none duplicated or lost, each shown saved.
 */
let kit: SandboxKit;
beforeAll(async () => {
  kit = await sandboxKit({ campaigns: 1000, counts: { marketingEvents: 1000, contacts: 1000 } });
});
afterAll(async () => kit?.close());
beforeEach(async () => kit.reset());

describe("exactly once under lost responses", () => {
  it.each(EXACTLY_ONCE_CASES.map((c) => [c.label, c] as const))("%s", async (_label, c) => {
    const r = await runExactlyOnce({
      c,
      rows: 1000,
      tag: "Once",
      client: kit.client(),
      limiter: kit.limiter(),
      control: kit.control,
      sleep: noSleep,
    });
    expect({ applied: r.applied, duplicated: r.duplicated, lost: r.lost, notSaved: r.notSaved }).toEqual({
      applied: 1000,
      duplicated: 0,
      lost: 0,
      notSaved: 0,
    });
    // Answers were really lost (1 write in 5), and no row was sent again blindly beyond them.
    expect(r.lostAnswers).toBeGreaterThan(0);
    expect(r.sent).toBeGreaterThanOrEqual(1000);
  });
});
