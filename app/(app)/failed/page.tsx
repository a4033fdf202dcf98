import { FailedGroup } from "@/components/failed-items/failed-group";
import { requireSession } from "@/lib/auth/session";
import { failedRowView } from "@/lib/failed-items/row-view";
import { SHOWN_ROWS } from "@/lib/failed-items/schemas";
import { failedGroups, groupItems, uploadFileNames } from "@/lib/failed-items/store";

export const dynamic = "force-dynamic";

/**
 * Every row that failed in a grid submission, an upload or a retry and is not resolved yet, grouped
 * by resource and kind of error (lib/failed-items/kinds.ts), with what can be done about each group or some of its
 * rows. A group lists its first SHOWN_ROWS rows only, so a group of 40,000 costs one small query.
 */
export default async function FailedItemsPage() {
  const session = await requireSession();
  const portalId = session.connection.portalId;
  const groups = await failedGroups(portalId);
  const shown = await Promise.all(groups.map((g) => groupItems(portalId, g, { limit: SHOWN_ROWS })));
  const files = await uploadFileNames(shown.flat().filter((i) => i.submission.source === "upload").map((i) => i.submission.id));
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-4 p-4">
      <h1 className="text-xl font-semibold">Failed items</h1>
      {groups.length === 0 && <p className="rounded border border-slate-200 bg-white p-6 text-slate-600">Nothing failed, or every failure was resolved.</p>}
      {groups.map((g, i) => (
        <FailedGroup
          key={`${g.resource}|${g.kind}`}
          group={{ resource: g.resource, kind: g.kind }}
          kind={{ label: g.label, meaning: g.meaning, retryable: g.retryable, sample: g.sample }}
          title={g.title}
          count={g.count}
          last={new Date(g.last).toLocaleString("en-US")}
          rows={shown[i]!.map((item) => failedRowView(item, files))}
          portalId={portalId}
          userId={session.user.id}
        />
      ))}
    </div>
  );
}
