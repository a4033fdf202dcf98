CREATE TABLE "bulk_edit_changes" (
	"bulk_edit_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"changes" jsonb NOT NULL,
	CONSTRAINT "bulk_edit_changes_bulk_edit_id_seq_pk" PRIMARY KEY("bulk_edit_id","seq")
);
--> statement-breakpoint
CREATE TABLE "bulk_edits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"portal_id" bigint NOT NULL,
	"request" jsonb NOT NULL,
	"state" text DEFAULT 'reading' NOT NULL,
	"message" text,
	"property_label" text,
	"read" integer DEFAULT 0 NOT NULL,
	"total" integer,
	"will_change" integer DEFAULT 0 NOT NULL,
	"already_set" integer DEFAULT 0 NOT NULL,
	"cannot_change" integer DEFAULT 0 NOT NULL,
	"sample" jsonb,
	"read_started_at" timestamp with time zone,
	"read_finished_at" timestamp with time zone,
	"submission_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bulk_edit_changes" ADD CONSTRAINT "bulk_edit_changes_bulk_edit_id_bulk_edits_id_fk" FOREIGN KEY ("bulk_edit_id") REFERENCES "public"."bulk_edits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_edits" ADD CONSTRAINT "bulk_edits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_edits" ADD CONSTRAINT "bulk_edits_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_edits" ADD CONSTRAINT "bulk_edits_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulk_edits_user_portal_idx" ON "bulk_edits" USING btree ("user_id","portal_id","state");