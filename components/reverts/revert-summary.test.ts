import { describe, expect, it } from "vitest";
import { rowsToSend, summaryText } from "./revert-summary";

const summary = {
  restore: 8,
  values: 16,
  archive: 2,
  conflicts: 3,
  archiveConflicts: 1,
  skipped: { GONE: 1, ALREADY_RESTORED: 2 },
  notApplied: 4,
};

describe("revert preview summary", () => {
  it("says what the revert does, in the resource's words", () => {
    expect(summaryText(summary, "campaign")).toBe(
      "Restores 8 campaigns (16 values) · 3 conflicts · archives 2 created campaigns if you confirm · 3 skipped (2 already restored, 1 deleted in HubSpot since) · 4 rows of the submission changed nothing",
    );
    expect(
      summaryText(
        { ...summary, restore: 1, values: 1, archive: 0, conflicts: 0, skipped: {}, notApplied: 0 },
        "contact",
      ),
    ).toBe("Restores 1 contact (1 value)");
    expect(
      summaryText(
        { ...summary, restore: 0, values: 0, conflicts: 0, archiveConflicts: 0, skipped: {}, notApplied: 0 },
        "deal",
      ),
    ).toBe("Archives 2 created deals if you confirm");
    expect(
      summaryText(
        {
          ...summary,
          restore: 0,
          values: 0,
          archive: 0,
          conflicts: 0,
          archiveConflicts: 0,
          skipped: {},
          notApplied: 0,
        },
        "deal",
      ),
    ).toBe("Nothing to revert");
  });

  it("counts the rows sent for each choice: archives only when confirmed, conflicts only when overwritten", () => {
    expect(rowsToSend(summary, { conflicts: "skip", archive: false })).toBe(8);
    expect(rowsToSend(summary, { conflicts: "skip", archive: true })).toBe(10);
    // An archive conflict is sent only when archiving is confirmed too.
    expect(rowsToSend(summary, { conflicts: "overwrite", archive: false })).toBe(10);
    expect(rowsToSend(summary, { conflicts: "overwrite", archive: true })).toBe(13);
  });
});
