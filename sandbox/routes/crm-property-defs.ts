import type { CrmPropertyDefinition } from "../../lib/hubspot/schemas/crm";

/*
 * Seeded property definitions, modelled on HubSpot's defaults for each object (names, types,
 * field types, groups, read-only and unique flags as a real portal shows them). The enumeration
 * options are exported so the record seeder only ever draws valid values.
 */

type Def = CrmPropertyDefinition;
const STAMP = "2020-01-06T15:04:11.200Z";
type Opts = Partial<Def> & { readOnly?: boolean };

function def(name: string, label: string, type: string, fieldType: string, groupName: string, o: Opts = {}): Def {
  const { readOnly, ...rest } = o;
  const hubspotDefined = rest.hubspotDefined ?? true;
  return {
    name,
    label,
    type,
    fieldType,
    groupName,
    description: "",
    options: [],
    displayOrder: -1,
    calculated: false,
    externalOptions: false,
    hasUniqueValue: false,
    hidden: false,
    hubspotDefined,
    formField: !readOnly,
    dataSensitivity: "non_sensitive",
    archived: false,
    createdAt: STAMP,
    updatedAt: STAMP,
    ...rest,
    modificationMetadata: {
      archivable: !hubspotDefined,
      readOnlyDefinition: hubspotDefined,
      readOnlyValue: !!readOnly || !!rest.calculated,
    },
  };
}
const text = (name: string, label: string, group: string, o?: Opts) => def(name, label, "string", "text", group, o);
const num = (name: string, label: string, group: string, o?: Opts) => def(name, label, "number", "number", group, o);
const datetime = (name: string, label: string, group: string, o?: Opts) =>
  def(name, label, "datetime", "date", group, o);
const date = (name: string, label: string, group: string, o?: Opts) => def(name, label, "date", "date", group, o);
function select(name: string, label: string, group: string, options: readonly (readonly [string, string])[], o?: Opts) {
  return def(name, label, "enumeration", "select", group, {
    options: options.map(([value, l], i) => ({ label: l, value, hidden: false, displayOrder: i })),
    ...o,
  });
}
/** System fields every object has; HubSpot sets them, so they are read-only. */
const objectId = (group: string) =>
  num("hs_object_id", "Record ID", group, {
    readOnly: true,
    description: "The unique ID for this record. This value is set automatically by HubSpot.",
  });

export const LIFECYCLE_STAGES = [
  ["subscriber", "Subscriber"],
  ["lead", "Lead"],
  ["marketingqualifiedlead", "Marketing Qualified Lead"],
  ["salesqualifiedlead", "Sales Qualified Lead"],
  ["opportunity", "Opportunity"],
  ["customer", "Customer"],
  ["evangelist", "Evangelist"],
  ["other", "Other"],
] as const;
export const LEAD_STATUSES = [
  ["NEW", "New"],
  ["OPEN", "Open"],
  ["IN_PROGRESS", "In Progress"],
  ["OPEN_DEAL", "Open Deal"],
  ["UNQUALIFIED", "Unqualified"],
  ["ATTEMPTED_TO_CONTACT", "Attempted to Contact"],
  ["CONNECTED", "Connected"],
  ["BAD_TIMING", "Bad Timing"],
] as const;
export const INDUSTRIES = [
  ["COMPUTER_SOFTWARE", "Computer Software"],
  ["FINANCIAL_SERVICES", "Financial Services"],
  ["HOSPITAL_HEALTH_CARE", "Hospital & Health Care"],
  ["RETAIL", "Retail"],
  ["MARKETING_AND_ADVERTISING", "Marketing and Advertising"],
  ["INFORMATION_TECHNOLOGY_AND_SERVICES", "Information Technology and Services"],
  ["EDUCATION_MANAGEMENT", "Education Management"],
  ["LOGISTICS_AND_SUPPLY_CHAIN", "Logistics and Supply Chain"],
  ["MECHANICAL_OR_INDUSTRIAL_ENGINEERING", "Mechanical or Industrial Engineering"],
  ["TELECOMMUNICATIONS", "Telecommunications"],
] as const;
/** HubSpot's "Buying Role" contact property: a multi-checkbox (values joined by ";"). */
export const BUYING_ROLES = [
  ["BUDGET_HOLDER", "Budget Holder"],
  ["CHAMPION", "Champion"],
  ["DECISION_MAKER", "Decision Maker"],
  ["END_USER", "End User"],
  ["EXECUTIVE_SPONSOR", "Executive Sponsor"],
  ["INFLUENCER", "Influencer"],
  ["LEGAL_AND_COMPLIANCE", "Legal and Compliance"],
  ["OTHER", "Other"],
] as const;
export const DEAL_STAGES = [
  ["appointmentscheduled", "Appointment Scheduled"],
  ["qualifiedtobuy", "Qualified To Buy"],
  ["presentationscheduled", "Presentation Scheduled"],
  ["decisionmakerboughtin", "Decision Maker Bought-In"],
  ["contractsent", "Contract Sent"],
  ["closedwon", "Closed Won"],
  ["closedlost", "Closed Lost"],
] as const;
export const PRIORITIES = [
  ["low", "Low"],
  ["medium", "Medium"],
  ["high", "High"],
] as const;
export const TICKET_STAGES = [
  ["1", "New"],
  ["2", "Waiting on contact"],
  ["3", "Waiting on us"],
  ["4", "Closed"],
] as const;
export const TICKET_PRIORITIES = [
  ["LOW", "Low"],
  ["MEDIUM", "Medium"],
  ["HIGH", "High"],
  ["URGENT", "Urgent"],
] as const;
export const PROJECT_STATUSES = [
  ["planning", "Planning"],
  ["active", "Active"],
  ["on_hold", "On hold"],
  ["completed", "Completed"],
] as const;

/** Number properties that only take whole numbers (HubSpot answers INVALID_INTEGER for them). */
export const INTEGER_PROPERTIES = new Set([
  "numberofemployees",
  "hs_object_id",
  "num_associated_deals",
  "num_associated_contacts",
]);

const contacts = (): Def[] => [
  text("email", "Email", "contactinformation", {
    hasUniqueValue: true,
    textDisplayHint: "email",
    description: "A contact's email address",
  }),
  text("firstname", "First Name", "contactinformation"),
  text("lastname", "Last Name", "contactinformation"),
  def("phone", "Phone Number", "string", "phonenumber", "contactinformation", { textDisplayHint: "phone_number" }),
  text("company", "Company Name", "contactinformation"),
  text("jobtitle", "Job Title", "contactinformation"),
  text("city", "City", "contactinformation"),
  text("country", "Country/Region", "contactinformation"),
  select("lifecyclestage", "Lifecycle Stage", "contactinformation", LIFECYCLE_STAGES, { fieldType: "radio" }),
  select("hs_lead_status", "Lead Status", "sales_properties", LEAD_STATUSES, { fieldType: "radio" }),
  def("hs_email_optout", "Unsubscribed from all email", "bool", "booleancheckbox", "contactinformation", {
    options: [
      { label: "True", value: "true", hidden: false, displayOrder: 0 },
      { label: "False", value: "false", hidden: false, displayOrder: 1 },
    ],
  }),
  select("hs_buying_role", "Buying Role", "sales_properties", BUYING_ROLES, { fieldType: "checkbox" }),
  num("hs_analytics_num_visits", "Number of Sessions", "analyticsinformation", { readOnly: true }),
  datetime("notes_last_contacted", "Last Contacted", "sales_properties", { readOnly: true }),
  num("num_associated_deals", "Number of Associated Deals", "deal_information", {
    calculated: true,
    calculationFormula: "count(associations.deal)",
    readOnly: true,
  }),
  objectId("contactinformation"),
  datetime("createdate", "Create Date", "contactinformation", { readOnly: true }),
  datetime("lastmodifieddate", "Last Modified Date", "contactinformation", { readOnly: true }),
];

const companies = (): Def[] => [
  text("name", "Company name", "companyinformation"),
  text("domain", "Company Domain Name", "companyinformation", { hasUniqueValue: true, textDisplayHint: "domain_name" }),
  select("industry", "Industry", "companyinformation", INDUSTRIES),
  num("numberofemployees", "Number of Employees", "companyinformation"),
  num("annualrevenue", "Annual Revenue", "companyinformation", {
    numberDisplayHint: "currency",
    showCurrencySymbol: true,
  }),
  text("city", "City", "companyinformation"),
  text("country", "Country/Region", "companyinformation"),
  def("phone", "Phone Number", "string", "phonenumber", "companyinformation", { textDisplayHint: "phone_number" }),
  num("num_associated_contacts", "Number of Associated Contacts", "companyinformation", {
    calculated: true,
    calculationFormula: "count(associations.contact)",
    readOnly: true,
  }),
  objectId("companyinformation"),
  datetime("createdate", "Create Date", "companyinformation", { readOnly: true }),
  datetime("hs_lastmodifieddate", "Last Modified Date", "companyinformation", { readOnly: true }),
];

const deals = (): Def[] => [
  text("dealname", "Deal Name", "dealinformation"),
  num("amount", "Amount", "dealinformation", { numberDisplayHint: "currency", showCurrencySymbol: true }),
  select("dealstage", "Deal Stage", "dealinformation", DEAL_STAGES, { fieldType: "radio" }),
  select("pipeline", "Pipeline", "dealinformation", [["default", "Sales Pipeline"]]),
  datetime("closedate", "Close Date", "dealinformation"),
  select("hs_priority", "Priority", "dealinformation", PRIORITIES),
  num("days_to_close", "Days to close", "dealinformation", {
    calculated: true,
    calculationFormula: "closedate - createdate",
    readOnly: true,
  }),
  objectId("dealinformation"),
  datetime("createdate", "Create Date", "dealinformation", { readOnly: true }),
  datetime("hs_lastmodifieddate", "Last Modified Date", "dealinformation", { readOnly: true }),
];

const tickets = (): Def[] => [
  text("subject", "Ticket name", "ticketinformation"),
  def("content", "Ticket description", "string", "textarea", "ticketinformation", { textDisplayHint: "multi_line" }),
  select("hs_pipeline", "Pipeline", "ticketinformation", [["0", "Support Pipeline"]]),
  select("hs_pipeline_stage", "Ticket status", "ticketinformation", TICKET_STAGES),
  select("hs_ticket_priority", "Priority", "ticketinformation", TICKET_PRIORITIES),
  objectId("ticketinformation"),
  datetime("createdate", "Create date", "ticketinformation", { readOnly: true }),
  datetime("hs_lastmodifieddate", "Last modified date", "ticketinformation", { readOnly: true }),
];

const custom = { hubspotDefined: false };
const projects = (): Def[] => [
  text("project_name", "Project name", "projects_information", { ...custom, hasUniqueValue: true }),
  num("budget", "Budget", "projects_information", { ...custom, numberDisplayHint: "currency" }),
  select("status", "Status", "projects_information", PROJECT_STATUSES, custom),
  date("start_date", "Start date", "projects_information", custom),
  text("project_manager", "Project manager", "projects_information", custom),
  objectId("projects_information"),
  datetime("hs_createdate", "Object create date/time", "projects_information", { readOnly: true }),
  datetime("hs_lastmodifieddate", "Object last modified date/time", "projects_information", { readOnly: true }),
];

/** Fresh definitions per call (one copy per portal, so a portal's edits never leak into another). */
export function defaultPropertyDefinitions(): Map<string, Def[]> {
  return new Map([
    ["contacts", contacts()],
    ["companies", companies()],
    ["deals", deals()],
    ["tickets", tickets()],
    ["p_projects", projects()],
  ]);
}
