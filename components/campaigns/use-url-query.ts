"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";
import type { CampaignQuery } from "@/lib/campaigns/query";

/** Sort and name search live in the URL (?sort=-hs_name&q=launch): shareable, and kept on reload. */
export function useUrlQuery(): [CampaignQuery, (patch: Partial<CampaignQuery>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const query: CampaignQuery = { sort: params.get("sort") ?? undefined, name: params.get("q") ?? undefined };
  const update = useCallback(
    (patch: Partial<CampaignQuery>) => {
      const next = new URLSearchParams(params.toString());
      const set = (key: string, value: string | undefined) => (value ? next.set(key, value) : next.delete(key));
      if ("sort" in patch) set("sort", patch.sort);
      if ("name" in patch) set("q", patch.name);
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [params, router, pathname],
  );
  return [query, update];
}
