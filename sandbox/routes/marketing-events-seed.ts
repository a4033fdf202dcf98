/*
 * Deterministic marketing events: webinars, conferences, roadshows, workshops and trade shows
 * from a handful of event apps, spread around a fixed reference date so some are past
 * (completed, with attendance) and some upcoming; about one in twelve is cancelled.
 */
import type { MarketingEvent } from "../../lib/hubspot/schemas/marketing-events";
import type { Rng } from "../core/rng";

/** What the sandbox stores: the read shape plus the external account the event app uses. */
export type StoredEvent = MarketingEvent & { externalEventId: string; externalAccountId: string };

const REF = Date.UTC(2026, 2, 1);
const DAY = 86_400_000;
const HOUR = 3_600_000;
const APPS = [
  { id: "1201337", name: "Zoom", url: (n: string) => `https://zoom.us/webinar/register/WN_${n}` },
  { id: "1302448", name: "ON24", url: (n: string) => `https://event.on24.com/wcc/r/${n}` },
  { id: "1403559", name: "Eventbrite", url: (n: string) => `https://www.eventbrite.com/e/${n}` },
  { id: "1504660", name: "Cvent", url: (n: string) => `https://cvent.me/${n}` },
];
const KINDS = [
  { type: "WEBINAR", weight: 5, hours: [1, 2] },
  { type: "CONFERENCE", weight: 2, hours: [24, 72] },
  { type: "ROADSHOW", weight: 2, hours: [6, 10] },
  { type: "WORKSHOP", weight: 2, hours: [3, 4] },
  { type: "TRADE_SHOW", weight: 1, hours: [24, 48] },
] as const;
const TOPICS = [
  "Marketing Automation 101",
  "Pipeline Planning for 2026",
  "AI in B2B Marketing",
  "Customer Retention Playbook",
  "Attribution Deep Dive",
  "Data Quality Clinic",
  "ABM in Practice",
  "Spring Product Launch",
  "Email Deliverability",
  "Partner Summit",
  "Revenue Operations Forum",
  "Content Strategy Lab",
];
const CITIES = ["Boston", "Chicago", "London", "Berlin", "Paris", "Tokyo", "Sydney", "Toronto", "Dublin", "Singapore"];
const REGIONS = ["NA", "EMEA", "APAC", "LATAM"];
const LANGS = ["en", "de", "fr", "ja", "es"];
const ORGANIZERS = [
  "Acme Field Marketing",
  "Demand Gen Team",
  "Partner Marketing",
  "Customer Success",
  "Product Marketing",
];

const iso = (ms: number) => new Date(ms).toISOString();

export function seedEvents(rng: Rng, count: number, portalIndex: number): StoredEvent[] {
  const kinds = KINDS.flatMap((k) => Array.from({ length: k.weight }, () => k));
  const events: StoredEvent[] = [];
  const base = 58_200_000_000 + portalIndex * 10_000_000;
  for (let i = 0; i < count; i++) {
    const kind = rng.pick(kinds);
    const app = rng.pick(APPS);
    const topic = rng.pick(TOPICS);
    const inPerson = kind.type !== "WEBINAR";
    const city = rng.pick(CITIES);
    const start = REF + rng.int(-200, 300) * DAY + rng.int(8, 17) * HOUR;
    const end = start + rng.int(kind.hours[0], kind.hours[1]) * HOUR;
    const cancelled = rng.chance(0.08);
    const completed = !cancelled && end < REF;
    const created = start - rng.int(14, 120) * DAY;
    // Events updated "after" REF are stamped a second apart before it, not all at REF: in a real
    // portal few events share a last-modified second, and a conflict scan from the newest stamp
    // would otherwise see half the seeded events as changed.
    const updated = Math.min(REF - i * 1000, created + rng.int(0, 30) * DAY);
    const ext = `${app.name.toLowerCase()}-${rng.int(100_000, 999_999)}${i}`;
    const registrants = rng.int(20, 900);
    const attendees = completed ? Math.floor(registrants * (0.35 + rng.next() * 0.4)) : 0;
    events.push({
      objectId: String(base + i * 10 + rng.int(0, 9)),
      eventName: inPerson && kind.type !== "WORKSHOP" ? `${topic} – ${city}` : topic,
      eventType: kind.type,
      eventOrganizer: rng.pick(ORGANIZERS),
      eventDescription: `${topic}: a ${kind.type.toLowerCase().replace("_", " ")} for marketing and sales teams${inPerson ? ` in ${city}` : ""}.`,
      eventUrl: app.url(ext),
      eventCancelled: cancelled,
      eventCompleted: completed,
      startDateTime: iso(start),
      endDateTime: iso(end),
      customProperties: [
        { name: "region", value: rng.pick(REGIONS) },
        { name: "language", value: rng.pick(LANGS) },
      ],
      appInfo: { id: app.id, name: app.name },
      externalEventId: ext,
      externalAccountId: `${app.name.toLowerCase()}-acct-${1000 + portalIndex}`,
      registrants,
      attendees,
      cancellations: cancelled ? registrants : rng.int(0, Math.floor(registrants / 10)),
      noShows: completed ? registrants - attendees : 0,
      createdAt: iso(created),
      updatedAt: iso(updated),
    });
  }
  return events;
}
