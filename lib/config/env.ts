import "server-only";
import path from "node:path";
import { z } from "zod";

/**
 * Every environment variable the dashboard reads, in one place (documented in the README).
 * Without HubSpot app credentials the dashboard talks to the local sandbox.
 */
const envSchema = z.object({
  DATA_DIR: z.string().default(".data"),
  DATABASE_URL: z.string().optional(),
  /** Key for encrypting OAuth tokens at rest (32+ chars). Defaults to a key generated into DATA_DIR. */
  BATCHBOARD_SECRET: z.string().min(32).optional(),
  /** Public URL of the dashboard, used for the OAuth redirect when set; otherwise taken from the request. */
  APP_URL: z.string().url().optional(),
  /**
   * "1": a reverse proxy in front sets X-Forwarded-Host/-Proto, so they are honoured. Otherwise they are
   * ignored: anyone can send them, and the OAuth redirect and the cookies' Secure flag depend on them.
   */
  TRUST_PROXY: z.enum(["0", "1"]).optional(),
  HUBSPOT_CLIENT_ID: z.string().optional(),
  HUBSPOT_CLIENT_SECRET: z.string().optional(),
  HUBSPOT_REDIRECT_URL: z.string().url().optional(),
  HUBSPOT_SCOPES: z.string().optional(),
  HUBSPOT_OPTIONAL_SCOPES: z.string().optional(),
  HUBSPOT_SANDBOX_PORT: z.coerce.number().int().default(4010),
  HUBSPOT_SANDBOX_URL: z.string().url().optional(),
  /** Per HubSpot call (connect to last byte); a timed-out write is looked up, never blindly resent. */
  HUBSPOT_TIMEOUT_MS: z.coerce.number().int().min(1).default(30_000),
  /**
   * How far a CRM search may trail writes: rows read by search get asOf = HubSpot's time before the
   * search less this (lib/hubspot/load-time.ts). Larger only makes conflict scans reach further back.
   */
  HUBSPOT_SEARCH_LAG_MARGIN_MS: z.coerce.number().int().min(0).default(30_000),
  /** Custom CRM object types the object picker offers (comma-separated, e.g. "p_projects,2-123"); see lib/crm/offered-types.ts. */
  CRM_CUSTOM_OBJECT_TYPES: z.string().optional(),
  /** Seconds without a heartbeat after which a running submission's worker counts as dead and another process takes it over. */
  SUBMISSION_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(45),
  /** Uploads read at once, each in a worker thread; more wait in a short queue (lib/uploads/parse/parse-pool.ts). */
  UPLOAD_PARSERS: z.coerce.number().int().min(1).max(16).default(2),
  /** Heap limit of one parse worker; a file that needs more is refused. */
  UPLOAD_PARSE_MEMORY_MB: z.coerce.number().int().min(64).default(512),
  /** Time limit of one parse; a file that takes longer is refused. */
  UPLOAD_PARSE_SECONDS: z.coerce.number().int().min(5).default(300),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;
export function env(): Env {
  cached ??= envSchema.parse(process.env);
  return cached;
}

export function dataDir(): string {
  return path.resolve(env().DATA_DIR);
}
