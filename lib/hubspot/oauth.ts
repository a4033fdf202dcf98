import "server-only";
import * as oauth from "oauth4webapi";
import type { HubSpotTarget } from "./target";

/**
 * The OAuth 2.0 protocol against HubSpot (or the sandbox), through oauth4webapi: authorization-code
 * flow with state and PKCE (S256), refresh and revocation. HubSpot takes the client secret in the form
 * body (client_secret_post).
 */
export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

/** The grant is gone for good (revoked, expired refresh token, app uninstalled): the user must reconnect. */
export class GrantRevokedError extends Error {}

function server(t: HubSpotTarget): oauth.AuthorizationServer {
  return {
    issuer: t.apiBase,
    authorization_endpoint: t.authorizeUrl,
    token_endpoint: `${t.apiBase}/oauth/2026-03/token`,
    revocation_endpoint: `${t.apiBase}/oauth/2026-03/token/revoke`,
    introspection_endpoint: `${t.apiBase}/oauth/2026-03/token/introspect`,
  };
}

const client = (t: HubSpotTarget): oauth.Client => ({ client_id: t.clientId });
const auth = (t: HubSpotTarget) => oauth.ClientSecretPost(t.clientSecret);
// The sandbox speaks plain HTTP on loopback; HubSpot itself is HTTPS only.
const opts = (t: HubSpotTarget) => (t.apiBase.startsWith("http://") ? { [oauth.allowInsecureRequests]: true } : {});

export async function startAuthorization(t: HubSpotTarget, redirectUri: string) {
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(t.authorizeUrl);
  url.searchParams.set("client_id", t.clientId);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("scope", t.scopes.join(" "));
  if (t.optionalScopes.length) url.searchParams.set("optional_scope", t.optionalScopes.join(" "));
  url.searchParams.set("state", state);
  url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set("code_challenge_method", "S256");
  return { url, state, codeVerifier };
}

function toTokenSet(r: oauth.TokenEndpointResponse): TokenSet {
  if (!r.refresh_token) throw new Error("HubSpot did not return a refresh token");
  return {
    accessToken: r.access_token,
    refreshToken: r.refresh_token,
    expiresAt: new Date(Date.now() + (r.expires_in ?? 1800) * 1000),
  };
}

/** Validates the callback (state, error) and exchanges the code. Throws a readable error on denial. */
export async function exchangeCode(
  t: HubSpotTarget,
  callbackUrl: URL,
  expectedState: string,
  redirectUri: string,
  codeVerifier: string,
) {
  const params = oauth.validateAuthResponse(server(t), client(t), callbackUrl, expectedState);
  const response = await oauth.authorizationCodeGrantRequest(
    server(t),
    client(t),
    auth(t),
    params,
    redirectUri,
    codeVerifier,
    opts(t),
  );
  return toTokenSet(await oauth.processAuthorizationCodeResponse(server(t), client(t), response));
}

export async function refreshTokens(t: HubSpotTarget, refreshToken: string): Promise<TokenSet> {
  try {
    const response = await oauth.refreshTokenGrantRequest(server(t), client(t), auth(t), refreshToken, opts(t));
    const result = await oauth.processRefreshTokenResponse(server(t), client(t), response);
    return toTokenSet({ ...result, refresh_token: result.refresh_token ?? refreshToken });
  } catch (err) {
    if (
      err instanceof oauth.ResponseBodyError &&
      (err.error === "invalid_grant" || err.status === 400 || err.status === 401)
    ) {
      throw new GrantRevokedError(err.error_description ?? err.message);
    }
    throw err;
  }
}

export async function revokeRefreshToken(t: HubSpotTarget, refreshToken: string): Promise<void> {
  const response = await oauth.revocationRequest(server(t), client(t), auth(t), refreshToken, {
    ...opts(t),
    additionalParameters: { token_type_hint: "refresh_token" },
  });
  await oauth.processRevocationResponse(response);
}

/**
 * What HubSpot knows about an access token (portal, domain, user, scopes), by the 2026-03
 * introspection endpoint: HubSpot refuses the v1 token-info endpoints to new marketplace apps and
 * retires them on 2027-02-16.
 */
export async function introspectAccessToken(t: HubSpotTarget, accessToken: string): Promise<unknown> {
  const response = await oauth.introspectionRequest(server(t), client(t), auth(t), accessToken, {
    ...opts(t),
    additionalParameters: { token_type_hint: "access_token" },
  });
  return oauth.processIntrospectionResponse(server(t), client(t), response);
}
