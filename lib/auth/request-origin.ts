import "server-only";
import { env } from "../config/env";

/**
 * Which host and scheme a request came in on, and whether it came from our own pages.
 *
 * X-Forwarded-Host/-Proto are honoured only with TRUST_PROXY=1: any client can send them (and Next
 * passes them through), and they decide the OAuth redirect_uri and the cookies' Secure flag. Without
 * a trusted proxy the Host header is the truth and the scheme is http, unless APP_URL says otherwise.
 */
type HeaderSource = Pick<Headers, "get">;

const trustProxy = () => env().TRUST_PROXY === "1";
const first = (v: string | null) => v?.split(",")[0]?.trim() || null;

/** The scheme the browser used: https only when a trusted proxy says so, or APP_URL is https. */
export function requestProto(h: HeaderSource): "http" | "https" {
  if (trustProxy()) return first(h.get("x-forwarded-proto")) === "https" ? "https" : "http";
  return env().APP_URL?.startsWith("https:") ? "https" : "http";
}

/**
 * The origin the user actually opened (localhost or 127.0.0.1, any port, or a trusted proxy's host),
 * so the OAuth redirect and the session cookie stay on the host the user is on.
 */
export function requestOrigin(req: Request): string {
  const h = req.headers;
  const host = (trustProxy() && first(h.get("x-forwarded-host"))) || h.get("host");
  return host ? `${requestProto(h)}://${host}` : new URL(req.url).origin;
}

/**
 * Refuses a state-changing request made by another site (login/logout CSRF, a form posted from
 * elsewhere): the browser's Sec-Fetch-Site must say same-origin, or else its Origin must be ours.
 * A request with neither header is not from a browser, so no victim's cookies ride on it. Answers
 * the 403 to return, or null when the request may go on.
 */
export function rejectCrossSite(req: Request): Response | null {
  const site = req.headers.get("sec-fetch-site");
  const origin = req.headers.get("origin");
  const appUrl = env().APP_URL;
  const ours = new Set([requestOrigin(req), ...(appUrl ? [new URL(appUrl).origin] : [])]);
  const allowed = site ? site === "same-origin" : origin === null || ours.has(origin);
  if (allowed) return null;
  return new Response("This request came from another site and was refused. Use Batchboard's own pages.", {
    status: 403,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}
