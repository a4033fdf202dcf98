"use client";

import { useSyncExternalStore } from "react";
import {
  dateOrderSetting,
  localeDateStyle,
  ORDER_WORDS,
  sampleDate,
  setDateOrderSetting,
  styleFor,
  subscribeDateOrder,
  type DateOrderSetting,
} from "./date-order";

/** The current setting, re-rendering when it changes (the server renders "locale"). */
export function useDateOrderSetting(): DateOrderSetting {
  return useSyncExternalStore(subscribeDateOrder, dateOrderSetting, () => "locale");
}

const noChange = () => () => {};
const browserLocale = () => navigator.language || "en-US";

/** "Date order" setting: the browser's locale (the default) or an order the user chooses. */
export function DateOrderSelect() {
  const setting = useDateOrderSetting();
  // Read like the setting: the server renders a neutral label, hydration then shows the browser's.
  const locale = useSyncExternalStore(noChange, browserLocale, () => "en-US");
  const own = localeDateStyle(locale);
  const option = (value: DateOrderSetting, label: string) => (
    <option key={value} value={value}>
      {label}
    </option>
  );
  return (
    <label className="flex items-center gap-1 text-sm text-slate-600">
      Date order
      <select
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm"
        value={setting}
        onChange={(e) => setDateOrderSetting(e.target.value as DateOrderSetting)}
      >
        {option("locale", `As in ${locale} (${ORDER_WORDS[own.order]}, ${sampleDate(own)})`)}
        {(["DMY", "MDY", "YMD"] as const).map((o) =>
          option(
            o,
            `${ORDER_WORDS[o][0]!.toUpperCase()}${ORDER_WORDS[o].slice(1)} (${sampleDate(styleFor(o, locale))})`,
          ),
        )}
      </select>
    </label>
  );
}
