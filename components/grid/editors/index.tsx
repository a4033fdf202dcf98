"use client";

import type { RenderEditCellProps } from "react-data-grid";
import type { GridColumn, GridRow } from "../types";
import { CurrencyEditor } from "./currency-editor";
import { DateEditor } from "./date-editor";
import { DateTimeEditor } from "./datetime-editor";
import { EnumEditor } from "./enum-editor";
import { LongTextEditor } from "./long-text-editor";
import { MultiSelectEditor } from "./multi-select-editor";
import { NumberEditor } from "./number-editor";
import { TextEditor } from "./text-editor";

const EDITORS = {
  text: TextEditor,
  longText: LongTextEditor,
  number: NumberEditor,
  currency: CurrencyEditor,
  date: DateEditor,
  datetime: DateTimeEditor,
  enum: EnumEditor,
  bool: EnumEditor,
  multi: MultiSelectEditor,
} as const;

/** One editor per field type (twenty's rule); read-only columns get none, so rdg never opens one. */
export function editorFor(def: GridColumn) {
  if (def.readOnly || def.render) return undefined;
  const Editor = EDITORS[def.type];
  return function renderEditor(props: RenderEditCellProps<GridRow>) {
    return <Editor {...props} def={def} />;
  };
}
