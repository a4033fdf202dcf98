import { afterEach, describe, expect, it, vi } from "vitest";

/** lib/config/env.ts caches the environment on first use, so each case loads the module afresh. */
async function load(env: { TRUST_PROXY?: string; APP_URL?: string } = {}) {
  vi.stubEnv("TRUST_PROXY", env.TRUST_PROXY);
  vi.stubEnv("APP_URL", env.APP_URL);
  vi.resetModules();
  return import("./request-origin");
}
afterEach(() => vi.unstubAllEnvs());

const req = (headers: Record<string, string>, method = "GET") =>
  new Request("http://0.0.0.0:3000/api/auth/signout", { method, headers: { host: "localhost:3000", ...headers } });
const FORWARDED = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };

describe("requestOrigin", () => {
  it("uses the Host header and ignores X-Forwarded-* by default (anyone can send them)", async () => {
    const { requestOrigin, requestProto } = await load();
    expect(requestOrigin(req(FORWARDED))).toBe("http://localhost:3000");
    expect(requestProto(new Headers(FORWARDED))).toBe("http");
  });

  it("honours X-Forwarded-Host/-Proto with TRUST_PROXY=1 (the first hop's values)", async () => {
    const { requestOrigin } = await load({ TRUST_PROXY: "1" });
    expect(
      requestOrigin(
        req({ "x-forwarded-host": "batchboard.example.com, proxy.internal", "x-forwarded-proto": "https,http" }),
      ),
    ).toBe("https://batchboard.example.com");
    expect(requestOrigin(req({}))).toBe("http://localhost:3000");
  });

  it("knows the scheme is https from an https APP_URL without a trusted proxy", async () => {
    const { requestProto } = await load({ APP_URL: "https://batchboard.example.com" });
    expect(requestProto(new Headers())).toBe("https");
  });
});

describe("rejectCrossSite", () => {
  it.each([
    [{ "sec-fetch-site": "same-origin" }],
    [{ "sec-fetch-site": "same-origin", origin: "http://localhost:3000" }],
    [{ origin: "http://localhost:3000" }],
    // Not a browser (curl, a script): no victim's cookies ride on it.
    [{}],
  ])("lets %j through", async (headers) => {
    const { rejectCrossSite } = await load();
    expect(rejectCrossSite(req(headers, "POST"))).toBeNull();
  });

  it.each([
    [{ "sec-fetch-site": "cross-site", origin: "https://evil.example" }],
    // Another port of the same host is the same site, but not us (the sandbox, another app).
    [{ "sec-fetch-site": "same-site", origin: "http://localhost:4010" }],
    [{ "sec-fetch-site": "none" }],
    [{ origin: "https://evil.example" }],
    [{ origin: "null" }],
    // A forged X-Forwarded-Host cannot make another origin ours.
    [{ origin: "https://evil.example", ...FORWARDED }],
  ])("refuses %j with a plain 403", async (headers) => {
    const { rejectCrossSite } = await load();
    const res = rejectCrossSite(req(headers, "POST"));
    expect(res?.status).toBe(403);
    expect(await res?.text()).toMatch(/another site/);
  });

  it("accepts APP_URL's origin and, with TRUST_PROXY=1, the proxy's", async () => {
    expect(
      (await load({ APP_URL: "https://batchboard.example.com" })).rejectCrossSite(
        req({ origin: "https://batchboard.example.com" }, "POST"),
      ),
    ).toBeNull();
    expect(
      (await load({ TRUST_PROXY: "1" })).rejectCrossSite(req({ origin: "https://evil.example", ...FORWARDED }, "POST")),
    ).toBeNull();
  });
});
