import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/**
 * The request-independent parts of sign-in. beginSignIn/completeSignIn/signOut need Next's request
 * context (cookies) and are covered by the browser tests.
 * lib/config/env.ts caches the environment on first use, so each case loads the module afresh.
 */
const ENV_KEYS = ["HUBSPOT_REDIRECT_URL", "APP_URL", "HUBSPOT_CLIENT_ID", "HUBSPOT_CLIENT_SECRET"] as const;

async function loadSignIn(env: Partial<Record<(typeof ENV_KEYS)[number], string>> = {}) {
  for (const k of ENV_KEYS) vi.stubEnv(k, env[k]);
  vi.resetModules();
  return import("./sign-in");
}

beforeEach(() => vi.resetModules());
afterEach(() => vi.unstubAllEnvs());

describe("safeReturnTo", () => {
  it("keeps same-site paths, with their query and hash", async () => {
    const { safeReturnTo } = await loadSignIn();
    expect(safeReturnTo("/campaigns?sort=-hs_name")).toBe("/campaigns?sort=-hs_name");
    expect(safeReturnTo("/campaigns?name=Q1%202026&sort=hs_start_date#row-3")).toBe(
      "/campaigns?name=Q1%202026&sort=hs_start_date#row-3",
    );
    expect(safeReturnTo("/")).toBe("/");
  });

  it("falls back to /campaigns when there is nothing to return to", async () => {
    const { safeReturnTo } = await loadSignIn();
    expect(safeReturnTo(null)).toBe("/campaigns");
    expect(safeReturnTo(undefined)).toBe("/campaigns");
    expect(safeReturnTo("")).toBe("/campaigns");
  });

  it.each([
    "//evil.com",
    "//evil.com/campaigns",
    "https://x",
    "https://evil.com/campaigns",
    "javascript:alert(1)",
    "campaigns",
    // Browsers and the WHATWG URL parser read "\" as "/" and drop tabs and newlines: all of these
    // resolve to another host against the app's origin.
    "/\\evil.com",
    "/\\/evil.com",
    "/\t/evil.com",
    "/\n/evil.com",
  ])("rejects %j (another origin once resolved)", async (value) => {
    const { safeReturnTo } = await loadSignIn();
    expect(safeReturnTo(value)).toBe("/campaigns");
  });

  it("always yields a path that stays on the app's origin", async () => {
    const { safeReturnTo } = await loadSignIn();
    const origin = "http://127.0.0.1:3000";
    for (const value of [
      "/campaigns",
      "//evil.com",
      "/\\evil.com",
      "/\t/evil.com",
      "/%2F%2Fevil.com",
      "/..//evil.com",
      "/./\\evil.com",
    ]) {
      expect(new URL(safeReturnTo(value), origin).origin, value).toBe(origin);
    }
  });
});

describe("redirectUriFor", () => {
  it("uses HUBSPOT_REDIRECT_URL when set", async () => {
    const { redirectUriFor } = await loadSignIn({
      HUBSPOT_REDIRECT_URL: "https://app.example.com/custom/callback",
      APP_URL: "https://other.example.com",
    });
    expect(redirectUriFor("http://localhost:3000")).toBe("https://app.example.com/custom/callback");
  });

  it("else APP_URL (trailing slash dropped) + /api/auth/callback", async () => {
    const { redirectUriFor } = await loadSignIn({ APP_URL: "https://batchboard.example.com/" });
    expect(redirectUriFor("http://localhost:3000")).toBe("https://batchboard.example.com/api/auth/callback");
  });

  it("else the origin the request came in on", async () => {
    const { redirectUriFor } = await loadSignIn();
    expect(redirectUriFor("http://127.0.0.1:4321")).toBe("http://127.0.0.1:4321/api/auth/callback");
    expect(redirectUriFor("http://localhost:3000/")).toBe("http://localhost:3000/api/auth/callback");
  });
});
