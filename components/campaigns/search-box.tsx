"use client";

import { useEffect, useRef, useState } from "react";

interface Props {
  value: string;
  onChange: (v: string | undefined) => void;
  /** Every keystroke, before the search is sent: the page filters what it has loaded at once. */
  onTyping?: (text: string) => void;
}

/** Name search; sent to HubSpot 300 ms after typing stops, or at once on Enter. */
export function SearchBox({ value, onChange, onTyping }: Props) {
  const [text, setText] = useState(value);
  // The page re-renders at every loaded page with new callbacks: the timer must not restart then,
  // or a search typed while 10,000 campaigns load waits for the last page.
  const latest = useRef({ onChange, onTyping });
  latest.current = { onChange, onTyping };
  useEffect(() => {
    setText(value);
    latest.current.onTyping?.(value);
  }, [value]);
  useEffect(() => {
    if (text === value) return;
    const t = setTimeout(() => latest.current.onChange(text.trim() || undefined), 300);
    return () => clearTimeout(t);
  }, [text, value]);
  return (
    <input
      type="search"
      aria-label="Search campaigns by name"
      placeholder="Search by name…"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onTyping?.(e.target.value);
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter") onChange(text.trim() || undefined);
      }}
      className="w-72 rounded border border-slate-300 bg-white px-3 py-1.5 text-sm"
    />
  );
}
