"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm, type Resolver } from "react-hook-form";
import type { GridColumn } from "@/components/grid/types";
import { useAction } from "@/components/server-state/use-action";
import { startBulkEditDryRun } from "@/lib/bulk-edits/actions";
import { BulkEditSchema, editProblem, type BulkEdit, type BulkEditKind } from "@/lib/bulk-edits/edit";
import type { ViewQuery } from "@/lib/records/filters";
import { userTimeZone } from "@/lib/time/time-zone";

interface Props {
  objectType: string;
  query: ViewQuery;
  /** The grid's columns: the writable ones are offered. */
  columns: readonly GridColumn[];
  onCancel: () => void;
}

/** Every field of every kind of edit: the schema keeps those of the chosen kind. */
interface FormValues {
  kind: BulkEditKind;
  property: string;
  value?: string;
  find?: string;
  replace?: string;
  matchCase?: boolean;
  to?: "upper" | "lower" | "title";
}

const KINDS: { kind: BulkEditKind; label: string; textOnly?: boolean }[] = [
  { kind: "set", label: "Set to a value" },
  { kind: "clear", label: "Clear" },
  { kind: "replace", label: "Find and replace", textOnly: true },
  { kind: "trim", label: "Trim spaces", textOnly: true },
  { kind: "case", label: "Change case", textOnly: true },
];
const isText = (c: GridColumn | undefined) => c?.type === "text" || c?.type === "longText";
const field = "rounded border border-slate-300 bg-white px-2 py-1.5";

/**
 * Describes the edit for the current view (object type, the URL's filters and search, the user's
 * time zone) and starts its dry run; the dry-run page follows. The property and value are checked
 * with the same rules the server applies (editProblem) before anything is sent.
 */
export function BulkEditForm({ objectType, query, columns, onCancel }: Props) {
  const router = useRouter();
  const writable = columns.filter((c) => !c.readOnly);
  const start = useAction(startBulkEditDryRun, (d) => router.push(`/bulk-edits/${d.id}`));
  const form = useForm<FormValues, unknown, BulkEdit>({
    resolver: zodResolver(BulkEditSchema) as unknown as Resolver<FormValues, unknown, BulkEdit>,
    defaultValues: { kind: "set", property: writable[0]?.key ?? "", value: "", matchCase: false, to: "title" },
  });
  const { register, watch, handleSubmit, setError, formState } = form;
  const kind = watch("kind");
  const column = writable.find((c) => c.key === watch("property"));
  const errors = formState.errors as Partial<Record<keyof FormValues | "root", { message?: string }>>;

  const submit = handleSubmit((edit) => {
    const problem = editProblem(edit, column);
    if (problem) return setError("root", { message: problem });
    start.run({ target: { type: "crm", objectType }, query, timeZone: userTimeZone(), edit });
  });
  const message = errors.root?.message ?? errors.value?.message ?? errors.find?.message ?? start.error?.message;

  return (
    <form onSubmit={submit} aria-label="Bulk edit" className="flex flex-col gap-3 text-sm">
      <label className="flex flex-col gap-1">
        Property
        <select {...register("property")} className={field}>
          {writable.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        Change
        <select {...register("kind")} className={field}>
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind} disabled={k.textOnly && !isText(column)}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      {kind === "set" &&
        (column?.options?.length ? (
          <label className="flex flex-col gap-1">
            New value
            <select {...register("value")} className={field}>
              <option value="">Choose…</option>
              {column.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label className="flex flex-col gap-1">
            New value
            <input
              {...register("value")}
              className={field}
              type={column?.type === "date" ? "date" : "text"}
              placeholder={column?.type === "datetime" ? "2026-03-01T09:30:00Z" : undefined}
            />
          </label>
        ))}
      {kind === "replace" && (
        <>
          <label className="flex flex-col gap-1">
            Find
            <input {...register("find")} className={field} />
          </label>
          <label className="flex flex-col gap-1">
            Replace with
            <input {...register("replace")} className={field} />
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" {...register("matchCase")} />
            Match case
          </label>
        </>
      )}
      {kind === "case" && (
        <label className="flex flex-col gap-1">
          Case
          <select {...register("to")} className={field}>
            <option value="upper">UPPER CASE</option>
            <option value="lower">lower case</option>
            <option value="title">Title Case</option>
          </select>
        </label>
      )}
      {message && (
        <p role="alert" className="text-red-700">
          {message}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" onClick={onCancel} className="rounded border border-slate-300 px-3 py-1.5">
          Cancel
        </button>
        <button
          type="submit"
          disabled={start.pending}
          className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white disabled:opacity-50"
        >
          {start.pending ? "Starting…" : "Dry run"}
        </button>
      </div>
    </form>
  );
}
