ALTER TABLE "uploads" ADD COLUMN "key_column" text;--> statement-breakpoint
-- The key column used to ride in the options JSON: copy it out (kept data), then drop it from there.
UPDATE "uploads" SET "key_column" = "options"->>'keyColumn', "options" = "options" - 'keyColumn' WHERE "options" ? 'keyColumn';
