/**
 * A row's `asOf` (RowBaseline.asOf) from a read: the later of the record's own `updatedAt` (the stamp
 * of the newest change its values reflect, so every change they miss is stamped later) and the read's
 * load time on HubSpot's clock (every change the read missed is stamped later too; see
 * lib/hubspot/load-time.ts). Without a load time, its own updatedAt.
 */
export function asOfAt(updatedAt: string, loadedAt: string | undefined): string {
  if (loadedAt === undefined) return updatedAt;
  return Date.parse(updatedAt) >= Date.parse(loadedAt) ? updatedAt : loadedAt;
}
