import type { RowBaseline, RowError, SavedRecord } from "../batch/types";
import type { ViewQuery } from "../records/filters";
import type { ResourceRef } from "../resources/ref";
import type { RevertPlanState } from "../reverts/types";
import type { ColumnMapping, ConversionOptions, MappingTemplate } from "../uploads/mapping/schemas";
import type { ValidationSummary } from "../uploads/mapping/validate-rows";
import type { CsvDelimiter } from "../uploads/parse/csv";
import type { DryRunState } from "../uploads/dry-run-types";
import type { BulkEditRequest, PlannedChange, SampleLine } from "../bulk-edits/types";
import {
  BULK_EDIT_STATES,
  CONNECTION_STATUSES,
  EXPORT_FORMATS,
  EXPORT_STATES,
  ROW_KINDS,
  ROW_RESOLUTIONS,
  ROW_STATUSES,
  SUBMISSION_SOURCES,
  SUBMISSION_STATES,
  UPLOAD_KINDS,
  UPLOAD_MODES,
} from "./values";
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

/** A person who signed in with HubSpot (HubSpot user ids are global across portals). */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    hubspotUserId: bigint("hubspot_user_id", { mode: "number" }).notNull(),
    email: text("email").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_hubspot_user_id_idx").on(t.hubspotUserId)],
);

/**
 * A user's OAuth grant for one portal. Tokens are stored encrypted (AES-256-GCM); background jobs use
 * this row to get a fresh access token without a browser request.
 */
export const connections = pgTable(
  "connections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    portalId: bigint("portal_id", { mode: "number" }).notNull(),
    hubDomain: text("hub_domain").notNull(),
    /** Which HubSpot the grant belongs to: the sandbox URL or https://api.hubapi.com. */
    apiBase: text("api_base").notNull(),
    scopes: text("scopes").array().notNull(),
    accessTokenEnc: text("access_token_enc").notNull(),
    refreshTokenEnc: text("refresh_token_enc").notNull(),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }).notNull(),
    /** Revoked: the refresh failed for good, the user must reconnect. */
    status: text("status", { enum: CONNECTION_STATUSES }).notNull().default("active"),
    statusReason: text("status_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("connections_user_portal_idx").on(t.userId, t.portalId, t.apiBase)],
);

/** Browser sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * In-flight authorization requests: state → PKCE verifier, for ten minutes, and the SHA-256 of the
 * nonce cookie of the browser that started it (lib/auth/sign-in-nonce.ts).
 */
export const oauthFlows = pgTable("oauth_flows", {
  state: text("state").primaryKey(),
  codeVerifier: text("code_verifier").notNull(),
  redirectUri: text("redirect_uri").notNull(),
  returnTo: text("return_to").notNull().default("/campaigns"),
  browserNonceHash: text("browser_nonce_hash"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One submission of edits (from the grid now; uploads, retries and reverts later): who, which portal,
 * which resource, and its progress. Rows are in submission_rows.
 */
export const submissions = pgTable(
  "submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    portalId: bigint("portal_id", { mode: "number" }).notNull(),
    /** Short name for lists (campaigns, marketing-events, crm:contacts); see lib/resources/ref.ts. */
    resource: text("resource").notNull(),
    /** The full ResourceRef (API version, object type, idProperty); null for campaign rows stored before refs existed. */
    resourceRef: jsonb("resource_ref").$type<ResourceRef>(),
    source: text("source", { enum: SUBMISSION_SOURCES }).notNull().default("grid"),
    state: text("state", { enum: SUBMISSION_STATES }).notNull().default("running"),
    /** Why a paused submission waits (the user paused it; the HubSpot connection was revoked). */
    pausedReason: text("paused_reason"),
    totalRows: integer("total_rows").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** A revert: the submission whose changes it undoes. */
    revertOf: uuid("revert_of").references((): AnyPgColumn => submissions.id, { onDelete: "set null" }),
    /** A revert's preview while it is a draft: reading (read / total), ready (its summary) or failed (why). See lib/reverts/. */
    plan: jsonb("plan").$type<RevertPlanState>(),
    /**
     * The process running it (lib/submissions/lease.ts) and when it last said so: a running submission
     * whose heartbeat is older than the lease has lost its worker, and another process takes it over.
     */
    leaseOwner: text("lease_owner"),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
  },
  (t) => [
    index("submissions_portal_created_idx").on(t.portalId, t.createdAt),
    index("submissions_revert_of_idx").on(t.revertOf),
  ],
);

/** Orders finished rows so that pollers can ask for "what finished since I last looked". */
export const submissionRowFinishSeq = pgSequence("submission_row_finish_seq");

/**
 * Every row of a submission: what was sent, the values before (as loaded) and after (as HubSpot
 * returned them), and its fate. The source for history, failure review and revert.
 */
export const submissionRows = pgTable(
  "submission_rows",
  {
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    rowKey: text("row_key").notNull(),
    kind: text("kind", { enum: ROW_KINDS }).notNull(),
    recordId: text("record_id"),
    /** Display name at submit time (hs_name), for history pages. */
    label: text("label"),
    sent: jsonb("sent").$type<Record<string, string>>().notNull(),
    baseline: jsonb("baseline").$type<RowBaseline | null>(),
    force: boolean("force").notNull().default(false),
    after: jsonb("after").$type<SavedRecord | null>(),
    /** Skipped: a revert's row that is not sent (already restored, deleted since, not confirmed; `error` says why). */
    status: text("status", { enum: ROW_STATUSES }).notNull().default("pending"),
    error: jsonb("error").$type<RowError | null>(),
    conflictCurrent: jsonb("conflict_current").$type<SavedRecord | null>(),
    finishSeq: bigint("finish_seq", { mode: "number" }),
    /**
     * A failed row's resolution (failed items): dismissed (with the reason) or retried (a later
     * submission sends it again). Unresolved failed rows are the portal's failed items, except those
     * whose record a later submission saved.
     */
    resolution: text("resolution", { enum: ROW_RESOLUTIONS }),
    resolutionReason: text("resolution_reason"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** Uploads: the row's number in the file (1 = first data row) and its original cells, for the results file. */
    sourceRow: integer("source_row"),
    source: jsonb("source").$type<string[] | null>(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.submissionId, t.rowKey] }),
    index("submission_rows_status_idx").on(t.submissionId, t.status),
    index("submission_rows_finish_idx").on(t.submissionId, t.finishSeq),
    // Failed items: "was this record saved by a later submission?" looks rows up by record.
    index("submission_rows_record_idx").on(t.recordId),
  ],
);

/**
 * An uploaded spreadsheet on its way to becoming a submission: the stored file, the sheet and
 * headers read from it, the target resource and mode, the mapping and conversion options the user
 * chose, and the validation and dry-run summaries. `submissionId` is set when it runs; from then
 * on progress and every row's fate live in submissions / submission_rows like any other submission.
 */
export const uploads = pgTable(
  "uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    portalId: bigint("portal_id", { mode: "number" }).notNull(),
    fileName: text("file_name").notNull(),
    kind: text("kind", { enum: UPLOAD_KINDS }).notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    /** Where the file is kept until the upload is run or deleted (under DATA_DIR/uploads). */
    storedPath: text("stored_path").notNull(),
    sheets: jsonb("sheets").$type<string[]>().notNull(),
    sheet: text("sheet"),
    headers: jsonb("headers").$type<string[]>().notNull(),
    rowCount: integer("row_count").notNull(),
    /** ResourceRef (lib/resources/ref.ts), set when the user picks the target. */
    target: jsonb("target").$type<ResourceRef>(),
    mode: text("mode", { enum: UPLOAD_MODES }),
    /** The property that identifies a row's record (update, upsert), or the unique name (create). */
    keyColumn: text("key_column"),
    mapping: jsonb("mapping").$type<ColumnMapping>(),
    /** The conversion options, and a CSV's delimiter (kept from arrival, so the results file is written with it). */
    options: jsonb("options").$type<Partial<ConversionOptions> & { delimiter?: CsvDelimiter }>(),
    validation: jsonb("validation").$type<ValidationSummary>(),
    dryRun: jsonb("dry_run").$type<DryRunState>(),
    submissionId: uuid("submission_id").references(() => submissions.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("uploads_portal_created_idx").on(t.portalId, t.createdAt)],
);

/** A named column mapping per portal and target, re-applied when a new file's headers match. */
export const mappingTemplates = pgTable(
  "mapping_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    portalId: bigint("portal_id", { mode: "number" }).notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** resourceName() of the target: campaigns, marketing-events, crm:contacts */
    target: text("target").notNull(),
    name: text("name").notNull(),
    template: jsonb("template").$type<MappingTemplate>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("mapping_templates_name_idx").on(t.portalId, t.target, t.name)],
);

/**
 * A saved view (issue 14): a named query (filters, sort, search) and visible columns of one grid
 * (`resource`: campaigns, marketing-events, crm:contacts), shared by every user of the portal. Names
 * are unique per portal and grid ignoring case; lib/views/ keeps the bounds (200 a grid, 300 columns).
 */
export const savedViews = pgTable(
  "saved_views",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    portalId: bigint("portal_id", { mode: "number" }).notNull(),
    resource: text("resource").notNull(),
    name: text("name").notNull(),
    query: jsonb("query").$type<ViewQuery>().notNull(),
    columns: jsonb("columns").$type<string[]>().notNull(),
    // A view outlives the user who made it (it is the portal's): their id is cleared, not the view.
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("saved_views_name_idx").on(t.portalId, t.resource, sql`lower(${t.name})`)],
);

/**
 * A view exported to a file (lib/exports/): the view as it was asked for (resource, query, columns,
 * the user's zone for dates), its progress while the job writes the file, and the file under
 * DATA_DIR/exports until it expires. Only its user downloads it (lib/exports/service.ts).
 */
export const viewExports = pgTable(
  "view_exports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    portalId: bigint("portal_id", { mode: "number" }).notNull(),
    resourceRef: jsonb("resource_ref").$type<ResourceRef>().notNull(),
    query: jsonb("query").$type<ViewQuery>().notNull(),
    columns: jsonb("columns").$type<string[]>().notNull(),
    timeZone: text("time_zone").notNull(),
    format: text("format", { enum: EXPORT_FORMATS }).notNull(),
    state: text("state", { enum: EXPORT_STATES }).notNull().default("queued"),
    /** Records written so far, and the view's total when known (CRM: the search's total). */
    written: integer("written").notNull().default(0),
    total: integer("total"),
    error: text("error"),
    /** The name offered to the browser, and the file's place under DATA_DIR/exports once written. */
    fileName: text("file_name").notNull(),
    storedPath: text("stored_path"),
    sizeBytes: bigint("size_bytes", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("view_exports_user_created_idx").on(t.userId, t.createdAt),
    index("view_exports_created_idx").on(t.createdAt),
  ],
);

/**
 * A bulk edit of a whole view (lib/bulk-edits/): the request (view, edit, time zone), its dry run's
 * progress and counts and a sample, and, once run, its submission. The fixed set of changes lives in
 * bulk_edit_changes, in chunks.
 */
export const bulkEdits = pgTable(
  "bulk_edits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    portalId: bigint("portal_id", { mode: "number" }).notNull(),
    request: jsonb("request").$type<BulkEditRequest>().notNull(),
    state: text("state", { enum: BULK_EDIT_STATES }).notNull().default("reading"),
    /** Why it failed. */
    message: text("message"),
    /** The edited property's label, as the dry run read it (for the page's words). */
    propertyLabel: text("property_label"),
    read: integer("read").notNull().default(0),
    /** Records in the view, as the first search page counted them. */
    total: integer("total"),
    willChange: integer("will_change").notNull().default(0),
    alreadySet: integer("already_set").notNull().default(0),
    cannotChange: integer("cannot_change").notNull().default(0),
    sample: jsonb("sample").$type<SampleLine[]>(),
    /** When the dry run started reading: the set is HubSpot's as of then. */
    readStartedAt: timestamp("read_started_at", { withTimezone: true }),
    readFinishedAt: timestamp("read_finished_at", { withTimezone: true }),
    submissionId: uuid("submission_id").references(() => submissions.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("bulk_edits_user_portal_idx").on(t.userId, t.portalId, t.state)],
);

/** The fixed set of a bulk edit's changes, in chunks (a view may hold 250,000 records: never one JSON value). */
export const bulkEditChanges = pgTable(
  "bulk_edit_changes",
  {
    bulkEditId: uuid("bulk_edit_id")
      .notNull()
      .references(() => bulkEdits.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    changes: jsonb("changes").$type<PlannedChange[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.bulkEditId, t.seq] })],
);
