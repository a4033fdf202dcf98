/*
 * Deterministic CRM seed data: companies with unique domains, contacts with unique emails (many
 * at their company's domain), deals and tickets with valid stages, and custom "projects".
 * Everything is drawn from the module's rng and a fixed reference date, so a seed always yields
 * the same portal. Built for speed: 20,000 contacts seed in a few tens of milliseconds.
 */
import type { Rng } from "../core/rng";
import type { SeedCounts } from "../core/state";
import {
  DEAL_STAGES,
  INDUSTRIES,
  LEAD_STATUSES,
  LIFECYCLE_STAGES,
  PRIORITIES,
  PROJECT_STATUSES,
  TICKET_PRIORITIES,
  TICKET_STAGES,
} from "./crm-property-defs";
import { emptyTypeStore, putRecord, type CrmStore } from "./crm-store";
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
];
const PLACES = [
  ["Boston", "United States"],
  ["Austin", "United States"],
  ["Toronto", "Canada"],
  ["London", "United Kingdom"],
  ["Dublin", "Ireland"],
  ["Berlin", "Germany"],
  ["Paris", "France"],
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

function stamps(rng: Rng) {
  const created = REF - rng.int(1, 3 * 365) * DAY + rng.int(0, 86_399) * 1000;
  const updated = created + Math.floor(rng.next() * (REF - created));
  return { created, updated };
}

type Draft = Record<string, string | undefined>;

export function seedCrm(
  rng: Rng,
  counts: SeedCounts,
  defsFor: (t: CrmObjectType) => CrmPropertyDefinition[],
): CrmStore {
  const store: CrmStore = new Map();
  const add = (key: string, n: number, make: (i: number) => Draft) => {
    const type = CRM_TYPES.find((t) => t.key === key)!;
    const ts = emptyTypeStore(type, defsFor(type));
    for (let i = 0; i < n; i++) {
      const id = String(ts.nextId++);
      const { created, updated } = stamps(rng);
      const createdAt = iso(created);
      const updatedAt = iso(updated);
      const properties: Record<string, string> = {
        hs_object_id: id,
        [type.createdProp]: createdAt,
        [type.modifiedProp]: updatedAt,
      };
      const draft = make(i);
      for (const k in draft) if (draft[k] !== undefined) properties[k] = draft[k];
      putRecord(ts, { id, properties, createdAt, updatedAt, archived: false });
    }
    store.set(key, ts);
  };
  const opt = (list: readonly (readonly [string, string])[]) => rng.pick(list)[0];

  const companies: { name: string; domain: string }[] = [];
  const coName = uniqueNamer();
  add("companies", counts.companies ?? 0, () => {
    const name = coName(`${rng.pick(CO_A)} ${rng.pick(CO_B)}`, (b, n) => `${b} ${n}`);
    const domain = `${name.toLowerCase().replace(/[^a-z0-9]/g, "")}.example.com`;
    const [city, country] = rng.pick(PLACES);
    companies.push({ name, domain });
    return {
      name,
      domain,
      city,
      country,
      industry: opt(INDUSTRIES),
      numberofemployees: String(rng.int(5, 5000)),
      annualrevenue: String(rng.int(2, 900) * 50_000),
      phone: `+1 617 555 ${String(rng.int(0, 9999)).padStart(4, "0")}`,
      num_associated_contacts: String(rng.int(0, 40)),
    };
  });

  const email = uniqueNamer();
  const locals = new Map<string, string>(); // "Müller" -> "muller", computed once per name pair
  const localPart = (first: string, last: string) => {
    const k = `${first}.${last}`;
    let v = locals.get(k);
    if (v === undefined)
      locals.set(
        k,
        (v = k
          .normalize("NFD")
          .replace(/[^A-Za-z.]/g, "")
          .toLowerCase()),
      );
    return v;
  };
  add("contacts", counts.contacts ?? 0, () => {
    const firstname = rng.pick(FIRST);
    const lastname = rng.pick(LAST);
    const company = companies.length > 0 && rng.chance(0.75) ? rng.pick(companies) : undefined;
    const local = localPart(firstname, lastname);
    const [city, country] = rng.pick(PLACES);
    return {
      email: email(`${local}@${company?.domain ?? rng.pick(FREE_MAIL)}`, (b, n) => b.replace("@", `${n}@`)),
      firstname,
      lastname,
      city,
      country,
      company: company?.name,
      jobtitle: rng.pick(TITLES),
      phone: rng.chance(0.7)
        ? `+1 555 ${String(rng.int(100, 999))} ${String(rng.int(0, 9999)).padStart(4, "0")}`
        : undefined,
      lifecyclestage: opt(LIFECYCLE_STAGES),
      hs_lead_status: rng.chance(0.6) ? opt(LEAD_STATUSES) : undefined,
      num_associated_deals: String(rng.int(0, 3)),
    };
  });

  add("deals", counts.deals ?? 0, () => {
    const company = companies.length > 0 ? rng.pick(companies).name : `${rng.pick(CO_A)} ${rng.pick(CO_B)}`;
    return {
      dealname: `${company} – ${rng.pick(PRODUCTS)}`,
      amount: String(rng.int(10, 2000) * 250),
      dealstage: opt(DEAL_STAGES),
      pipeline: "default",
      closedate: iso(REF + rng.int(-180, 270) * DAY),
      hs_priority: opt(PRIORITIES),
      days_to_close: String(rng.int(5, 240)),
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
    budget: String(rng.int(5, 250) * 1000),
    status: opt(PROJECT_STATUSES),
    start_date: iso(REF + rng.int(-200, 120) * DAY).slice(0, 10),
    project_manager: `${rng.pick(FIRST)} ${rng.pick(LAST)}`,
  }));
  return store;
}
