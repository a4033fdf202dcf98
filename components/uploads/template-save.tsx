"use client";

import { useState } from "react";
import { ActionErrorAlert } from "@/components/records/action-error-alert";
import { saveMappingTemplate } from "@/lib/uploads/actions";
import type { ConversionOptions } from "@/lib/uploads/mapping/schemas";
import type { UploadSettings } from "@/lib/uploads/service";
import { useAction } from "@/components/server-state/use-action";

interface Props {
  uploadId: string;
  /** Runs `save` with the form's checked options (nothing when the form is invalid). */
  withOptions: (save: (options: ConversionOptions) => void) => void;
  settings: (options: ConversionOptions) => UploadSettings | undefined;
}

/** Saves the mapping and options under a name; a later file with the same columns gets them back. */
export function TemplateSave({ uploadId, withOptions, settings }: Props) {
  const [name, setName] = useState("");
  const save = useAction(saveMappingTemplate);
  const submit = () =>
    withOptions((options) => {
      const s = settings(options);
      if (s && name.trim()) save.run({ id: uploadId, name: name.trim(), settings: s });
    });
  return (
    <div className="flex flex-wrap items-end gap-2 text-sm">
      <label className="flex flex-col gap-1 font-medium">
        Template name
        <input
          className="rounded border border-slate-300 px-2 py-1 font-normal"
          value={name}
          maxLength={100}
          onChange={(e) => {
            setName(e.target.value);
            save.reset();
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              submit();
            }
          }}
        />
      </label>
      <button
        type="button"
        className="rounded border border-slate-300 px-3 py-1 disabled:opacity-50"
        disabled={!name.trim() || save.pending}
        onClick={submit}
      >
        {save.pending ? "Saving…" : "Save mapping as template"}
      </button>
      {save.data && (
        <p role="status" className="text-green-800">
          Saved as template “{save.data.name}”.
        </p>
      )}
      {save.error && (
        <ActionErrorAlert
          error={save.error}
          prefix="The template was not saved: "
          returnTo={`/uploads/${uploadId}`}
          onRetry={submit}
        />
      )}
    </div>
  );
}
