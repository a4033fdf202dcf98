/*
 * Deterministic CRM seed data: companies with unique domains (some "Ltd."), contacts with unique
 * emails (many at their company's domain) and filterable variety (lifecycle stages with realistic
 * weights, countries, dates over five years, numbers, empty values, a multi-checkbox), deals and
 * tickets with valid stages, and custom "projects". Everything is drawn from the module's rng and
 * a fixed reference date, so a seed always yields the same portal. Rows go straight into columns
 * (crm-columns.ts): 1,000,000 contacts seed in a few seconds.
 */
import type { Rng } from "../core/rng";
import type { SeedCounts } from "../core/state";
import {
  BUYING_ROLES,
  DEAL_STAGES,
  INDUSTRIES,
  LEAD_STATUSES,
  LIFECYCLE_STAGES,
  PRIORITIES,
  PROJECT_STATUSES,
  TICKET_PRIORITIES,
  TICKET_STAGES,
} from "./crm-property-defs";
import { TableBuilder } from "./crm-columns";
import { emptyTypeStore, normUnique, type CrmStore } from "./crm-store";
import { CRM_TYPES, type CrmObjectType } from "./crm-types";
import type { CrmPropertyDefinition } from "../../lib/hubspot/schemas/crm";

const REF = Date.UTC(2026, 2, 1);
const DAY = 86_400_000;
const FIRST = [
  "Emma",
  "Liam",
  "Olivia",
  "Noah",
  "Ava",
  "Lucas",
  "Mia",
  "Ethan",
  "Sofia",
  "Mateo",
  "Chloe",
  "Arjun",
  "Hana",
  "Yuki",
  "Leon",
  "Clara",
  "Omar",
  "Fatima",
  "Jonas",
  "Ingrid",
  "Diego",
  "Lucia",
  "Wei",
  "Mei",
  "Kwame",
  "Amara",
  "Priya",
  "Rohan",
  "Elena",
  "Marco",
  "Sara",
  "Tomás",
  "Nina",
  "Felix",
  "Zoe",
  "Hugo",
  "Ines",
  "Oscar",
  "Leila",
  "Sam",
];
const LAST = [
  "Smith",
  "Johnson",
  "Garcia",
  "Müller",
  "Rossi",
  "Dubois",
  "Nakamura",
  "Kim",
  "Patel",
  "Nguyen",
  "Silva",
  "Kowalski",
  "Andersen",
  "O'Brien",
  "Cohen",
  "Haddad",
  "Okafor",
  "Mensah",
  "Schmidt",
  "Lopez",
  "Tanaka",
  "Chen",
  "Singh",
  "Novak",
  "Larsen",
  "Moreau",
  "Costa",
  "Fischer",
  "Ivanova",
  "Walker",
];
const TITLES = [
  "Marketing Manager",
  "Head of Demand Generation",
  "VP Marketing",
  "Content Strategist",
  "Marketing Operations Specialist",
  "CMO",
  "Sales Director",
  "Account Executive",
  "Product Marketing Manager",
  "Growth Lead",
  "Events Manager",
  "CRM Administrator",
  "Software Engineer",
  "Operations Manager",
  "Chief Executive Officer",
  "Office Manager",
  "Procurement Lead",
  "Customer Success Manager",
];
const PLACES = [
  ["Boston", "United States"],
  ["Austin", "United States"],
  ["Toronto", "Canada"],
  ["London", "United Kingdom"],
  ["Dublin", "Ireland"],
  ["Berlin", "Germany"],
  ["Munich", "Germany"],
  ["Hamburg", "Germany"],
  ["Paris", "France"],
  ["Lyon", "France"],
  ["Madrid", "Spain"],
  ["Milan", "Italy"],
  ["Stockholm", "Sweden"],
  ["Zurich", "Switzerland"],
  ["New York", "United States"],
  ["Chicago", "United States"],
  ["Manchester", "United Kingdom"],
  ["Bangalore", "India"],
  ["Mexico City", "Mexico"],
  ["Amsterdam", "Netherlands"],
  ["Tokyo", "Japan"],
  ["Singapore", "Singapore"],
  ["Sydney", "Australia"],
  ["São Paulo", "Brazil"],
] as const;
const FREE_MAIL = ["gmail.com", "outlook.com", "yahoo.com", "proton.me", "icloud.com"];
const CO_A = [
  "Blue",
  "North",
  "Bright",
  "Silver",
  "Summit",
  "Harbor",
  "Iron",
  "Green",
  "Quantum",
  "Cedar",
  "Atlas",
  "Nova",
  "Pioneer",
  "Crescent",
  "Vertex",
  "Evergreen",
];
const CO_B = [
  "Labs",
  "Systems",
  "Analytics",
  "Logistics",
  "Health",
  "Foods",
  "Robotics",
  "Media",
  "Capital",
  "Software",
  "Energy",
  "Works",
  "Studio",
  "Networks",
];
/** Legal-form suffixes; "Ltd." is the bulk find/replace example ("Ltd." → "Limited"). */
const CO_SUFFIX = ["", "", "", " Ltd.", " Inc.", " GmbH", " LLC", " Limited"];
const PRODUCTS = [
  "Enterprise plan",
  "Annual renewal",
  "Pilot",
  "Expansion",
  "Onboarding package",
  "Platform licence",
  "Support upgrade",
];
const TICKET_SUBJECTS = [
  "Cannot log in to the portal",
  "Invoice shows the wrong amount",
  "Export to CSV times out",
  "Request for API access",
  "Form submissions not arriving",
  "Webinar recording missing",
  "Need to change billing contact",
  "Email bounces from our domain",
];
const PROJECT_WORDS = [
  "Website relaunch",
  "CRM migration",
  "Brand refresh",
  "Partner portal",
  "Lead scoring",
  "Event series",
  "ABM pilot",
  "Data cleanup",
  "Newsletter redesign",
  "Attribution model",
];

const iso = (ms: number) => new Date(ms).toISOString();

/** Hands out `base`, `base2`, `base3`...: unique without retry loops, whatever the count. */
function uniqueNamer() {
  const used = new Map<string, number>();
  return (base: string, fmt: (base: string, n: number) => string) => {
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : fmt(base, n);
  };
}

/** Lifecycle stages with a realistic spread: many subscribers and leads, few evangelists. */
const STAGE_WEIGHTS = [20, 30, 12, 8, 7, 15, 3, 5];
function weighted<T>(rng: Rng, items: readonly T[], weights: number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rng.next() * total;
  for (let i = 0; i < items.length; i++) if ((r -= weights[i]!) < 0) return items[i]!;
  return items[items.length - 1]!;
}

type Draft = Record<string, string | number | undefined>;

export function seedCrm(
  rng: Rng,
  counts: SeedCounts,
  defsFor: (t: CrmObjectType) => CrmPropertyDefinition[],
): CrmStore {
  const store: CrmStore = new Map();
  /** `taken(prop, value)`: whether an earlier row holds this unique value. */
  const add = (key: string, n: number, make: (i: number, taken: (prop: string, v: string) => boolean) => Draft) => {
    const type = CRM_TYPES.find((t) => t.key === key)!;
    const defs = defsFor(type);
    const b = new TableBuilder(n, type.idBase, defs, type.createdProp, type.modifiedProp);
    const unique = defs.filter((d) => d.hasUniqueValue).map((d) => d.name);
    const index = new Map(unique.map((p) => [p, new Map<string, string>()]));
    const taken = (prop: string, v: string) => index.get(prop)?.has(normUnique(v)) ?? false;
    for (let i = 0; i < n; i++) {
      // Created 1 day to 5 years before the reference date; modified some time after.
      const created = REF - rng.int(1, 5 * 365) * DAY + rng.int(0, 86_399) * 1000;
      b.set(i, type.createdProp, created);
      b.set(i, type.modifiedProp, created + Math.floor(rng.next() * (REF - created)));
      const draft = make(i, taken);
      for (const k in draft) b.set(i, k, draft[k]);
      for (const p of unique) {
        const v = draft[p];
        if (v !== undefined && v !== "") index.get(p)!.set(normUnique(String(v)), String(type.idBase + i));
      }
    }
    const ts = emptyTypeStore(type, defs, b.done());
    ts.unique = index;
    store.set(key, ts);
  };
  const opt = (list: readonly (readonly [string, string])[]) => rng.pick(list)[0];
  const stages = LIFECYCLE_STAGES.map(([v]) => v);

  const companies: { name: string; domain: string }[] = [];
  const coName = uniqueNamer();
  add("companies", counts.companies ?? 0, () => {
    const suffix = rng.pick(CO_SUFFIX);
    // The number goes before the legal form: "Blue Labs 7 Ltd.", not "Blue Labs Ltd. 7".
    const name = coName(`${rng.pick(CO_A)} ${rng.pick(CO_B)}${suffix}`, (b, n) =>
      suffix ? `${b.slice(0, -suffix.length)} ${n}${suffix}` : `${b} ${n}`,
    );
    const domain = `${name.toLowerCase().replace(/[^a-z0-9]/g, "")}.example.com`;
    const [city, country] = rng.pick(PLACES);
    companies.push({ name, domain });
    return {
      name,
      domain,
      city,
      country,
      industry: opt(INDUSTRIES),
      numberofemployees: rng.int(5, 5000),
      annualrevenue: rng.int(2, 900) * 50_000,
      phone: `+1 617 555 ${String(rng.int(0, 9999)).padStart(4, "0")}`,
      num_associated_contacts: rng.int(0, 40),
    };
  });

  // "Müller" -> "muller", once per name pair.
  const locals = FIRST.flatMap((f) =>
    LAST.map((l) =>
      `${f}.${l}`
        .normalize("NFD")
        .replace(/[^A-Za-z.]/g, "")
        .toLowerCase(),
    ),
  );
  add("contacts", counts.contacts ?? 0, (i, taken) => {
    const fi = rng.int(0, FIRST.length - 1);
    const li = rng.int(0, LAST.length - 1);
    const firstname = FIRST[fi]!;
    const lastname = LAST[li]!;
    const ci = companies.length > 0 && rng.chance(0.75) ? rng.int(0, companies.length - 1) : -1;
    const company = ci >= 0 ? companies[ci] : undefined;
    const di = ci >= 0 ? ci : companies.length + rng.int(0, FREE_MAIL.length - 1);
    const local = locals[fi * LAST.length + li]!;
    const domain = company?.domain ?? FREE_MAIL[di - companies.length]!;
    // A taken address gets the row number: letters-only locals plus a unique number never clash.
    const plain = `${local}@${domain}`;
    const email = taken("email", plain) ? `${local}${i + 1}@${domain}` : plain;
    const [city, country] = rng.pick(PLACES);
    const r1 = rng.chance(0.5) ? undefined : rng.pick(BUYING_ROLES)[0];
    const r2 = r1 && rng.pick(BUYING_ROLES)[0];
    return {
      email,
      firstname,
      lastname,
      city: rng.chance(0.9) ? city : undefined,
      country,
      company: company?.name,
      jobtitle: rng.chance(0.9) ? rng.pick(TITLES) : undefined,
      phone: rng.chance(0.7)
        ? `+1 555 ${String(rng.int(100, 999))} ${String(rng.int(0, 9999)).padStart(4, "0")}`
        : undefined,
      lifecyclestage: weighted(rng, stages, STAGE_WEIGHTS),
      hs_lead_status: rng.chance(0.6) ? opt(LEAD_STATUSES) : undefined,
      hs_buying_role: r1 && (r1 === r2 ? r1 : `${r1};${r2}`),
      hs_email_optout: rng.chance(0.1) ? "true" : "false",
      hs_analytics_num_visits: rng.chance(0.8) ? rng.int(0, 250) : undefined,
      notes_last_contacted: rng.chance(0.65) ? REF - rng.int(0, 4 * 365 * 24) * 3_600_000 : undefined,
      num_associated_deals: rng.int(0, 3),
    };
  });

  add("deals", counts.deals ?? 0, () => {
    const company = companies.length > 0 ? rng.pick(companies).name : `${rng.pick(CO_A)} ${rng.pick(CO_B)}`;
    return {
      dealname: `${company} – ${rng.pick(PRODUCTS)}`,
      amount: rng.int(10, 2000) * 250,
      dealstage: opt(DEAL_STAGES),
      pipeline: "default",
      closedate: REF + rng.int(-180, 270) * DAY,
      hs_priority: opt(PRIORITIES),
      days_to_close: rng.int(5, 240),
    };
  });

  add("tickets", counts.tickets ?? 25, () => ({
    subject: rng.pick(TICKET_SUBJECTS),
    content: "Reported by the customer through the support form. See the conversation for details.",
    hs_pipeline: "0",
    hs_pipeline_stage: opt(TICKET_STAGES),
    hs_ticket_priority: opt(TICKET_PRIORITIES),
  }));

  const project = uniqueNamer();
  add("p_projects", counts.p_projects ?? counts.projects ?? 12, () => ({
    project_name: project(rng.pick(PROJECT_WORDS), (b, n) => `${b} ${n}`),
    budget: rng.int(5, 250) * 1000,
    status: opt(PROJECT_STATUSES),
    start_date: Date.parse(iso(REF + rng.int(-200, 120) * DAY).slice(0, 10)),
    project_manager: `${rng.pick(FIRST)} ${rng.pick(LAST)}`,
  }));
  return store;
}
