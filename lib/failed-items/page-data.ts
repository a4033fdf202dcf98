import "server-only";
import type { Session } from "../auth/session";
import { failedRowView } from "./row-view";
import { SHOWN_ROWS } from "./schemas";
import { failedGroups, groupItems, uploadFileNames } from "./store";

/**
 * The failed-items page: the portal's unresolved failed rows in groups, each with its first
 * SHOWN_ROWS rows only, so a group of 40,000 costs one small query.
 */
export async function failedItemsPageData(session: Session) {
  const portalId = session.connection.portalId;
  const groups = await failedGroups(portalId);
  const shown = await Promise.all(groups.map((g) => groupItems(portalId, g, { limit: SHOWN_ROWS })));
  const files = await uploadFileNames(
    shown
      .flat()
      .filter((i) => i.submission.source === "upload")
      .map((i) => i.submission.id),
  );
  return {
    portalId,
    userId: session.user.id,
    groups: groups.map((g, i) => ({
      key: { resource: g.resource, kind: g.kind },
      kind: { label: g.label, meaning: g.meaning, retryable: g.retryable, sample: g.sample },
      title: g.title,
      count: g.count,
      last: new Date(g.last).toLocaleString("en-US"),
      rows: shown[i]!.map((item) => failedRowView(item, files)),
    })),
  };
}
