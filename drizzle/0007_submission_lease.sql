ALTER TABLE "submissions" ADD COLUMN "lease_owner" text;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "heartbeat_at" timestamp with time zone;