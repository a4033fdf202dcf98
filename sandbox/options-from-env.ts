import type { SandboxOptions } from "./server";

const num = (v: string | undefined) => (v === undefined || v === "" ? undefined : Number(v));

/** Sandbox settings from HUBSPOT_SANDBOX_* variables, shared by `npm run sandbox` and `npm run demo`. */
export function sandboxOptionsFromEnv(
  env: NodeJS.ProcessEnv,
  defaults: { campaigns?: number } = {},
): SandboxOptions & { port: number; hostname: string } {
  const config = {
    rateLimitPerTenSeconds: num(env.HUBSPOT_SANDBOX_RATE_LIMIT),
    latencyMs: num(env.HUBSPOT_SANDBOX_LATENCY_MS),
    accessTokenTtlSeconds: num(env.HUBSPOT_SANDBOX_TOKEN_TTL),
  };
  return {
    port: num(env.HUBSPOT_SANDBOX_PORT) ?? 4010,
    hostname: env.HUBSPOT_SANDBOX_HOST || "127.0.0.1",
    seed: num(env.HUBSPOT_SANDBOX_SEED) ?? 1,
    counts: {
      campaigns: num(env.HUBSPOT_SANDBOX_CAMPAIGNS) ?? defaults.campaigns,
      // Only when set: an undefined count would replace the sandbox's default.
      ...(env.HUBSPOT_SANDBOX_CONTACTS ? { contacts: num(env.HUBSPOT_SANDBOX_CONTACTS) } : {}),
    },
    config: Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)),
  };
}
