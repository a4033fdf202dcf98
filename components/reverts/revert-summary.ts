import type { RevertPlanState } from "@/lib/reverts/types";

type Summary = Extract<RevertPlanState, { state: "ready" }>["summary"];

const n = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;

/** Why rows are skipped, in the preview's words. */
const SKIP_WORDS: Record<string, string> = {
  ALREADY_RESTORED: "already restored",
  GONE: "deleted in HubSpot since",
  NO_BEFORE_VALUES: "no values before recorded",
  ARCHIVED: "archived records (HubSpot's API can't restore them)",
  CANNOT_ARCHIVE: "can't be archived here",
};

/** "Restores 8 campaigns (16 values) · 1 conflict · archives 2 created campaigns · 1 skipped (already restored)". */
export function summaryText(s: Summary, noun: string): string {
  const parts: string[] = [];
  if (s.restore > 0) parts.push(`Restores ${n(s.restore, noun)} (${n(s.values, "value")})`);
  if (s.conflicts > 0) parts.push(n(s.conflicts, "conflict"));
  if (s.archive > 0) parts.push(`archives ${n(s.archive, `created ${noun}`)} if you confirm`);
  const order = Object.keys(SKIP_WORDS);
  const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
  const skipped = Object.entries(s.skipped).sort(([a], [b]) => rank(a) - rank(b));
  const total = skipped.reduce((t, [, c]) => t + c, 0);
  if (total > 0)
    parts.push(
      `${total.toLocaleString("en-US")} skipped (${skipped.map(([code, c]) => `${c.toLocaleString("en-US")} ${SKIP_WORDS[code] ?? code.toLowerCase()}`).join(", ")})`,
    );
  if (s.notApplied > 0) parts.push(`${n(s.notApplied, "row")} of the submission changed nothing`);
  const text = parts.join(" · ") || "Nothing to revert";
  return text[0]!.toUpperCase() + text.slice(1);
}

/** How many rows the run sends, given the choices. */
export function rowsToSend(s: Summary, choice: { conflicts: "skip" | "overwrite"; archive: boolean }): number {
  const archives = choice.archive ? s.archive + (choice.conflicts === "overwrite" ? s.archiveConflicts : 0) : 0;
  return s.restore + archives + (choice.conflicts === "overwrite" ? s.conflicts - s.archiveConflicts : 0);
}
