"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { keys, type PortalKeys } from "./query-keys";

const PortalContext = createContext<PortalKeys | null>(null);

/** The signed-in portal's query keys for everything below (set once by the app layout). */
export function PortalScope({ portalId, children }: { portalId: number; children: ReactNode }) {
  const value = useMemo(() => keys.portal(portalId), [portalId]);
  return <PortalContext.Provider value={value}>{children}</PortalContext.Provider>;
}

export function usePortalKeys(): PortalKeys {
  const value = useContext(PortalContext);
  if (!value) throw new Error("usePortalKeys needs a <PortalScope> (the app layout sets it)");
  return value;
}
