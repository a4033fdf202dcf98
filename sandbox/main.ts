/** `npm run sandbox`: the local HubSpot sandbox on 127.0.0.1:$HUBSPOT_SANDBOX_PORT (default 4010). */
import { TEST_APP } from "./core/state";
import { startSandbox } from "./server";

const num = (v: string | undefined) => (v === undefined || v === "" ? undefined : Number(v));

const port = num(process.env.HUBSPOT_SANDBOX_PORT) ?? 4010;
const sandbox = await startSandbox({
  port,
  hostname: process.env.HUBSPOT_SANDBOX_HOST ?? "127.0.0.1",
  seed: num(process.env.HUBSPOT_SANDBOX_SEED) ?? 1,
  counts: { campaigns: num(process.env.HUBSPOT_SANDBOX_CAMPAIGNS) },
  config: Object.fromEntries(
    Object.entries({
      rateLimitPerTenSeconds: num(process.env.HUBSPOT_SANDBOX_RATE_LIMIT),
      latencyMs: num(process.env.HUBSPOT_SANDBOX_LATENCY_MS),
      accessTokenTtlSeconds: num(process.env.HUBSPOT_SANDBOX_TOKEN_TTL),
    }).filter(([, v]) => v !== undefined),
  ),
});

console.log(`HubSpot sandbox listening on ${sandbox.url}`);
console.log(`  test app client id:     ${TEST_APP.clientId}`);
console.log(`  test app client secret: ${TEST_APP.clientSecret}`);
console.log(`  portals: ${sandbox.ctx.state.portals.map((p) => `${p.id} (${p.domain})`).join(", ")}`);

const stop = () => sandbox.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
