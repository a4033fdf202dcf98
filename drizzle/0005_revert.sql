ALTER TABLE "submissions" ADD COLUMN "revert_of" uuid;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "plan" jsonb;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_revert_of_submissions_id_fk" FOREIGN KEY ("revert_of") REFERENCES "public"."submissions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "submission_rows_record_idx" ON "submission_rows" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "submissions_revert_of_idx" ON "submissions" USING btree ("revert_of");