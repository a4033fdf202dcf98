import { FailedGroup } from "@/components/failed-items/failed-group";
import { requireSession } from "@/lib/auth/session";
import { failedItemsPageData } from "@/lib/failed-items/page-data";

export const dynamic = "force-dynamic";

/**
 * Every row that failed in a grid submission, an upload or a retry and is not resolved yet, grouped
 * by resource and kind of error (lib/failed-items/kinds.ts), with what can be done about each group or some of its rows.
 */
export default async function FailedItemsPage() {
  const { groups, portalId, userId } = await failedItemsPageData(await requireSession());
  return (
    <div className="mx-auto flex w-full max-w-6xl flex-col gap-4 p-4">
      <h1 className="text-xl font-semibold">Failed items</h1>
      {groups.length === 0 && (
        <p className="rounded border border-slate-200 bg-white p-6 text-slate-600">
          Nothing failed, or every failure was resolved.
        </p>
      )}
      {groups.map((g) => (
        <FailedGroup
          key={`${g.key.resource}|${g.key.kind}`}
          group={g.key}
          kind={g.kind}
          title={g.title}
          count={g.count}
          last={g.last}
          rows={g.rows}
          portalId={portalId}
          userId={userId}
        />
      ))}
    </div>
  );
}
