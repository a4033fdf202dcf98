"use client";

import { useEffect, useState } from "react";

/** Name search; applies 300 ms after typing stops, or at once on Enter. */
export function SearchBox({ value, onChange }: { value: string; onChange: (v: string | undefined) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const t = setTimeout(() => onChange(text.trim() || undefined), 300);
    return () => clearTimeout(t);
  }, [text, value, onChange]);
  return (
    <input
      type="search"
      aria-label="Search campaigns by name"
      placeholder="Search by name…"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === "Enter") onChange(text.trim() || undefined);
      }}
      className="w-72 rounded border border-slate-300 bg-white px-3 py-1.5 text-sm"
    />
  );
}
