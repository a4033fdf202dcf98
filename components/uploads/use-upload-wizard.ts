"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { usableTarget } from "@/lib/uploads/mapping/match-columns";
import { SKIP, type ColumnMapping, type ConversionOptions } from "@/lib/uploads/mapping/schemas";
import type { UploadMode } from "@/lib/uploads/mapping/validate-rows";
import { suggestUploadMapping } from "@/lib/uploads/actions";
import type { UploadSettings } from "@/lib/uploads/service";
import { createKey, defaultKey, keyCandidates, modesFor, optionOf, type TargetOption } from "./target-options";
import type { CheckSummary, DryRun, MappingSuggestion, SettingsInput, UploadData } from "./types";
import { useAction } from "@/components/server-state/use-action";

/** The settings stored with the upload by its last check, when it had one. */
function storedSettings(u: UploadData): UploadSettings | null {
  if (!u.validation || !u.target || !u.mode || !u.mapping || !u.options) return null;
  return {
    target: u.target,
    mode: u.mode,
    mapping: u.mapping,
    options: u.options,
    ...(u.keyColumn ? { keyColumn: u.keyColumn } : {}),
  };
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

/** What a new mapping starts with: dates detected, the browser's zone, empty cells left alone. */
const defaultOptions = (): ConversionOptions => ({
  dateFormat: "auto",
  timeZone: browserZone(),
  decimalSeparator: ".",
  emptyMeans: "leave",
  booleanTrue: ["true", "yes", "y", "1"],
  booleanFalse: ["false", "no", "n", "0"],
});

/**
 * The wizard's state: target and action, then the mapping (from the upload as stored, an exact
 * template, or the automatic match), the key column and conversion options, then the check and
 * dry run. Any change upstream drops the results downstream, so what is run is what was checked.
 */
export function useUploadWizard(upload: UploadData, targets: readonly TargetOption[], recordIdKey: string) {
  const [target, setTargetState] = useState<TargetOption | undefined>(() => optionOf(targets, upload.target));
  const [mode, setModeState] = useState<UploadMode>(upload.mode ?? "update");
  const [suggestion, setSuggestion] = useState<MappingSuggestion | null>(null);
  const [mapping, setMappingState] = useState<ColumnMapping>({});
  const [chosenKey, setChosenKey] = useState<string | undefined>(upload.keyColumn);
  const [options, setOptions] = useState<ConversionOptions>(defaultOptions);
  const [template, setTemplate] = useState<string | null>(null);
  const [check, setCheck] = useState<CheckSummary | null>(upload.validation);
  // The settings the check was made with: the dry run sends exactly these.
  const [checked, setChecked] = useState<SettingsInput | null>(() => storedSettings(upload));
  const [dryRun, setDryRun] = useState<DryRun | null>(upload.dryRun);
  // True while the mapping loaded on arrival should take the stored settings, not the automatic ones.
  const restoring = useRef(false);
  // Bumped by every loaded mapping, so the mapping form starts again from its options.
  const [version, setVersion] = useState(0);

  const clearResults = useCallback(() => {
    setCheck(null);
    setChecked(null);
    setDryRun(null);
  }, []);

  const match = useAction(suggestUploadMapping, (data) => {
    setSuggestion(data);
    const exact = data.templates.find((t) => t.match === "exact");
    if (restoring.current && upload.mapping) {
      setMappingState({ ...data.mapping, ...upload.mapping });
      setOptions(upload.options ?? defaultOptions());
    } else if (exact) {
      setMappingState({ ...data.mapping, ...exact.mapping });
      setOptions(exact.options);
      setTemplate(exact.name);
      clearResults();
    } else {
      setMappingState(data.mapping);
      setOptions(defaultOptions());
      setTemplate(null);
      clearResults();
    }
    restoring.current = false;
    setVersion((v) => v + 1);
  });

  // Back on the page (a refresh, a link from history): load the target's columns again for the
  // settings stored with the upload, keeping its check and dry run.
  useEffect(() => {
    if (!target || !upload.target) return;
    restoring.current = true;
    match.run({ id: upload.id, target: target.ref, mode });
    // Once, on arrival: later target changes go through "Match columns".
  }, []); // deliberately no dependencies: runs once, on arrival

  const mapped = useMemo(() => new Set(Object.values(mapping)), [mapping]);
  const candidates = useMemo(
    () => (target && suggestion ? keyCandidates(target, mode, suggestion.columns, mapped, recordIdKey) : []),
    [target, suggestion, mode, mapped, recordIdKey],
  );
  const keyColumn =
    mode === "create"
      ? target && createKey(target, mapped)
      : candidates.some((c) => c.key === chosenKey)
        ? chosenKey
        : target && defaultKey(target, candidates, recordIdKey);

  return {
    version,
    target,
    mode,
    suggestion,
    mapping,
    keyColumn,
    candidates,
    options,
    template,
    check,
    checked,
    dryRun,
    match,
    setTarget(next: TargetOption | undefined) {
      setTargetState(next);
      if (next && !modesFor(next).includes(mode)) setModeState(modesFor(next)[0]!);
      setSuggestion(null);
      setTemplate(null);
      clearResults();
    },
    setMode(next: UploadMode) {
      setModeState(next);
      clearResults();
      // A create cannot write ids or read-only properties: columns mapped to one are no longer imported
      // (the rest of the mapping and the options stay as the user left them).
      if (next === "create" && suggestion) {
        const unusable = new Set(suggestion.columns.filter((c) => !usableTarget(c, "create")).map((c) => c.key));
        setMappingState((m) => Object.fromEntries(Object.entries(m).map(([h, k]) => [h, unusable.has(k) ? SKIP : k])));
      }
    },
    setMapping(header: string, key: string) {
      setMappingState((m) => ({ ...m, [header]: key }));
      clearResults();
    },
    setKeyColumn(key: string) {
      setChosenKey(key);
      clearResults();
    },
    /** The form's options changed: a check made with the old ones no longer holds. */
    optionsChanged: clearResults,
    /** A new sheet has other columns: start again from the target. */
    sheetChanged() {
      setSuggestion(null);
      clearResults();
    },
    settings: (opts: ConversionOptions): UploadSettings | undefined =>
      target && { target: target.ref, mode, mapping, options: opts, ...(keyColumn ? { keyColumn } : {}) },
    setCheck(summary: CheckSummary, settings: SettingsInput) {
      setCheck(summary);
      setChecked(settings);
      setDryRun(null);
    },
    setDryRun,
  };
}

export type UploadWizardState = ReturnType<typeof useUploadWizard>;
