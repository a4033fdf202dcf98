import "server-only";
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import type { ExportFormat } from "../db/values";
import { neutralise } from "../uploads/export/neutralise";
import type { ExportCell } from "./cells";

/** Rows written to a file as they come, so an export of any size holds one page in memory. */
export interface ExportFileWriter {
  write(rows: readonly ExportCell[][]): Promise<void>;
  /** Finishes the file; answers its size in bytes. */
  close(): Promise<number>;
  /** Stops and deletes what was written. */
  abort(): Promise<void>;
}

export function exportFileWriter(format: ExportFormat, path: string, header: readonly string[]): ExportFileWriter {
  return format === "csv" ? csvWriter(path, header) : xlsxWriter(path, header);
}

/** Waits for the stream to take more when its buffer is full (backpressure), so memory stays bounded. */
async function put(out: WriteStream, text: string) {
  if (!out.write(text)) await once(out, "drain");
}

/**
 * CSV as the results files are written (lib/uploads/export/results-file.ts): a UTF-8 BOM and CRLF,
 * which Excel opens with accents intact, every cell neutralised against formula injection.
 */
function csvWriter(path: string, header: readonly string[]): ExportFileWriter {
  const out = createWriteStream(path);
  const line = (cells: readonly ExportCell[]) => [cells.map((c) => neutralise(String(c)))];
  const unparse = (rows: string[][]) => `${Papa.unparse(rows, { newline: "\r\n" })}\r\n`;
  let started: Promise<void> | undefined = put(out, `\uFEFF${unparse(line(header))}`);
  return {
    async write(rows) {
      await started;
      started = undefined;
      if (rows.length) await put(out, unparse(rows.flatMap(line)));
    },
    async close() {
      await started;
      out.end();
      await once(out, "finish");
      return (await stat(path)).size;
    },
    async abort() {
      out.destroy();
      await rm(path, { force: true });
    },
  };
}

/**
 * XLSX through exceljs' streaming writer: each row is committed (serialised into the zip) as it is
 * added, no shared-strings table is kept, so memory does not grow with the rows. Cells are typed:
 * a text cell is never run as a formula, so no guard apostrophe is put in its text; the header row
 * is bold and frozen.
 */
function xlsxWriter(path: string, header: readonly string[]): ExportFileWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet("Export", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = header.map(() => ({ width: 20 }));
  const top = ws.addRow([...header]);
  top.font = { bold: true };
  top.commit();
  return {
    async write(rows) {
      for (const r of rows) ws.addRow([...r]).commit();
    },
    async close() {
      ws.commit();
      await wb.commit();
      return (await stat(path)).size;
    },
    async abort() {
      try {
        ws.commit();
        await wb.commit();
      } catch {
        // Already broken: the file is deleted either way.
      }
      await rm(path, { force: true });
    },
  };
}
