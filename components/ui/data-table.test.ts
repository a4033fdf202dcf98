import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable, type DataColumn } from "./data-table";

type Item = { id: string; name: string; n: number };
const COLUMNS: DataColumn<Item>[] = [
  { header: "Name", cell: (r) => r.name },
  { header: "Rows", cell: (r) => r.n.toLocaleString("en-US"), className: "tabular-nums" },
];
const render = (props: Partial<Parameters<typeof DataTable<Item>>[0]>) =>
  renderToStaticMarkup(
    createElement(DataTable<Item>, {
      caption: "Things, newest first",
      columns: COLUMNS,
      rows: [],
      rowKey: (r: Item) => r.id,
      ...props,
    }),
  );

describe("DataTable", () => {
  it("renders a captioned table with column headers and one row per item", () => {
    const html = render({
      rows: [
        { id: "a", name: "First", n: 1200 },
        { id: "b", name: "Second", n: 3 },
      ],
    });
    expect(html).toContain('<caption class="sr-only">Things, newest first</caption>');
    expect(html.match(/<th scope="col"/g)).toHaveLength(2);
    expect(html).toMatch(/<th scope="col"[^>]*>Name<\/th>/);
    expect(html.match(/<tr /g)).toHaveLength(3);
    expect(html).toMatch(/<td class="p-2 tabular-nums">1,200<\/td>/);
  });

  it("shows the empty state instead of the table when there are no rows", () => {
    const html = render({ empty: "Nothing yet." });
    expect(html).not.toContain("<table");
    expect(html).toContain("Nothing yet.");
  });

  it("keeps an empty table when no empty state is given, and can show its caption", () => {
    const html = render({ captionVisible: true, density: "compact" });
    expect(html).toContain("<table");
    expect(html).toContain('<caption class="mb-1 text-left font-semibold">Things, newest first</caption>');
    expect(html).toMatch(/<th scope="col" class="p-1">Name<\/th>/);
  });
});
