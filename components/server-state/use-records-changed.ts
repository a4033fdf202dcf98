"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { usePortalKeys } from "./portal-scope";

/**
 * After a write to HubSpot (a submission, retry, upload or revert finished): every cached record
 * list of the portal and the failed-items count are marked stale, and each reads again when next
 * shown. Nothing refetches now: the list on screen keeps its rows (overlaid with the saved
 * records), so nothing jumps while the user is looking at it.
 */
export function useRecordsChanged() {
  const queryClient = useQueryClient();
  const k = usePortalKeys();
  return useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: k.records, refetchType: "none" });
    void queryClient.invalidateQueries({ queryKey: k.failedItems.all, refetchType: "none" });
  }, [queryClient, k]);
}
