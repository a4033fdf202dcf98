"use client";

import type { EditorProps } from "./editor-props";
import { SelectEditor } from "./select-editor";

/** Enumerations: the select shows labels ("In progress") and stores internal values ("in_progress"). */
export function EnumEditor(props: EditorProps) {
  return <SelectEditor {...props} options={props.def.options ?? []} allowEmpty />;
}
