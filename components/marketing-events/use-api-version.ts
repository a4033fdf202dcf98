"use client";

import { useCallback, useEffect, useState } from "react";
import { MarketingEventApiVersionSchema, type MarketingEventApiVersion } from "@/lib/resources/ref";

const storageKey = (portalId: number) => `batchboard:events-api-version:v1:${portalId}`;

/**
 * Which marketing-events API this portal's grid reads and writes: 2026-03 unless the user picked v3
 * (for apps or portals that still need it). Remembered per portal in this browser; every submission
 * stores the version it used, so a resumed one keeps talking to the same API.
 */
export function useApiVersion(portalId: number): [MarketingEventApiVersion, (v: MarketingEventApiVersion) => void] {
  const [version, setVersion] = useState<MarketingEventApiVersion>("2026-03");
  useEffect(() => {
    const saved = MarketingEventApiVersionSchema.safeParse(localStorage.getItem(storageKey(portalId)));
    if (saved.success) setVersion(saved.data);
  }, [portalId]);
  const choose = useCallback(
    (v: MarketingEventApiVersion) => {
      setVersion(v);
      localStorage.setItem(storageKey(portalId), v);
    },
    [portalId],
  );
  return [version, choose];
}
