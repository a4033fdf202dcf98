import { beforeEach, describe, expect, it } from "vitest";
import { createSandbox } from "../server";
import { client } from "../testing/app";

/** The control API's switches for the ways real HubSpot answers (issue 12): daily limit, 423/477, answers lost after the write. */
const BASE = "/marketing/campaigns/2026-03";
let api: ReturnType<typeof client>;
let ctl: ReturnType<typeof client>;

beforeEach(async () => {
  const { app } = createSandbox({ counts: { campaigns: 5, marketingEvents: 0, contacts: 0, companies: 0, deals: 0 } });
  ctl = client(app);
  const tok = await ctl("POST", "/__sandbox/tokens", {});
  api = client(app, tok.body.access_token);
});

describe("fault rules", () => {
  it("a 429 carries its policyName and Retry-After; GET echoes every field of the rule", async () => {
    const rule = {
      method: "GET",
      path: BASE,
      times: 1,
      status: 429,
      policyName: "DAILY",
      retryAfterSeconds: 7,
      when: "before",
    };
    expect((await ctl("POST", "/__sandbox/faults", { rules: [rule] })).status).toBe(200);
    expect((await ctl("GET", "/__sandbox/faults")).body.rules).toEqual([rule]);
    const r = await api("GET", BASE);
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBe("7");
    expect(r.body).toMatchObject({
      errorType: "RATE_LIMIT",
      policyName: "DAILY",
      message: "You have reached your daily limit.",
    });
    expect((await api("GET", BASE)).status).toBe(200);
  });

  it("423 and 477 are plain statuses with HubSpot-like bodies", async () => {
    await ctl("POST", "/__sandbox/faults", {
      rules: [
        { path: BASE, status: 423 },
        { path: BASE, status: 477, retryAfterSeconds: 3 },
      ],
    });
    expect(await api("GET", BASE)).toMatchObject({ status: 423, body: { category: "LOCKED" } });
    const migrating = await api("GET", BASE);
    expect(migrating).toMatchObject({ status: 477, body: { category: "MIGRATION_IN_PROGRESS" } });
    expect(migrating.headers.get("retry-after")).toBe("3");
  });

  it('when "after": the create is applied, then answered with the rule\'s status and body', async () => {
    await ctl("POST", "/__sandbox/faults", {
      rules: [{ path: `${BASE}/batch/create`, status: 504, when: "after", body: { odd: true } }],
    });
    const r = await api("POST", `${BASE}/batch/create`, {
      inputs: [{ properties: { hs_name: "Lost answer launch" } }],
    });
    expect(r).toMatchObject({ status: 504, body: { odd: true } });
    const names = (await ctl("GET", "/__sandbox/records/campaigns")).body.map(
      (c: { properties: { hs_name: string } }) => c.properties.hs_name,
    );
    expect(names).toContain("Lost answer launch");
  });

  it("`every: n` applies to every n-th matching request only", async () => {
    await ctl("POST", "/__sandbox/faults", { rules: [{ method: "GET", path: BASE, status: 503, every: 3, times: 2 }] });
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await api("GET", BASE)).status);
    expect(statuses).toEqual([200, 200, 503, 200, 200, 503, 200, 200]);
  });

  it("old rules keep working; a bad `when` is refused", async () => {
    await ctl("POST", "/__sandbox/faults", { rules: [{ path: BASE, status: 502 }] });
    expect((await api("GET", BASE)).status).toBe(502);
    expect(
      (await ctl("POST", "/__sandbox/faults", { rules: [{ path: BASE, status: 502, when: "later" }] })).status,
    ).toBe(400);
  });
});

describe("daily limit", () => {
  it("answers a DAILY 429 after dailyLimit requests until the day ends; config echoes it", async () => {
    expect((await ctl("POST", "/__sandbox/config", { dailyLimit: 2 })).body.dailyLimit).toBe(2);
    expect((await ctl("GET", "/__sandbox/config")).body).toMatchObject({ dailyLimit: 2, latencyMs: 0 });
    expect((await api("GET", BASE)).status).toBe(200);
    expect((await api("GET", BASE)).status).toBe(200);
    const limited = await api("GET", BASE);
    expect(limited).toMatchObject({ status: 429, body: { policyName: "DAILY" } });
    expect((await ctl("POST", "/__sandbox/reset-daily")).status).toBe(200);
    expect((await api("GET", BASE)).status).toBe(200);
    await ctl("POST", "/__sandbox/config", { dailyLimit: null });
    expect((await ctl("GET", "/__sandbox/config")).body.dailyLimit).toBeNull();
  });
});
