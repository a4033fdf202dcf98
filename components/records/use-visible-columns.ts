"use client";

import { useCallback, useEffect, useState } from "react";
import { LEGACY_STORAGE } from "@/lib/resources/registry";

// A resource's pre-registry key (campaigns) is kept, so nobody's column choice is lost in the upgrade.
const storageKey = (resourceKey: string) =>
  LEGACY_STORAGE[resourceKey]?.columns ?? `batchboard:columns:v1:${resourceKey}`;

const SET_ALL_EVENT = "batchboard:columns-set";

/**
 * Shows exactly these columns of a resource (a saved view's): stored for the browser, and taken at
 * once by every useVisibleColumns of that resource in this tab (a page may own its own, as CRM does).
 * Columns the grid does not have are left out when read.
 */
export function setVisibleColumns(resourceKey: string, columns: readonly string[]) {
  const key = storageKey(resourceKey);
  localStorage.setItem(key, JSON.stringify(columns));
  window.dispatchEvent(new CustomEvent(SET_ALL_EVENT, { detail: key }));
}

/** Which columns the user shows, per resource, remembered in this browser. */
export function useVisibleColumns(resourceKey: string, all: readonly string[], defaults: readonly string[]) {
  const STORAGE_KEY = storageKey(resourceKey);
  const [visible, setVisible] = useState<string[]>([...defaults]);
  useEffect(() => {
    setVisible([...defaults]);
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null");
      if (Array.isArray(saved)) setVisible(saved.filter((c: unknown) => typeof c === "string" && all.includes(c)));
    } catch {
      // A corrupt entry just means defaults.
    }
  }, [all, STORAGE_KEY, defaults]);
  // setVisibleColumns (a saved view opened) replaced the choice.
  useEffect(() => {
    const reread = (e: Event) => {
      if ((e as CustomEvent<string>).detail !== STORAGE_KEY) return;
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]") as string[];
      setVisible(all.filter((c) => saved.includes(c)));
    };
    window.addEventListener(SET_ALL_EVENT, reread);
    return () => window.removeEventListener(SET_ALL_EVENT, reread);
  }, [all, STORAGE_KEY]);
  const toggle = useCallback(
    (name: string, on: boolean) => {
      setVisible((prev) => {
        const next = on ? all.filter((c) => prev.includes(c) || c === name) : prev.filter((c) => c !== name);
        localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
        return next;
      });
    },
    [all, STORAGE_KEY],
  );
  return [visible, toggle] as const;
}
