CREATE SEQUENCE "public"."submission_row_finish_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "submission_rows" (
	"submission_id" uuid NOT NULL,
	"row_key" text NOT NULL,
	"kind" text NOT NULL,
	"record_id" text,
	"label" text,
	"sent" jsonb NOT NULL,
	"baseline" jsonb,
	"force" boolean DEFAULT false NOT NULL,
	"after" jsonb,
	"status" text DEFAULT 'pending' NOT NULL,
	"error" jsonb,
	"conflict_current" jsonb,
	"finish_seq" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submission_rows_submission_id_row_key_pk" PRIMARY KEY("submission_id","row_key")
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"portal_id" bigint NOT NULL,
	"resource" text NOT NULL,
	"source" text DEFAULT 'grid' NOT NULL,
	"state" text DEFAULT 'running' NOT NULL,
	"total_rows" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "submission_rows" ADD CONSTRAINT "submission_rows_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "submission_rows_status_idx" ON "submission_rows" USING btree ("submission_id","status");--> statement-breakpoint
CREATE INDEX "submission_rows_finish_idx" ON "submission_rows" USING btree ("submission_id","finish_seq");--> statement-breakpoint
CREATE INDEX "submissions_portal_created_idx" ON "submissions" USING btree ("portal_id","created_at");