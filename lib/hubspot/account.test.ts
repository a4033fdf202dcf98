import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../../sandbox/server";
import { fetchTokenIdentity } from "./account";
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, type HubSpotTarget } from "./target";

/**
 * Sign-in learns the portal, user and scopes from the 2026-03 token introspection endpoint (issue 12,
 * item 5): HubSpot refuses /oauth/v1/access-tokens to new marketplace apps and retires it in 2027.
 */
let sb: RunningSandbox;
let target: HubSpotTarget;
beforeAll(async () => {
  sb = await startSandbox({
    port: 0,
    counts: { campaigns: 0, marketingEvents: 0, contacts: 0, companies: 0, deals: 0 },
  });
  target = {
    kind: "sandbox",
    apiBase: sb.url,
    authorizeUrl: `${sb.url}/oauth/authorize`,
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: SANDBOX_CLIENT_SECRET,
    scopes: [],
    optionalScopes: [],
  };
});
afterAll(async () => sb?.close());

describe("fetchTokenIdentity", () => {
  it("reads portal, domain, user and scopes by introspection; no v1 endpoint is called", async () => {
    const portal = sb.ctx.state.portals[1]!;
    const user = portal.users[1]!;
    const tokens = sb.ctx.issueTokens({
      portalId: portal.id,
      userId: user.id,
      scopes: ["oauth", "marketing.campaigns.read"],
      clientId: SANDBOX_CLIENT_ID,
    });
    const identity = await fetchTokenIdentity(target, tokens.access_token);
    expect(identity).toEqual({
      portalId: portal.id,
      hubDomain: portal.domain,
      hubspotUserId: user.id,
      email: user.email,
      scopes: ["oauth", "marketing.campaigns.read"],
    });
    const paths = sb.ctx.state.requests.map((r) => r.path);
    expect(paths).toContain("/oauth/2026-03/token/introspect");
    expect(paths.filter((p) => p.startsWith("/oauth/v1"))).toEqual([]);
  });

  it("an inactive token is refused with a plain error", async () => {
    await expect(fetchTokenIdentity(target, "not-a-token")).rejects.toThrow(/inactive/);
  });
});
