import "server-only";
import type { StoredRowStatus } from "../../db/values";
import { submissionResultRows, uploadFileFor } from "../../submissions/store";
import { uploadDelimiter } from "../upload-store";
import { resultsCsv, resultsXlsx } from "./results-file";
import { resultsTable } from "./results-rows";

export interface ResultsDownload {
  name: string;
  contentType: string;
  body: string | Uint8Array<ArrayBuffer>;
}

/**
 * A submission's results as a file: every row's fate (with an upload's own columns). A CSV is
 * separated like the upload it came from (its delimiter is kept in the upload's options); a
 * tab-separated upload gets a .tsv back.
 */
export async function resultsDownload(
  submission: { id: string; createdAt: Date },
  format: "csv" | "xlsx",
  status?: StoredRowStatus,
): Promise<ResultsDownload> {
  const upload = await uploadFileFor(submission.id);
  const { header, body } = resultsTable(await submissionResultRows(submission.id, status), upload?.headers ?? null);
  const delimiter = uploadDelimiter(upload?.options) ?? ",";
  const ext = format === "csv" && delimiter === "\t" ? "tsv" : format;
  const name = `batchboard-${submission.createdAt.toISOString().slice(0, 19).replace(/[:T]/g, "-")}${status ? `-${status}` : ""}.${ext}`;
  if (format === "xlsx")
    return {
      name,
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      body: new Uint8Array(await resultsXlsx(header, body)),
    };
  return {
    name,
    contentType: `${ext === "tsv" ? "text/tab-separated-values" : "text/csv"}; charset=utf-8`,
    body: resultsCsv(header, body, delimiter),
  };
}
