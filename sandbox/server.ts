import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { AddressInfo } from "node:net";
import { SandboxContext, type SandboxEnv } from "./core/context";
import { errorBody } from "./core/errors";
import { faults, latency, recorder } from "./core/middleware";
import type { SandboxConfig, SeedCounts } from "./core/state";
import { registerCampaigns } from "./routes/campaigns";
import { registerControl } from "./routes/control";
import { registerCrmObjects } from "./routes/crm-objects";
import { registerCrmProperties } from "./routes/crm-properties";
import { registerMarketingEvents } from "./routes/marketing-events";
import { registerOAuth } from "./routes/oauth";

export interface SandboxOptions {
  config?: Partial<SandboxConfig>;
  seed?: number;
  counts?: SeedCounts;
}

/** Builds the sandbox app (no socket): used by `startSandbox`, and directly by tests via `app.request`. */
export function createSandbox(opts: SandboxOptions = {}) {
  const ctx = new SandboxContext(opts.config, opts.seed ?? 1);
  const app = new Hono<SandboxEnv>();
  app.use("*", recorder(ctx), faults(ctx), latency(ctx));
  registerControl(app, ctx);
  registerOAuth(app, ctx);
  registerCampaigns(app, ctx);
  registerMarketingEvents(app, ctx);
  registerCrmProperties(app, ctx);
  registerCrmObjects(app, ctx);
  app.notFound((c) => c.json(errorBody("OBJECT_NOT_FOUND", `No route for ${c.req.method} ${c.req.path}`), 404));
  app.onError((err, c) => {
    console.error("[sandbox]", err);
    return c.json(errorBody("INTERNAL_ERROR", "Internal error"), 500);
  });
  ctx.reset(ctx.state.seed, opts.counts ?? {});
  return { ctx, app };
}

export interface RunningSandbox {
  url: string;
  port: number;
  ctx: SandboxContext;
  close(): Promise<void>;
}

export function startSandbox(
  opts: SandboxOptions & { port?: number; hostname?: string } = {},
): Promise<RunningSandbox> {
  const { ctx, app } = createSandbox(opts);
  const hostname = opts.hostname ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname }, (info: AddressInfo) => {
      resolve({
        url: `http://${hostname}:${info.port}`,
        port: info.port,
        ctx,
        close: () =>
          new Promise<void>((r) => {
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
    server.on("error", reject);
  });
}
