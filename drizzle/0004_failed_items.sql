ALTER TABLE "submission_rows" ADD COLUMN "resolution" text;--> statement-breakpoint
ALTER TABLE "submission_rows" ADD COLUMN "resolution_reason" text;--> statement-breakpoint
ALTER TABLE "submission_rows" ADD COLUMN "resolved_at" timestamp with time zone;