"use client";

import { useCallback, useEffect, useState } from "react";

const STORAGE_KEY = "batchboard:campaign-columns:v1";

/** Which columns the user shows, remembered in this browser. */
export function useVisibleColumns(all: readonly string[], defaults: readonly string[]) {
  const [visible, setVisible] = useState<string[]>([...defaults]);
  useEffect(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null");
      if (Array.isArray(saved)) setVisible(saved.filter((c: unknown) => typeof c === "string" && all.includes(c)));
    } catch {
      // A corrupt entry just means defaults.
    }
  }, [all]);
  const toggle = useCallback((name: string, on: boolean) => {
    setVisible((prev) => {
      const next = on ? all.filter((c) => prev.includes(c) || c === name) : prev.filter((c) => c !== name);
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      return next;
    });
  }, [all]);
  return [visible, toggle] as const;
}
