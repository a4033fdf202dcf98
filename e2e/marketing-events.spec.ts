import { expect, test, type Page } from "@playwright/test";
import {
  cellText,
  clearRequestLog,
  gridCell,
  namedGrid,
  requestLog,
  resultsStatus,
  reviewAndSubmit,
  sandboxCall,
  sandboxRecords,
  typeIn,
} from "./records-support";
import { resetSandbox, signIn } from "./support";

// Date-times are shown and typed in the browser's zone: pin one that is not UTC.
test.use({ viewport: { width: 1800, height: 900 }, timezoneId: "Europe/Berlin" });

const GRID = "Marketing events";
const START = "Start date and time (Europe/Berlin)";
const END = "End date and time (Europe/Berlin)";

interface StoredEvent {
  objectId: string;
  eventName: string;
  eventOrganizer?: string;
  startDateTime?: string;
  endDateTime?: string;
  customProperties: { name: string; value: string }[];
}

async function openEvents(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Marketing events" }).click();
  await expect(page.getByRole("status").filter({ hasText: "events" })).toHaveText("120 events", { timeout: 30_000 });
}

test.beforeEach(async ({ request, page }) => {
  await resetSandbox(request);
  await signIn(page);
  await openEvents(page);
});

test("edits to events reach HubSpot through 2026-03, with local times sent in UTC", async ({ page, request }) => {
  const before = await sandboxRecords<StoredEvent>(request, "marketing-events");
  // The grid shows HubSpot's list order.
  expect(await cellText(page, GRID, 0, "Event name")).toBe(before[0]!.eventName);
  await clearRequestLog(request);

  await typeIn(page, GRID, 0, "Organizer", "E2E Events Team");
  await typeIn(page, GRID, 0, START, "2026-05-04 10:30");
  await typeIn(page, GRID, 0, END, "2026-05-04 12:00");
  await typeIn(page, GRID, 1, "region", "Antarctica");
  // What was typed is shown in Berlin time, as typed.
  await expect(await gridCell(page, GRID, 0, START)).toHaveText("05/04/2026 10:30");
  await reviewAndSubmit(page, "2 updated events, 4 changed cells");
  await expect(resultsStatus(page)).toHaveText("Saved 2 · Failed 0 · Conflicts 0 · Waiting 0", { timeout: 30_000 });

  const after = new Map((await sandboxRecords<StoredEvent>(request, "marketing-events")).map((e) => [e.objectId, e]));
  const e0 = after.get(before[0]!.objectId)!;
  expect(e0.eventOrganizer).toBe("E2E Events Team");
  // 10:30 in Berlin on 4 May (summer time, UTC+2) is 08:30 UTC.
  expect(Date.parse(e0.startDateTime!)).toBe(Date.parse("2026-05-04T08:30:00Z"));
  expect(Date.parse(e0.endDateTime!)).toBe(Date.parse("2026-05-04T10:00:00Z"));
  expect(after.get(before[1]!.objectId)!.customProperties).toContainEqual(
    expect.objectContaining({ name: "region", value: "Antarctica" }),
  );
  // Every other event is untouched.
  for (const e of before.slice(2)) expect(after.get(e.objectId)).toEqual(e);

  const writes = await requestLog(request, "/marketing/");
  const updates = writes.filter((r) => r.path.endsWith("/batch/update"));
  expect(updates.map((r) => r.path)).toEqual(["/marketing/marketing-events/2026-03/batch/update"]);
  expect(updates[0]!.requestBody?.inputs).toHaveLength(2);
});

test("an end before the start is caught before sending; an event deleted in HubSpot fails alone", async ({
  page,
  request,
}) => {
  const before = await sandboxRecords<StoredEvent>(request, "marketing-events");
  await typeIn(page, GRID, 0, END, "2001-01-01 09:00");
  const endCell = await gridCell(page, GRID, 0, END);
  await expect(endCell).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("region", { name: "Unsaved changes" })).toContainText("1 row with errors");
  // Undo takes the bad value back: nothing is left to submit.
  await page.keyboard.press("Control+z");
  await expect(page.getByRole("region", { name: "Unsaved changes" })).toHaveCount(0);

  await typeIn(page, GRID, 1, "Organizer", "Will be gone");
  await typeIn(page, GRID, 2, "Organizer", "Still here");
  // Someone deletes event 1 in HubSpot after the grid loaded it.
  await sandboxCall(request, "DELETE", `/marketing/marketing-events/2026-03/${before[1]!.objectId}`);
  await reviewAndSubmit(page, "2 updated events, 2 changed cells");
  await expect(resultsStatus(page)).toHaveText("Saved 1 · Failed 1 · Conflicts 0 · Waiting 0", { timeout: 30_000 });
  const failed = page.getByRole("list", { name: "Failed rows" });
  await expect(failed).toContainText(before[1]!.eventName);
  await expect(namedGrid(page, GRID).getByRole("gridcell", { name: /^Failed: / })).toHaveCount(1);
  const stored = new Map((await sandboxRecords<StoredEvent>(request, "marketing-events")).map((e) => [e.objectId, e]));
  expect(stored.get(before[2]!.objectId)!.eventOrganizer).toBe("Still here");
  expect(stored.has(before[1]!.objectId)).toBe(false);
});

test("the v3 API setting reads and writes through /marketing/v3 and is remembered", async ({ page, request }) => {
  const before = await sandboxRecords<StoredEvent>(request, "marketing-events");
  await clearRequestLog(request);
  await page.getByLabel("HubSpot API version").selectOption("v3");
  await expect(page.getByRole("status").filter({ hasText: "events" })).toHaveText("120 events", { timeout: 30_000 });
  await typeIn(page, GRID, 0, "Organizer", "Through v3");
  await reviewAndSubmit(page, "1 updated event");
  await expect(resultsStatus(page)).toHaveText("Saved 1 · Failed 0 · Conflicts 0 · Waiting 0", { timeout: 30_000 });

  const log = await requestLog(request, "/marketing/");
  expect(log.some((r) => r.path === "/marketing/marketing-events/v3")).toBe(true);
  expect(log.filter((r) => r.path.endsWith("/batch/update")).map((r) => r.path)).toEqual([
    "/marketing/v3/marketing-events/batch/update",
  ]);
  const stored = (await sandboxRecords<StoredEvent>(request, "marketing-events")).find(
    (e) => e.objectId === before[0]!.objectId,
  )!;
  expect(stored.eventOrganizer).toBe("Through v3");

  await page.reload();
  await expect(page.getByLabel("HubSpot API version")).toHaveValue("v3");
});
