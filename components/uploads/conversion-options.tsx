"use client";

import { useMemo } from "react";
import type { UseFormReturn } from "react-hook-form";
import {
  DATE_FORMATS,
  type ConversionOptions,
  type ConversionOptionsInput,
  type DateFormat,
} from "@/lib/uploads/mapping/schemas";

export type OptionsForm = UseFormReturn<ConversionOptionsInput, unknown, ConversionOptions>;

const DATE_LABELS: Record<DateFormat, string> = {
  auto: "Detect from the values",
  ISO: "ISO (2026-03-31)",
  DMY: "Day/month/year (31/03/2026)",
  MDY: "Month/day/year (03/31/2026)",
  YMD: "Year/month/day (2026/03/31)",
  "excel-serial": "Excel serial numbers (46112)",
};

const field = "flex flex-col gap-1 text-sm font-medium";
const input = "rounded border border-slate-300 px-2 py-1 font-normal";

/** How cells are read: dates, the zone of times without one, numbers, and what an empty cell means. */
export function ConversionOptionsFields({ form }: { form: OptionsForm }) {
  const {
    register,
    formState: { errors },
  } = form;
  // Every zone Intl knows, offered as the user types (any IANA name is accepted).
  const zones = useMemo(
    () => (typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []),
    [],
  );
  return (
    <fieldset className="flex flex-wrap items-start gap-6">
      <legend className="mb-2 text-base font-semibold">Conversion options</legend>
      <label className={field}>
        Date format
        <select className={input} {...register("dateFormat")}>
          {DATE_FORMATS.map((f) => (
            <option key={f} value={f}>
              {DATE_LABELS[f]}
            </option>
          ))}
        </select>
      </label>
      <label className={field}>
        Time zone
        <input
          className={input}
          list="upload-time-zones"
          autoComplete="off"
          aria-invalid={errors.timeZone ? true : undefined}
          aria-describedby={errors.timeZone ? "time-zone-error" : "time-zone-hint"}
          {...register("timeZone")}
        />
        <datalist id="upload-time-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        {errors.timeZone ? (
          <span id="time-zone-error" className="font-normal text-red-700">
            {errors.timeZone.message}
          </span>
        ) : (
          <span id="time-zone-hint" className="font-normal text-slate-500">
            For date-times written without one
          </span>
        )}
      </label>
      <label className={field}>
        Decimal separator
        <select className={input} {...register("decimalSeparator")}>
          <option value=".">Point (1,234.5)</option>
          <option value=",">Comma (1.234,5)</option>
        </select>
      </label>
      <div role="radiogroup" aria-labelledby="empty-cells-label" className="flex flex-col gap-1 text-sm">
        <span id="empty-cells-label" className="font-medium">
          Empty cells
        </span>
        <label className="flex items-center gap-1.5">
          <input type="radio" value="leave" {...register("emptyMeans")} /> Leave the property unchanged
        </label>
        <label className="flex items-center gap-1.5">
          <input type="radio" value="clear" {...register("emptyMeans")} /> Clear the property
        </label>
      </div>
      {errors.booleanFalse && (
        <p role="alert" className="text-sm text-red-700">
          {errors.booleanFalse.message}
        </p>
      )}
    </fieldset>
  );
}
