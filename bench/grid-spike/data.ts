// Deterministic synthetic campaign rows shared by both harness entries.
export interface CampaignRow {
  id: number;
  name: string;
  status: string;
  startDate: string;
  endDate: string;
  currency: string;
  audience: string;
  notes: string;
  owner: string;
  budget: number;
  spend: number;
  utm: string;
  businessUnits: string;
}

export const ROW_COUNT = 10_000;
export const STATUSES = ["draft", "scheduled", "active", "paused", "completed"] as const;
const CURRENCIES = ["USD", "EUR", "GBP", "JPY", "AUD"];
const AUDIENCES = ["Enterprise", "SMB", "Partners", "Developers", "Churned", "Trial users"];
const OWNERS = ["ana@acme.io", "bo@acme.io", "chen@acme.io", "dee@acme.io", "eli@acme.io"];
const BUS = ["Global", "EMEA", "APAC", "NA", "LATAM"];

export const COLUMNS: { key: keyof CampaignRow; name: string; width: number }[] = [
  { key: "name", name: "Name", width: 200 },
  { key: "status", name: "Status", width: 100 },
  { key: "startDate", name: "Start date", width: 100 },
  { key: "endDate", name: "End date", width: 100 },
  { key: "currency", name: "Currency", width: 80 },
  { key: "audience", name: "Audience", width: 110 },
  { key: "notes", name: "Notes", width: 220 },
  { key: "owner", name: "Owner", width: 120 },
  { key: "budget", name: "Budget", width: 90 },
  { key: "spend", name: "Spend", width: 90 },
  { key: "utm", name: "UTM", width: 160 },
  { key: "businessUnits", name: "Business units", width: 130 },
];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function isoDate(dayOffset: number) {
  return new Date(Date.UTC(2025, 0, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10);
}

export function makeRows(n = ROW_COUNT): CampaignRow[] {
  const r = rng(42);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const rows: CampaignRow[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const start = Math.floor(r() * 365);
    const budget = Math.round(r() * 100_000);
    rows[i] = {
      id: i,
      name: `Campaign ${i + 1} – ${pick(AUDIENCES)} ${pick(["launch", "nurture", "webinar", "promo"])}`,
      status: pick(STATUSES),
      startDate: isoDate(start),
      endDate: isoDate(start + 7 + Math.floor(r() * 90)),
      currency: pick(CURRENCIES),
      audience: pick(AUDIENCES),
      notes:
        r() < 0.3
          ? ""
          : `Note ${i}: ${pick(["check creative", "legal review", "budget approved", "waiting on assets"])}`,
      owner: pick(OWNERS),
      budget,
      spend: Math.round(budget * r()),
      utm: `utm_campaign=c${i}&utm_source=${pick(["li", "g", "fb", "email"])}`,
      businessUnits: [pick(BUS), pick(BUS)].filter((v, j, a) => a.indexOf(v) === j).join(";"),
    };
  }
  return rows;
}

/** Parse clipboard TSV (Excel / Google Sheets) into a 2-D string matrix. Handles quoted cells. */
export function parseTsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  const t = text.replace(/\r\n?/g, "\n").replace(/\n$/, "");
  while (i < t.length) {
    const c = t[i];
    if (quoted) {
      if (c === '"' && t[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        continue;
      }
      cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === "") {
      quoted = true;
      i++;
      continue;
    }
    if (c === "\t") {
      row.push(cell);
      cell = "";
      i++;
      continue;
    }
    if (c === "\n") {
      row.push(cell);
      out.push(row);
      row = [];
      cell = "";
      i++;
      continue;
    }
    cell += c;
    i++;
  }
  row.push(cell);
  out.push(row);
  return out;
}
