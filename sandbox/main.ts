/** `npm run sandbox`: the local HubSpot sandbox on 127.0.0.1:$HUBSPOT_SANDBOX_PORT (default 4010). */
import { TEST_APP } from "./core/state";
import { sandboxOptionsFromEnv } from "./options-from-env";
import { startSandbox } from "./server";

const sandbox = await startSandbox(sandboxOptionsFromEnv(process.env));

console.log(`HubSpot sandbox listening on ${sandbox.url}`);
console.log(`  test app client id:     ${TEST_APP.clientId}`);
console.log(`  test app client secret: ${TEST_APP.clientSecret}`);
console.log(`  portals: ${sandbox.ctx.state.portals.map((p) => `${p.id} (${p.domain})`).join(", ")}`);

const stop = () => sandbox.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
