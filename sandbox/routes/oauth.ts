/**
 * OAuth 2.0 as HubSpot runs it (specs oauth-2026-03.json, oauth-v1.json), plus the consent page that
 * app.hubspot.com/oauth/authorize would show.
 *
 * Token errors carry HubSpot's `status`/`message` AND RFC 6749's `error`/`error_description`, so both
 * HubSpot-style clients and generic OAuth libraries (oauth4webapi) understand them.
 * Deviations, on purpose: an authorization code is burnt by any exchange attempt that passes client
 * authentication (even one with a wrong verifier or redirect_uri), and PKCE accepts S256 only.
 */
import { createHash, randomUUID } from "node:crypto";
import type { Context } from "hono";
import { parseScopeParam } from "../../lib/hubspot/schemas/oauth";
import type { SandboxApp, SandboxContext } from "../core/context";
import { errorBody } from "../core/errors";
import type { OAuthApp } from "../core/state";

const CODE_TTL_MS = 10 * 60 * 1000;
const V1_SUNSET = "Tue, 16 Feb 2027 00:00:00 GMT";
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

type OAuthErrorCode =
  "invalid_request" | "invalid_client" | "invalid_grant" | "unsupported_grant_type" | "invalid_scope";

function oauthError(c: Context, httpStatus: 400 | 401, status: string, message: string, error: OAuthErrorCode) {
  if (httpStatus === 401) c.header("WWW-Authenticate", 'Basic realm="hubspot-sandbox"');
  return c.json(
    {
      status,
      message,
      error,
      error_description: message,
      correlationId: randomUUID(),
      category: error === "invalid_client" ? "INVALID_AUTHENTICATION" : "VALIDATION_ERROR",
    },
    httpStatus,
  );
}

function redirectUriAllowed(app: OAuthApp, uri: string): boolean {
  if (app.redirectUris.length > 0) return app.redirectUris.includes(uri);
  try {
    const u = new URL(uri);
    return u.protocol === "http:" && LOOPBACK_HOSTS.has(u.hostname) && !u.hash && !u.username;
  } catch {
    return false;
  }
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const pkceS256 = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");

function page(title: string, body: string) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
fieldset{margin:1rem 0}button{font-size:1rem;padding:.5rem 1.25rem;margin-right:.5rem}button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #0b5fff;outline-offset:2px}</style>
</head><body><main>${body}</main></body></html>`;
}

const errorPage = (c: Context, message: string): Response =>
  c.html(page("Authorization error", `<h1>Authorization error</h1><p role="alert">${esc(message)}</p>`), 400);

function redirectWith(c: Context, redirectUri: string, params: Record<string, string | undefined>): Response {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") url.searchParams.set(k, v);
  return c.redirect(url.toString(), 302);
}

/** The form fields that travel from the consent page back to POST /oauth/authorize. */
const CARRIED = [
  "client_id",
  "redirect_uri",
  "scope",
  "optional_scope",
  "state",
  "code_challenge",
  "code_challenge_method",
] as const;

export function registerOAuth(app: SandboxApp, ctx: SandboxContext) {
  /** Shared checks of GET and POST /oauth/authorize. Errors before the redirect URI is trusted render a page. */
  type Checked = { res: Response } | { client: OAuthApp; redirectUri: string; scopes: string[]; optional: string[] };
  function checkAuthorize(c: Context, p: Record<string, string | undefined>): Checked {
    const client = ctx.appByClientId(p.client_id);
    if (!client) return { res: errorPage(c, `Unknown client_id "${p.client_id ?? ""}". Check the app's client id.`) };
    if (!p.redirect_uri || !redirectUriAllowed(client, p.redirect_uri)) {
      return { res: errorPage(c, `redirect_uri "${p.redirect_uri ?? ""}" is not allowed for ${client.name}.`) };
    }
    const redirectUri = p.redirect_uri;
    const fail = (error: string, description: string): Checked => ({
      res: redirectWith(c, redirectUri, { error, error_description: description, state: p.state }),
    });
    const scopes = parseScopeParam(p.scope);
    if (scopes.length === 0) return fail("invalid_scope", "scope is required");
    const unknown = scopes.filter((s) => !ctx.scopes.has(s));
    if (unknown.length) return fail("invalid_scope", `Unknown scopes: ${unknown.join(" ")}`);
    if (p.code_challenge && p.code_challenge_method !== "S256")
      return fail("invalid_request", "code_challenge_method must be S256");
    if (p.code_challenge && !/^[A-Za-z0-9_-]{43}$/.test(p.code_challenge))
      return fail("invalid_request", "code_challenge must be a base64url SHA-256 digest");
    // Optional scopes the sandbox does not know are dropped, as HubSpot drops optional scopes a portal lacks.
    const optional = parseScopeParam(p.optional_scope).filter((s) => ctx.scopes.has(s) && !scopes.includes(s));
    return { client, redirectUri, scopes, optional };
  }

  app.get("/oauth/authorize", (c) => {
    const p = c.req.query();
    const checked = checkAuthorize(c, p);
    if ("res" in checked) return checked.res;
    const { client, scopes, optional } = checked;
    const hidden = CARRIED.map((k) => (p[k] ? `<input type="hidden" name="${k}" value="${esc(p[k]!)}">` : "")).join("");
    const portals = ctx.state.portals
      .map(
        (
          portal,
          i,
        ) => `<div><input type="radio" id="portal-${portal.id}" name="portal_id" value="${portal.id}"${i === 0 ? " checked" : ""}>
<label for="portal-${portal.id}">${esc(portal.name)} (${esc(portal.domain)}, hub ID ${portal.id})</label></div>`,
      )
      .join("");
    const users = ctx.state.portals
      .flatMap((portal) =>
        portal.users.map(
          (u, i) =>
            `<option value="${u.id}"${portal === ctx.state.portals[0] && i === 0 ? " selected" : ""}>${esc(u.email)} (${esc(portal.name)})</option>`,
        ),
      )
      .join("");
    const scopeList = (list: string[]) => `<ul>${list.map((s) => `<li><code>${esc(s)}</code></li>`).join("")}</ul>`;
    return c.html(
      page(
        `Connect ${client.name}`,
        `<h1>Connect ${esc(client.name)} to HubSpot</h1>
<p>${esc(client.name)} is requesting access to your HubSpot account (sandbox).</p>
<form method="post" action="/oauth/authorize">${hidden}
<section aria-labelledby="scopes-h"><h2 id="scopes-h">Requested permissions</h2>${scopeList(scopes)}
${optional.length ? `<h3>Optional permissions</h3>${scopeList(optional)}` : ""}</section>
<fieldset><legend>Choose an account</legend>${portals}</fieldset>
<p><label for="user_id">Sign in as</label> <select id="user_id" name="user_id">${users}</select>
<br><small>A user of another account is replaced by that account's admin.</small></p>
<button type="submit" name="decision" value="grant">Grant access</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
      ),
    );
  });

  app.post("/oauth/authorize", async (c) => {
    const form = Object.fromEntries(new URLSearchParams(await c.req.text())) as Record<string, string | undefined>;
    const checked = checkAuthorize(c, form);
    if ("res" in checked) return checked.res;
    const { client, redirectUri, scopes, optional } = checked;
    if (form.decision !== "grant") {
      return redirectWith(c, redirectUri, {
        error: "access_denied",
        error_description: "The user denied access",
        state: form.state,
      });
    }
    const portal = ctx.portalById(form.portal_id);
    if (!portal) return errorPage(c, `Unknown portal ${form.portal_id}`);
    const user = portal.users.find((u) => String(u.id) === form.user_id) ?? portal.users[0]!;
    const code = randomUUID();
    ctx.state.authCodes.set(code, {
      code,
      clientId: client.clientId,
      redirectUri,
      portalId: portal.id,
      userId: user.id,
      scopes: [...scopes, ...optional],
      codeChallenge: form.code_challenge || undefined,
      codeChallengeMethod: form.code_challenge ? "S256" : undefined,
      expiresAt: Date.now() + CODE_TTL_MS,
      used: false,
    });
    return redirectWith(c, redirectUri, { code, state: form.state });
  });

  /** Client credentials from the form body or HTTP Basic (RFC 6749 §2.3.1: each part form-encoded). */
  function authenticateClient(c: Context, form: Record<string, string | undefined>) {
    let id = form.client_id;
    let secret = form.client_secret ?? c.req.query("client_secret");
    const basic = /^Basic\s+(.+)$/i.exec(c.req.header("authorization") ?? "");
    if (basic) {
      const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
      const i = decoded.indexOf(":");
      try {
        id = decodeURIComponent(decoded.slice(0, i).replace(/\+/g, " "));
        secret = decodeURIComponent(decoded.slice(i + 1).replace(/\+/g, " "));
      } catch {
        id = undefined;
      }
    }
    const status = basic ? 401 : 400;
    const client = ctx.appByClientId(id);
    if (!client)
      return { res: oauthError(c, status, "BAD_CLIENT_ID", "missing or unknown client id", "invalid_client") };
    if (secret !== client.clientSecret)
      return { res: oauthError(c, status, "BAD_CLIENT_SECRET", "missing or invalid client secret", "invalid_client") };
    return { client };
  }

  async function readForm(c: Context): Promise<Record<string, string | undefined> | null> {
    const type = c.req.header("content-type") ?? "";
    if (!type.includes("application/x-www-form-urlencoded")) return null;
    return Object.fromEntries(new URLSearchParams(await c.req.text()));
  }

  const token = async (c: Context) => {
    const form = await readForm(c);
    if (!form)
      return oauthError(
        c,
        400,
        "BAD_REQUEST",
        "Content-Type must be application/x-www-form-urlencoded",
        "invalid_request",
      );
    if (!form.refresh_token && c.req.query("refresh_token")) form.refresh_token = c.req.query("refresh_token"); // v1 allows it in the query
    const auth = authenticateClient(c, form);
    if ("res" in auth) return auth.res;
    const { client } = auth;
    const grant = form.grant_type;
    if (!grant) return oauthError(c, 400, "BAD_GRANT_TYPE", "missing grant_type", "invalid_request");

    if (grant === "authorization_code") {
      const bad = (message: string) => oauthError(c, 400, "BAD_AUTH_CODE", message, "invalid_grant");
      const code = form.code ? ctx.state.authCodes.get(form.code) : undefined;
      if (!code || code.clientId !== client.clientId) return bad("missing or unknown auth code");
      if (code.used) {
        // RFC 6749 §4.1.2: a replayed code revokes the tokens it produced (they may be stolen).
        if (code.issuedRefreshToken) ctx.revokeRefreshToken(code.issuedRefreshToken);
        return bad("auth code already used");
      }
      code.used = true;
      if (code.expiresAt <= Date.now()) return bad("auth code expired");
      if (form.redirect_uri !== code.redirectUri)
        return oauthError(
          c,
          400,
          "BAD_REDIRECT_URI",
          "redirect_uri does not match the one used to authorize",
          "invalid_grant",
        );
      if (code.codeChallenge) {
        const v = form.code_verifier ?? "";
        if (!/^[A-Za-z0-9._~-]{43,128}$/.test(v) || pkceS256(v) !== code.codeChallenge) {
          return oauthError(
            c,
            400,
            "BAD_CODE_VERIFIER",
            "code_verifier does not match the code_challenge",
            "invalid_grant",
          );
        }
      } else if (form.code_verifier) {
        // RFC 9700 §2.1.1: a verifier for a code issued without a challenge signals a downgrade attack.
        return oauthError(
          c,
          400,
          "BAD_CODE_VERIFIER",
          "code_verifier sent but no code_challenge was used to authorize",
          "invalid_grant",
        );
      }
      const res = ctx.issueTokens({
        portalId: code.portalId,
        userId: code.userId,
        scopes: code.scopes,
        clientId: client.clientId,
      });
      code.issuedRefreshToken = res.refresh_token;
      return c.json(res);
    }

    if (grant === "refresh_token") {
      const rt = form.refresh_token ? ctx.state.refreshTokens.get(form.refresh_token) : undefined;
      if (
        !rt ||
        rt.revoked ||
        rt.clientId !== client.clientId ||
        (rt.expiresAt !== undefined && rt.expiresAt <= Date.now())
      ) {
        return oauthError(c, 400, "BAD_REFRESH_TOKEN", "missing or unknown refresh token", "invalid_grant");
      }
      return c.json(
        ctx.issueTokens({
          portalId: rt.portalId,
          userId: rt.userId,
          scopes: rt.scopes,
          clientId: rt.clientId,
          refreshToken: rt.token,
        }),
      );
    }

    return oauthError(c, 400, "BAD_GRANT_TYPE", `unsupported grant_type "${grant}"`, "unsupported_grant_type");
  };

  /** v1 endpoints are deprecated in the spec: say so, and when they go (RFC 9745 / RFC 8594). */
  const deprecated = (c: Context) => {
    c.header("Deprecation", "@1772323200"); // 2026-03-01, when 2026-03 superseded v1
    c.header("Sunset", V1_SUNSET);
    c.header("Link", '</oauth/2026-03/token>; rel="successor-version"');
  };

  app.post("/oauth/2026-03/token", token);
  app.post("/oauth/v3/token", token);
  app.post("/oauth/v1/token", async (c) => {
    deprecated(c);
    return token(c);
  });

  const refreshActive = (t: string) => {
    const rt = ctx.state.refreshTokens.get(t);
    return rt && !rt.revoked && (rt.expiresAt === undefined || rt.expiresAt > Date.now()) ? rt : undefined;
  };
  const accessActive = (t: string) => {
    const at = ctx.state.accessTokens.get(t);
    return at && at.expiresAt > Date.now() ? at : undefined;
  };
  const hubDomain = (portalId: number) => ctx.portalById(portalId)?.domain;
  /**
   * HubSpot's `SignedAccessToken` (required in introspection's PublicAccessTokenInfoResponse, sent
   * by v1 token info too). Opaque values here: scopes are HubSpot's encoded bitsets, not names.
   */
  const signedAccessToken = (at: NonNullable<ReturnType<typeof accessActive>>) => {
    const digest = (s: string) => createHash("sha256").update(s).digest("base64url");
    return {
      expiresAt: at.expiresAt,
      scopes: Buffer.from(at.scopes.join(" ")).toString("base64"),
      hubId: at.portalId,
      userId: at.userId,
      appId: at.appId,
      appInstallId: `${at.appId}-${at.portalId}`,
      audience: at.clientId,
      installingUserId: at.userId,
      signature: digest(`v1:${at.token}`),
      newSignature: digest(`v2:${at.token}`),
      scopeToScopeGroupPks: "",
      trialScopes: "",
      trialScopeToScopeGroupPks: "",
      hublet: "na1",
      isUserLevel: false,
      isServiceAccount: false,
      isPrivateDistribution: false,
    };
  };
  const accessInfo = (at: NonNullable<ReturnType<typeof accessActive>>) => ({
    token: at.token,
    user: at.userEmail,
    hub_domain: hubDomain(at.portalId),
    scopes: at.scopes,
    hub_id: at.portalId,
    app_id: at.appId,
    expires_in: Math.max(0, Math.floor((at.expiresAt - Date.now()) / 1000)),
    user_id: at.userId,
    token_type: "access",
    is_private_distribution: false,
    signed_access_token: signedAccessToken(at),
  });
  const refreshInfo = (rt: NonNullable<ReturnType<typeof refreshActive>>) => ({
    token: rt.token,
    user: rt.userEmail,
    hub_domain: hubDomain(rt.portalId),
    scopes: rt.scopes,
    hub_id: rt.portalId,
    client_id: rt.clientId,
    user_id: rt.userId,
    token_type: "refresh",
  });

  app.get("/oauth/v1/access-tokens/:token", (c) => {
    deprecated(c);
    const at = accessActive(c.req.param("token"));
    if (!at) return c.json(errorBody("OBJECT_NOT_FOUND", "access token not found or expired"), 404);
    return c.json(accessInfo(at));
  });
  app.get("/oauth/v1/refresh-tokens/:token", (c) => {
    deprecated(c);
    const rt = refreshActive(c.req.param("token"));
    if (!rt) return c.json(errorBody("OBJECT_NOT_FOUND", "refresh token not found or revoked"), 404);
    return c.json(refreshInfo(rt));
  });
  app.delete("/oauth/v1/refresh-tokens/:token", (c) => {
    deprecated(c);
    if (!ctx.revokeRefreshToken(c.req.param("token")))
      return c.json(errorBody("OBJECT_NOT_FOUND", "refresh token not found"), 404);
    return c.body(null, 204);
  });

  app.post("/oauth/2026-03/token/introspect", async (c) => {
    const form = await readForm(c);
    if (!form)
      return oauthError(
        c,
        400,
        "BAD_REQUEST",
        "Content-Type must be application/x-www-form-urlencoded",
        "invalid_request",
      );
    const auth = authenticateClient(c, form);
    if ("res" in auth) return auth.res;
    const t = form.token ?? "";
    // RFC 7662: tokens of other clients are reported as inactive, never described.
    const at = form.token_type_hint === "refresh_token" ? undefined : accessActive(t);
    if (at && at.clientId === auth.client.clientId) {
      return c.json({
        active: true,
        token_use: "access_token",
        ...accessInfo(at),
        token_type: "bearer",
        client_id: at.clientId,
      });
    }
    const rt = refreshActive(t);
    if (rt && rt.clientId === auth.client.clientId) {
      return c.json({ active: true, token_use: "refresh_token", ...refreshInfo(rt), app_id: rt.appId });
    }
    return c.json({ active: false });
  });

  app.post("/oauth/2026-03/token/revoke", async (c) => {
    const form = await readForm(c);
    if (!form)
      return oauthError(
        c,
        400,
        "BAD_REQUEST",
        "Content-Type must be application/x-www-form-urlencoded",
        "invalid_request",
      );
    const auth = authenticateClient(c, form);
    if ("res" in auth) return auth.res;
    const t = form.token ?? "";
    if (!t) return oauthError(c, 400, "BAD_REQUEST", "missing token", "invalid_request");
    const rt = ctx.state.refreshTokens.get(t);
    if (rt && rt.clientId === auth.client.clientId) ctx.revokeRefreshToken(t);
    const at = ctx.state.accessTokens.get(t);
    if (at && at.clientId === auth.client.clientId) ctx.state.accessTokens.delete(t);
    // RFC 7009 §2.2: unknown tokens are not an error.
    return c.body(null, 200);
  });
}
