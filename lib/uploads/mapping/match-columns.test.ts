import { describe, expect, it } from "vitest";
import { applyTemplate, createTemplate, mappingFromMatches, matchColumns } from "./match-columns";
import { normalizeHeader } from "@/lib/properties/normalize";
import { MappingTemplateSchema } from "./schemas";
import { CAMPAIGN_COLUMNS, CONTACT_COLUMNS } from "./test-fixtures";

const targetsOf = (headers: string[], targets = CONTACT_COLUMNS) => matchColumns(headers, targets).map((m) => m.target);

describe("normalizeHeader", () => {
  it("ignores case, accents, punctuation and whitespace", () => {
    expect(normalizeHeader("E-mail Address")).toBe(normalizeHeader("email address"));
    expect(normalizeHeader("Prénom")).toBe("prenom");
    expect(normalizeHeader("  STRASSE / Straße ")).toBe("strassestrasse");
    expect(normalizeHeader("first_name")).toBe("firstname");
  });
});

describe("matchColumns", () => {
  it("assigns by internal name or label, case-, accent- and punctuation-insensitively", () => {
    expect(targetsOf(["EMAIL", "first name", "Last-Name", "PRÉNOM USUEL", "annualrevenue", "Lead Status"])).toEqual([
      "email",
      "firstname",
      "lastname",
      "prenom",
      "annualrevenue",
      "hs_lead_status",
    ]);
    const [email, first] = matchColumns(["E-mail", "First Name"], CONTACT_COLUMNS);
    expect(email).toMatchObject({ header: "E-mail", index: 0, target: "email", matchedBy: "name" });
    expect(first).toMatchObject({ target: "firstname", matchedBy: "label" });
  });

  it("matches an accented header to an unaccented internal name", () => {
    expect(targetsOf(["Prénom"])).toEqual(["prenom"]);
  });

  it("leaves unknown headers unassigned and suggests close matches, best first", () => {
    const [m] = matchColumns(["Emial"], CONTACT_COLUMNS);
    expect(m!.target).toBeNull();
    expect(m!.suggestions[0]).toMatchObject({ key: "email", reason: "close" });
    expect(m!.suggestions[0]!.similarity).toBeCloseTo(0.6, 2);
    const [n] = matchColumns(["Frist nme"], CONTACT_COLUMNS);
    expect(n!.target).toBeNull();
    expect(n!.suggestions.map((s) => s.key)[0]).toBe("firstname");
    for (const s of n!.suggestions) expect(s.similarity).toBeGreaterThanOrEqual(0.6);
    const sims = n!.suggestions.map((s) => s.similarity);
    expect(sims).toEqual([...sims].sort((a, b) => b - a));
  });

  it("suggests nothing for an unrelated or empty header, and at most three for any", () => {
    const [x, blank] = matchColumns(["Zebra crossing", "  "], CONTACT_COLUMNS);
    expect(x!.suggestions).toEqual([]);
    expect(blank).toMatchObject({ target: null, suggestions: [] });
    const many = matchColumns(
      ["name"],
      [1, 2, 3, 4, 5].map((i) => ({ key: `nam${i}`, label: `Nam${i}`, type: "text" as const })),
    );
    expect(many[0]!.suggestions).toHaveLength(3);
  });

  it("never assigns a read-only property, but suggests it flagged read-only", () => {
    const [id, created] = matchColumns(["Record ID", "createdate"], CONTACT_COLUMNS);
    expect(id!.target).toBeNull();
    expect(id!.suggestions[0]).toEqual({
      key: "hs_object_id",
      label: "Record ID",
      reason: "label",
      similarity: 1,
      readOnly: true,
    });
    expect(created!.target).toBeNull();
    expect(created!.suggestions[0]).toMatchObject({ key: "createdate", reason: "name", readOnly: true });
  });

  it("assigns a target to one header only: the best match, then the first; the others get it as a suggestion", () => {
    const matches = matchColumns(["E-mail", "Email", "email"], CONTACT_COLUMNS);
    // "email" is the internal name as written, so it beats the two normalised spellings before it.
    expect(matches.map((m) => m.target)).toEqual([null, null, "email"]);
    expect(matches[0]!.suggestions[0]).toMatchObject({ key: "email", reason: "name", similarity: 1 });
    const tie = matchColumns(["E-mail", "E mail"], CONTACT_COLUMNS);
    expect(tie.map((m) => m.target)).toEqual(["email", null]);
    expect(tie[1]!.suggestions[0]).toMatchObject({ key: "email", reason: "name" });
  });

  it("prefers a label as written over a normalised internal name", () => {
    const targets = [
      { key: "name", label: "Full name", type: "text" as const },
      { key: "hs_name", label: "Name", type: "text" as const },
    ];
    const [m] = matchColumns(["Name"], targets);
    expect(m).toMatchObject({ target: "hs_name", matchedBy: "label" });
    expect(m!.suggestions[0]).toMatchObject({ key: "name", reason: "name" });
  });

  it("never suggests a header's own target", () => {
    for (const m of matchColumns(["Name", "Start date", "Status"], CAMPAIGN_COLUMNS)) {
      expect(m.target).not.toBeNull();
      expect(m.suggestions.map((s) => s.key)).not.toContain(m.target);
    }
  });

  it("turns matches into a mapping with everything unmatched skipped", () => {
    expect(mappingFromMatches(matchColumns(["Name", "Whatever", "Record ID"], CAMPAIGN_COLUMNS))).toEqual({
      Name: "hs_name",
      Whatever: "skip",
      "Record ID": "skip",
    });
  });
});

describe("templates", () => {
  const template = createTemplate(
    {
      name: "Monthly export",
      target: "crm:contacts",
      headers: ["E-mail", "First Name", "Notes (internal)"],
      mapping: { "E-mail": "email", "First Name": "firstname", "Notes (internal)": "skip" },
      options: { timeZone: "Europe/Berlin", dateFormat: "DMY" },
    },
    new Date("2026-04-01T10:00:00Z"),
  );

  it("stores normalised headers and mapping keys, valid by its schema", () => {
    expect(template.headers).toEqual(["email", "firstname", "notesinternal"]);
    expect(template.mapping).toEqual({ email: "email", firstname: "firstname", notesinternal: "skip" });
    expect(template.options.decimalSeparator).toBe(".");
    expect(MappingTemplateSchema.parse(template)).toEqual(template);
    expect(MappingTemplateSchema.safeParse({ ...template, headers: ["E-mail"] }).success).toBe(false);
    expect(MappingTemplateSchema.safeParse({ ...template, mapping: { other: "email" } }).success).toBe(false);
  });

  it("re-applies to the same headers in another order and spelling", () => {
    const r = applyTemplate(["notes internal", "EMAIL", "first_name"], template);
    expect(r).toEqual({
      match: "exact",
      mapping: { "notes internal": "skip", EMAIL: "email", first_name: "firstname" },
      newHeaders: [],
      missingHeaders: [],
      staleHeaders: [],
    });
  });

  it("names a new header, which needs a choice", () => {
    const r = applyTemplate(["Email", "First name", "Notes (internal)", "Phone"], template);
    expect(r.match).toBe("partial");
    expect(r.newHeaders).toEqual(["Phone"]);
    expect(r.mapping).toEqual({ Email: "email", "First name": "firstname", "Notes (internal)": "skip" });
  });

  it("names a missing header and still applies the rest", () => {
    const r = applyTemplate(["Email", "First name"], template);
    expect(r).toMatchObject({ match: "partial", missingHeaders: ["notesinternal"], newHeaders: [] });
    expect(r.mapping).toEqual({ Email: "email", "First name": "firstname" });
  });

  it("applies nothing to a file with no header in common", () => {
    expect(applyTemplate(["a", "b"], template)).toMatchObject({ match: "none", mapping: {}, newHeaders: ["a", "b"] });
  });

  it("does not map two spellings of one header to the same target", () => {
    const r = applyTemplate(["Email", "E-mail", "First Name", "Notes internal"], template);
    expect(r.mapping).toEqual({ Email: "email", "First Name": "firstname", "Notes internal": "skip" });
    expect(r.newHeaders).toEqual(["E-mail"]);
  });

  it("reports headers whose saved target no longer exists", () => {
    const r = applyTemplate(
      ["Email", "First Name", "Notes internal"],
      template,
      CONTACT_COLUMNS.filter((c) => c.key !== "firstname"),
    );
    expect(r).toMatchObject({
      match: "partial",
      staleHeaders: ["First Name"],
      mapping: { Email: "email", "Notes internal": "skip" },
    });
  });
});

describe("matchColumns with the real campaign targets (issue 11, item 11)", () => {
  const campaignTargets = async () => {
    const { targetColumns } = await import("../targets");
    return targetColumns({ type: "campaigns" }, {} as never);
  };

  it("maps “Campaign name” to the name, and “Start”/“End” to the dates, never to the campaign id", async () => {
    const targets = await campaignTargets();
    for (const mode of ["create", "update", undefined] as const) {
      const [name, start, end] = matchColumns(["Campaign name", "Start", "End"], targets, mode);
      expect(name).toMatchObject({ target: "hs_name", matchedBy: "synonym" });
      expect(start).toMatchObject({ target: "hs_start_date", matchedBy: "synonym" });
      expect(end).toMatchObject({ target: "hs_end_date", matchedBy: "synonym" });
    }
  });

  it("never assigns or suggests the id or a read-only property for a create", async () => {
    const targets = await campaignTargets();
    const matches = matchColumns(
      ["Campaign ID", "Campaign Id", "Record ID", "Owner", "Campaign nam"],
      targets,
      "create",
    );
    for (const m of matches) {
      expect(m.target).toBeNull();
      expect(m.suggestions.map((s) => s.key)).not.toContain("__id");
      expect(m.suggestions.filter((s) => s.readOnly)).toEqual([]);
    }
    expect(matches[4]!.suggestions[0]).toMatchObject({ key: "hs_name", reason: "close" });
    // An update still finds its key column by the id's label.
    expect(matchColumns(["Campaign ID"], targets, "update")[0]).toMatchObject({ target: "__id" });
  });

  it("does not suggest a read-only property for a near spelling", () => {
    const [m] = matchColumns(["Budget totl"], CAMPAIGN_COLUMNS);
    expect(m!.suggestions.map((s) => s.key)).not.toContain("hs_budget_items_sum_amount");
  });
});
