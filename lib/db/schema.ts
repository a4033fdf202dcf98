import { bigint, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/** A person who signed in with HubSpot (HubSpot user ids are global across portals). */
export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  hubspotUserId: bigint("hubspot_user_id", { mode: "number" }).notNull(),
  email: text("email").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("users_hubspot_user_id_idx").on(t.hubspotUserId)]);

/**
 * A user's OAuth grant for one portal. Tokens are stored encrypted (AES-256-GCM); background jobs use
 * this row to get a fresh access token without a browser request.
 */
export const connections = pgTable("connections", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  portalId: bigint("portal_id", { mode: "number" }).notNull(),
  hubDomain: text("hub_domain").notNull(),
  /** Which HubSpot the grant belongs to: the sandbox URL or https://api.hubapi.com. */
  apiBase: text("api_base").notNull(),
  scopes: text("scopes").array().notNull(),
  accessTokenEnc: text("access_token_enc").notNull(),
  refreshTokenEnc: text("refresh_token_enc").notNull(),
  accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }).notNull(),
  /** active | revoked (refresh failed for good: the user must reconnect). */
  status: text("status").notNull().default("active"),
  statusReason: text("status_reason"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex("connections_user_portal_idx").on(t.userId, t.portalId, t.apiBase)]);

/** Browser sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable("sessions", {
  id: text("id").primaryKey(),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  connectionId: uuid("connection_id").notNull().references(() => connections.id, { onDelete: "cascade" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
}, (t) => [index("sessions_user_idx").on(t.userId)]);

/** In-flight authorization requests: state → PKCE verifier, for ten minutes. */
export const oauthFlows = pgTable("oauth_flows", {
  state: text("state").primaryKey(),
  codeVerifier: text("code_verifier").notNull(),
  redirectUri: text("redirect_uri").notNull(),
  returnTo: text("return_to").notNull().default("/campaigns"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
