/** Campaign storage per portal, the deterministic seed, and the API serialisation. */
import { CAMPAIGN_PROPERTY_NAMES } from "../../lib/hubspot/schemas/campaigns";
import type { Rng } from "../core/rng";
import type { Portal } from "../core/state";

export interface StoredCampaign {
  id: string;
  /** Only non-empty values are stored: `""` on write deletes the key. */
  props: Record<string, string>;
  createdAt: number;
  updatedAt: number;
}

export interface CampaignStore {
  byId: Map<string, StoredCampaign>;
  /** normalised name → id, for the per-portal uniqueness of hs_name. */
  names: Map<string, string>;
  lastTs: number;
  nextObjectId: number;
}

const SLOT = "campaigns";
/** Names are unique regardless of case and surrounding spaces ("Launch" and " launch" clash). */
export const normName = (name: string) => name.trim().toLowerCase();

/** A seeded portal holds a builder until its campaigns are first used (see seedCampaigns). */
type Slot = CampaignStore | { build: () => CampaignStore };

export function storeOf(portal: Portal): CampaignStore {
  let s = portal.data.get(SLOT) as Slot | undefined;
  if (s && "build" in s) {
    s = s.build();
    portal.data.set(SLOT, s);
  }
  if (!s) {
    s = { byId: new Map(), names: new Map(), lastTs: 0, nextObjectId: 1 };
    portal.data.set(SLOT, s);
  }
  return s;
}

/** ms timestamps that strictly increase per portal, so clients can order writes by updatedAt. */
export function nextTimestamp(store: CampaignStore): number {
  store.lastTs = Math.max(Date.now(), store.lastTs + 1);
  return store.lastTs;
}

function businessUnits(props: Record<string, string>) {
  const ids = props.hs_business_unit_ids;
  return ids ? ids.split(";").map((id) => ({ id: Number(id) })) : [];
}

/**
 * API shape. `names`: the properties to include; a missing value is null, or left out when
 * `omitEmpty` (batch read: "empty properties will be ignored and not returned").
 */
export function toApi(c: StoredCampaign, names: readonly string[] = CAMPAIGN_PROPERTY_NAMES, omitEmpty = false) {
  const properties: Record<string, string | null> = {};
  for (const n of names) {
    const v = c.props[n];
    if (v !== undefined) properties[n] = v;
    else if (!omitEmpty) properties[n] = null;
  }
  return {
    id: c.id,
    properties,
    createdAt: new Date(c.createdAt).toISOString(),
    updatedAt: new Date(c.updatedAt).toISOString(),
    businessUnits: businessUnits(c.props),
  };
}

const QUARTERS = ["Q1", "Q2", "Q3", "Q4"];
const THEMES = [
  "Product Launch",
  "Webinar Series",
  "Brand Awareness",
  "Customer Summit",
  "Holiday Promo",
  "Partner Enablement",
  "Trade Show",
  "Free Trial Push",
  "Upsell Nurture",
  "Newsletter Relaunch",
  "Case Study Drive",
  "Retargeting Sprint",
];
const REGIONS = ["EMEA", "NA", "LATAM", "APAC", "DACH", "UK&I", "Nordics", "Global"];
const STATUSES = [
  "planned",
  "planned",
  "in_progress",
  "active",
  "active",
  "active",
  "paused",
  "completed",
  "completed",
];
const CURRENCIES = [
  "USD",
  "USD",
  "USD",
  "USD",
  "EUR",
  "EUR",
  "GBP",
  "GBP",
  "CAD",
  "AUD",
  "JPY",
  "CHF",
  "SEK",
  "BRL",
  "INR",
];
const AUDIENCES = [
  "SMB marketers",
  "Enterprise IT buyers",
  "Existing customers",
  "Trial users",
  "Agency partners",
  "Developers",
  "C-level executives",
  "Lapsed customers",
];
const NOTES = [
  "Coordinate with sales before launch.",
  "Budget approved by finance.",
  "Reuse assets from last year.",
  "Localised landing pages pending.",
  "Legal review required for claims.",
  "Track MQL → SQL conversion weekly.",
];
const COLORS = ["#FF7A59", "#00BDA5", "#6A78D1", "#F2547D", "#F5C26B", "#7FD1DE", "#516F90", "#2D3E50"];
const BUSINESS_UNITS = ["0", "0", "0", "0", "0", "0", "0", "0;12", "12", "34"];

const DAY = 86_400_000;
const START_2025 = Date.UTC(2025, 0, 1);
const CREATED_FROM = Date.UTC(2024, 5, 1);
const CREATED_SPAN = Date.UTC(2025, 11, 31) - CREATED_FROM;
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const hex8 = (rng: Rng) => ((rng.next() * 0x1_0000_0000) >>> 0).toString(16).padStart(8, "0");
/** UUID v4-shaped, from 4 draws (core's rngUuid draws 32 times and dominated the seed time). */
function seedUuid(rng: Rng) {
  const a = hex8(rng),
    b = hex8(rng),
    c = hex8(rng),
    d = hex8(rng);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-a${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/**
 * Deterministic for (seed, portal): the rng stream is this module's own, so building later yields the
 * same campaigns. Building is deferred to first use because 10,000 campaigns take ~150 ms per portal
 * (mostly GC) and a reset seeds every portal while most tests touch one.
 */
export function seedCampaigns(portal: Portal, rng: Rng, count: number) {
  portal.data.set(SLOT, { build: () => buildCampaigns(portal, rng, count) } satisfies Slot);
}

function buildCampaigns(portal: Portal, rng: Rng, count: number): CampaignStore {
  const store: CampaignStore = { byId: new Map(), names: new Map(), lastTs: 0, nextObjectId: 1 };
  for (let i = 0; i < count; i++) {
    const year = rng.int(2025, 2027);
    const quarter = rng.pick(QUARTERS);
    const theme = rng.pick(THEMES);
    const name = `${quarter} ${year} ${theme} — ${rng.pick(REGIONS)} #${i + 1}`;
    const props: Record<string, string> = {
      hs_name: name,
      hs_campaign_status: rng.pick(STATUSES),
      hs_currency_code: rng.pick(CURRENCIES),
      hs_utm: `${quarter.toLowerCase()}-${year}-${theme.toLowerCase().replaceAll(" ", "-")}-${i + 1}`,
      hs_business_unit_ids: rng.pick(BUSINESS_UNITS),
      hs_owner: String(rng.pick(portal.users).id),
      hs_created_by_user_id: String(rng.pick(portal.users).id),
      hs_color_hex: rng.pick(COLORS),
      hs_object_id: String(store.nextObjectId++),
    };
    const dates = rng.next();
    if (dates > 0.08) {
      const start = START_2025 + rng.int(0, 1030) * DAY; // up to late Oct 2027
      props.hs_start_date = ymd(start);
      if (dates > 0.13) props.hs_end_date = ymd(Math.min(start + rng.int(0, 120) * DAY, Date.UTC(2027, 11, 31)));
    }
    if (rng.chance(0.85)) props.hs_audience = rng.pick(AUDIENCES);
    if (rng.chance(0.4)) props.hs_notes = rng.pick(NOTES);
    const budget = rng.chance(0.75) ? rng.int(0, 5000) * 50 : 0;
    props.hs_budget_items_sum_amount = String(budget);
    props.hs_spend_items_sum_amount = String(Math.floor(budget * rng.next()));
    const createdAt = CREATED_FROM + Math.floor(rng.next() * CREATED_SPAN);
    const updatedAt = createdAt + Math.floor(rng.next() * 60 * DAY);
    const c: StoredCampaign = { id: seedUuid(rng), props, createdAt, updatedAt };
    store.byId.set(c.id, c);
    store.names.set(normName(name), c.id);
    if (updatedAt > store.lastTs) store.lastTs = updatedAt;
  }
  return store;
}
