/**
 * A submission's rows as the database holds them, by row key. `lib/db` is imported when called, so
 * that a test file prepares its environment (DATA_DIR, DATABASE_URL) before the database opens.
 */
export async function storedRows(submissionId: string) {
  const { db, tables } = await import("../../lib/db");
  const { asc, eq } = await import("drizzle-orm");
  return (await db())
    .select()
    .from(tables.submissionRows)
    .where(eq(tables.submissionRows.submissionId, submissionId))
    .orderBy(asc(tables.submissionRows.rowKey));
}
