import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { resetSandbox, signIn } from "./support";

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

test("sign-in, consent and campaigns pages have no serious accessibility violations", async ({ page, request }) => {
  await resetSandbox(request);
  await page.goto("/");
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("link", { name: "Sign in with HubSpot" }).click();
  await expect(page.getByRole("button", { name: "Grant access" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto("/");
  await signIn(page);
  await expect(page.getByRole("status").filter({ hasText: "campaigns" })).toHaveText(/230 campaigns/, {
    timeout: 30_000,
  });
  expect(await seriousViolations(page)).toEqual([]);
});

test("marketing events and CRM pages (with the column chooser open) have no serious accessibility violations", async ({
  page,
  request,
}) => {
  await resetSandbox(request);
  await signIn(page);
  await page.goto("/marketing-events");
  await expect(page.getByRole("status").filter({ hasText: "events" })).toHaveText("120 events", { timeout: 30_000 });
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto("/crm/contacts");
  await expect(page.getByRole("status").filter({ hasText: "contacts" })).toHaveText("300 contacts", {
    timeout: 30_000,
  });
  await page.getByText(/^Columns \(/).click();
  await expect(page.getByLabel("Filter columns")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto("/failed");
  await expect(page.getByRole("heading", { name: "Failed items" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
