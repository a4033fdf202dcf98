import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";

const dir = mkdtempSync(path.join(tmpdir(), "bb-migrations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The migrations folder as it stood before key_column (0000–0007), so an old upload can be stored. */
function migrationsBefore(tag: string) {
  cpSync("drizzle", dir, { recursive: true });
  const journalPath = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(
    0,
    journal.entries.findIndex((e) => e.tag === tag),
  );
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

it("moves an upload's key column out of its options JSON into key_column, keeping the other options", async () => {
  const client = new PGlite("memory://");
  const db = drizzle(client);
  await migrate(db, { migrationsFolder: migrationsBefore("0008_upload_key_column") });
  const {
    rows: [user],
  } = await client.query<{ id: string }>(
    `insert into users (hubspot_user_id, email) values (1, 'a@example.com') returning id`,
  );
  const {
    rows: [conn],
  } = await client.query<{ id: string }>(
    `insert into connections (user_id, portal_id, hub_domain, api_base, scopes, access_token_enc, refresh_token_enc, access_token_expires_at)
     values ($1, 7, 'd', 'http://h', '{}', 'a', 'r', now()) returning id`,
    [user!.id],
  );
  const insert = (name: string, options: unknown) =>
    client.query(
      `insert into uploads (user_id, connection_id, portal_id, file_name, kind, size_bytes, stored_path, sheets, headers, row_count, options)
     values ($1, $2, 7, $3, 'csv', 1, '/x', '[]', '[]', 1, $4)`,
      [user!.id, conn!.id, name, options === null ? null : JSON.stringify(options)],
    );
  await insert("keyed.csv", { keyColumn: "email", dateFormat: "DMY", delimiter: ";" });
  await insert("unkeyed.csv", { delimiter: "," });
  await insert("new.csv", null);

  await migrate(db, { migrationsFolder: "drizzle" });
  const { rows } = await client.query<{ file_name: string; key_column: string | null; options: unknown }>(
    `select file_name, key_column, options from uploads order by file_name`,
  );
  expect(rows).toEqual([
    { file_name: "keyed.csv", key_column: "email", options: { dateFormat: "DMY", delimiter: ";" } },
    { file_name: "new.csv", key_column: null, options: null },
    { file_name: "unkeyed.csv", key_column: null, options: { delimiter: "," } },
  ]);
  await client.close();
});
