import "server-only";

/**
 * The origin the user actually opened (localhost or 127.0.0.1, any port, or a proxy's host), so the
 * OAuth redirect and the session cookie stay on the host the user is on.
 */
export function requestOrigin(req: Request): string {
  const h = req.headers;
  const host = h.get("x-forwarded-host") ?? h.get("host");
  const proto = h.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
  return host ? `${proto}://${host}` : new URL(req.url).origin;
}
