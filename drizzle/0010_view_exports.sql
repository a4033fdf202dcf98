CREATE TABLE "view_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"portal_id" bigint NOT NULL,
	"resource_ref" jsonb NOT NULL,
	"query" jsonb NOT NULL,
	"columns" jsonb NOT NULL,
	"time_zone" text NOT NULL,
	"format" text NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"written" integer DEFAULT 0 NOT NULL,
	"total" integer,
	"error" text,
	"file_name" text NOT NULL,
	"stored_path" text,
	"size_bytes" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "view_exports" ADD CONSTRAINT "view_exports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "view_exports" ADD CONSTRAINT "view_exports_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "view_exports_user_created_idx" ON "view_exports" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "view_exports_created_idx" ON "view_exports" USING btree ("created_at");