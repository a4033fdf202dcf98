"use client";

import type { EditorProps } from "./editor-props";
import { SelectEditor } from "./select-editor";

/** ISO 4217 codes only (HubSpot rejects anything else, and lower case); type-ahead jumps to "EUR". */
export function CurrencyEditor(props: EditorProps) {
  return <SelectEditor {...props} options={props.def.options ?? []} allowEmpty />;
}
