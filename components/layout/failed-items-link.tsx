"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname } from "next/navigation";
import { countFailedItems } from "@/lib/failed-items/actions";
import { callAction } from "@/components/server-state/action-failure";
import { usePortalKeys } from "@/components/server-state/portal-scope";
import { NavLink } from "./nav-link";

/**
 * "Failed items" with its count. The layout renders once per visit (the App Router keeps it across
 * page changes), so the count is asked for again on every page change and every 30 s.
 */
export function FailedItemsLink({ initial }: { initial: number }) {
  const pathname = usePathname();
  const k = usePortalKeys();
  const { data } = useQuery({
    queryKey: k.failedItems.count(pathname),
    // A failed read keeps the count last shown.
    queryFn: () => callAction(countFailedItems, {}),
    initialData: initial,
    staleTime: 0,
    refetchInterval: 30_000,
  });
  return (
    <NavLink href="/failed" className="rounded px-2 py-1 text-sm font-medium hover:bg-slate-100">
      Failed items
      {data > 0 && (
        <span className="ml-1 rounded-full bg-red-100 px-1.5 text-xs font-semibold text-red-800">
          {data.toLocaleString("en-US")}
        </span>
      )}
    </NavLink>
  );
}
