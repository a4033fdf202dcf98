import type { Page } from "@playwright/test";

export const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/** The navigation's count of failed items (other tests of this run may have left failed items of their own). */
export async function failedCount(page: Page) {
  const m = /(\d[\d,]*)/.exec(
    await nav(page)
      .getByRole("link", { name: /^Failed items/ })
      .innerText(),
  );
  return m ? Number(m[1]!.replace(/,/g, "")) : 0;
}

export async function openFailedItems(page: Page) {
  await nav(page)
    .getByRole("link", { name: /^Failed items/ })
    .click();
  await page.getByRole("heading", { name: "Failed items", level: 1 }).waitFor();
}

/** A group's table of rows (opened), by the group's region. */
export async function openRows(group: ReturnType<Page["getByRole"]>) {
  await group.getByText(/^Rows/).click();
  return group.getByRole("table", { name: "Failed rows of this group" });
}
