/**
 * The auth route handlers against the sandbox, with next/headers played by a cookie jar per
 * "browser": login CSRF (the callback needs the nonce cookie of the browser that started the flow),
 * cross-site sign-out, sign-out ending every session of the connection (downloads included), and
 * X-Forwarded-* ignored without TRUST_PROXY.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { prepareEnv } from "@/tests/support/access-token.suite";
import { signInCookieName } from "@/lib/auth/sign-in-nonce";
import { startSandbox, type RunningSandbox } from "@/sandbox/server";

const dataDir = prepareEnv();
const APP = "http://127.0.0.1:3000";

/** A browser: its cookies. `current` is the one making the request the handlers see. */
class Browser {
  jar = new Map<string, string>();
  set = new Map<string, Record<string, unknown>>();
}
let current = new Browser();
let requestHeaders = new Headers();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (current.jar.has(name) ? { name, value: current.jar.get(name)! } : undefined),
    set: (name: string, value: string, opts: Record<string, unknown> = {}) => {
      current.set.set(name, opts);
      if (value === "" || opts.maxAge === 0) current.jar.delete(name);
      else current.jar.set(name, value);
    },
    delete: (name: string) => current.jar.delete(name),
  }),
  headers: async () => requestHeaders,
}));

/** A request to one of our handlers from `browser`, on the app's host. */
async function call(
  browser: Browser,
  handler: (req: Request) => Promise<Response>,
  url: string,
  init: RequestInit = {},
) {
  current = browser;
  requestHeaders = new Headers({ host: new URL(APP).host, ...(init.headers as Record<string, string>) });
  return handler(new Request(new URL(url, APP), { ...init, headers: requestHeaders }));
}

describe("auth routes", () => {
  let sb: RunningSandbox;
  let signin: typeof import("./signin/route");
  let callback: typeof import("./callback/route");
  let signout: typeof import("./signout/route");
  let session: typeof import("@/lib/auth/session");

  beforeAll(async () => {
    sb = await startSandbox({ port: 0, counts: { campaigns: 5 } });
    process.env.HUBSPOT_SANDBOX_URL = sb.url;
    signin = await import("./signin/route");
    callback = await import("./callback/route");
    signout = await import("./signout/route");
    session = await import("@/lib/auth/session");
  });
  afterAll(async () => {
    const { stopJobQueue } = await import("@/lib/queue/queue");
    await stopJobQueue({ graceful: false });
    await sb?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Starts sign-in in `browser` and grants access at the sandbox: answers the callback URL HubSpot sends back. */
  async function consent(browser: Browser) {
    const start = await call(browser, signin.GET, "/api/auth/signin?returnTo=/campaigns");
    const authorize = new URL(start.headers.get("location")!);
    const form = new URLSearchParams({
      ...Object.fromEntries(authorize.searchParams),
      decision: "grant",
      portal_id: String(sb.ctx.defaultPortal().id),
    });
    const granted = await fetch(`${sb.url}/oauth/authorize`, { method: "POST", body: form, redirect: "manual" });
    return { authorize, callbackUrl: granted.headers.get("location")! };
  }
  async function signedIn(browser = new Browser()) {
    const { callbackUrl } = await consent(browser);
    const res = await call(browser, callback.GET, callbackUrl);
    expect(res.headers.get("location")).toBe(`${APP}/campaigns`);
    return browser;
  }
  const sessionOf = async (browser: Browser) => {
    current = browser;
    return session.getSession();
  };

  it("signs in the browser that started the flow; the nonce cookie is HttpOnly, Lax, short-lived, and cleared after", async () => {
    const browser = new Browser();
    const { authorize, callbackUrl } = await consent(browser);
    const cookie = signInCookieName(authorize.searchParams.get("state")!);
    expect(browser.set.get(cookie)).toMatchObject({
      httpOnly: true,
      sameSite: "lax",
      path: "/api/auth/callback",
      maxAge: 600,
    });
    const res = await call(browser, callback.GET, callbackUrl);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${APP}/campaigns`);
    expect(browser.jar.has(cookie)).toBe(false);
    expect((await sessionOf(browser))?.connection.portalId).toBe(sb.ctx.defaultPortal().id);
  });

  it("completes sign-ins started in two tabs of one browser", async () => {
    const browser = new Browser();
    const [first, second] = [await consent(browser), await consent(browser)];
    expect((await call(browser, callback.GET, second.callbackUrl)).headers.get("location")).toBe(`${APP}/campaigns`);
    expect((await call(browser, callback.GET, first.callbackUrl)).headers.get("location")).toBe(`${APP}/campaigns`);
  });

  it("refuses a callback from an attacker's consent in a victim's browser (no nonce cookie, a wrong one, or one of their own flow)", async () => {
    const victims: [string, (state: string) => Promise<Browser>][] = [
      ["no cookie", async () => new Browser()],
      [
        "a wrong nonce",
        async (state) => {
          const b = new Browser();
          b.jar.set(signInCookieName(state), "guessed-nonce");
          return b;
        },
      ],
      [
        "a sign-in of their own",
        async () => {
          const b = new Browser();
          await consent(b);
          return b;
        },
      ],
    ];
    for (const [name, make] of victims) {
      const { authorize, callbackUrl } = await consent(new Browser());
      const victim = await make(authorize.searchParams.get("state")!);
      const res = await call(victim, callback.GET, callbackUrl);
      expect(res.status, name).toBe(303);
      expect(res.headers.get("location"), name).toBe(`${APP}/?error=other_browser`);
      expect(victim.jar.has("bb_session"), name).toBe(false);
      expect(await sessionOf(victim), name).toBeNull();
    }
  });

  it("refuses a sign-out posted from another site; signs out from our own page", async () => {
    const browser = await signedIn();
    const attempts: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
      { "sec-fetch-site": "same-site" },
      { origin: "null" },
    ];
    for (const headers of attempts) {
      const res = await call(browser, signout.POST, "/api/auth/signout", { method: "POST", headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    expect((await sessionOf(browser))?.connection.status).toBe("active");
    const res = await call(browser, signout.POST, "/api/auth/signout", {
      method: "POST",
      headers: { origin: APP, "sec-fetch-site": "same-origin" },
    });
    expect(res.status).toBe(303);
    expect(await sessionOf(browser)).toBeNull();
  });

  it("signing out in one browser ends the user's other sessions: their downloads are refused", async () => {
    const [tab1, tab2] = [await signedIn(), await signedIn()];
    const s = (await sessionOf(tab2))!;
    const { insertSubmission } = await import("@/lib/submissions/store");
    const id = await insertSubmission({
      userId: s.user.id,
      connectionId: s.connection.id,
      portalId: s.connection.portalId,
      resource: { type: "campaigns" },
      state: "draft",
      operations: [],
    });
    const results = await import("../submissions/[id]/results/route");
    const failed = await import("../failed-items/export/route");
    const download = () =>
      call(
        tab2,
        (req) => results.GET(req, { params: Promise.resolve({ id }) }),
        `/api/submissions/${id}/results?format=csv`,
      );
    const exportFailed = () =>
      call(
        tab2,
        failed.GET,
        "/api/failed-items/export?resource=campaigns&category=VALIDATION_ERROR&message=x&format=csv",
      );
    expect((await download()).status).toBe(200);
    expect((await exportFailed()).status).toBe(200);

    await call(tab1, signout.POST, "/api/auth/signout", { method: "POST", headers: { origin: APP } });
    expect(await sessionOf(tab2)).toBeNull();
    expect((await download()).status).toBe(401);
    expect((await exportFailed()).status).toBe(401);
  });

  it("ignores X-Forwarded-Host/-Proto without TRUST_PROXY: the OAuth redirect stays on the host the browser used", async () => {
    const res = await call(new Browser(), signin.GET, "/api/auth/signin", {
      headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
    });
    expect(new URL(res.headers.get("location")!).searchParams.get("redirect_uri")).toBe(`${APP}/api/auth/callback`);
  });
});
