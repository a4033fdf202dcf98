import type { RowError } from "../batch/types";
import { batchRequestError } from "./batch-request-error";
import type { CrmPropertyDefinition } from "./schemas/crm";
import type { BatchItemError, ErrorDetail } from "./schemas/errors";

/**
 * HubSpot's CRM write errors as sentences a marketer understands. Invalid values come back as
 * "Property values were not valid: [{error, name, message, …}]": the JSON array in the MESSAGE is
 * the only place HubSpot lists each property's reason (INVALID_OPTION, READ_ONLY_VALUE, …), so it
 * is parsed; `errors[]` details (code + propertyName) are read too when present. Property labels and
 * option labels come from the type's definitions when the adapter was given them, else the names.
 */
export interface CrmErrorContext {
  /** "contact", "company", … */
  noun: string;
  /** The unique property rows are addressed by (e.g. email), if any. */
  idProperty?: string;
  definitions?: ReadonlyMap<string, CrmPropertyDefinition>;
}

interface PropertyProblem {
  code?: string;
  name?: string;
  message: string;
}

const label = (ctx: CrmErrorContext, name?: string) => (name && ctx.definitions?.get(name)?.label) || name || "A value";

/** The reasons inside "Property values were not valid: [...]", or undefined if it is not that message. */
function parsePropertyProblems(message: string): PropertyProblem[] | undefined {
  const m = /^Property values were not valid: (\[[\s\S]*\])\s*$/.exec(message);
  if (!m) return undefined;
  try {
    const list = JSON.parse(m[1]!) as {
      error?: string;
      name?: string;
      message?: string;
      localizedErrorMessage?: string;
    }[];
    return list.map((p) => ({ code: p.error, name: p.name, message: p.message ?? p.localizedErrorMessage ?? "" }));
  } catch {
    return undefined;
  }
}

/** One reason → one sentence. `props`: the row's values as sent, to quote the bad value. */
function friendlyCrmMessage(ctx: CrmErrorContext, p: PropertyProblem, props: Record<string, string>): string {
  const l = label(ctx, p.name);
  // The row's value as sent; after a whole-request error only HubSpot's message quotes it.
  const value =
    (p.name ? props[p.name] : undefined) ??
    (/^Email address (\S+) is invalid/.exec(p.message) ?? /^"([^"]*)"/.exec(p.message))?.[1];
  const not = value !== undefined && value !== "" ? `, not “${value}”` : "";
  const def = p.name ? ctx.definitions?.get(p.name) : undefined;
  switch (p.code) {
    case "PROPERTY_DOESNT_EXIST":
      return `HubSpot has no ${ctx.noun} property “${p.name}”`;
    case "READ_ONLY_VALUE":
      return `${l} is set by HubSpot and can't be changed`;
    case "INVALID_OPTION": {
      const options =
        def?.options.filter((o) => !o.hidden).map((o) => o.label) ??
        /allowed options: \[(.*)\]/.exec(p.message)?.[1]?.split(", ");
      return `“${value ?? ""}” is not a valid ${l.toLowerCase()}${options?.length ? `. Choose one of: ${options.join(", ")}` : ""}`;
    }
    case "INVALID_EMAIL":
      return `“${value ?? ""}” is not a valid email address`;
    case "INVALID_INTEGER":
      return `${l} must be a whole number${not}`;
    case "INVALID_DECIMAL":
      return `${l} must be a number${not}`;
    case "INVALID_DATE":
      return def?.type === "datetime" || /date-time/.test(p.message)
        ? `${l} must be a date and time like 2026-03-31T09:00:00Z${not}`
        : `${l} must be a date like 2026-03-31${not}`;
    case "LEADING_TRAILING_WHITESPACE":
      return `${l} can't start or end with a space`;
    default:
      return p.name ? `${l}: ${p.message}` : `HubSpot rejected this ${ctx.noun}: ${p.message}`;
  }
}

const sentence = (parts: string[]) => [...new Set(parts)].map((s) => (s.endsWith(".") ? s : `${s}.`)).join(" ");

export function crmNotFound(ctx: CrmErrorContext, id: string, raw: unknown): RowError {
  return {
    category: "OBJECT_NOT_FOUND",
    code: "OBJECT_NOT_FOUND",
    message: ctx.idProperty
      ? `No ${ctx.noun} with ${label(ctx, ctx.idProperty).toLowerCase()} “${id}” exists in HubSpot.`
      : `This ${ctx.noun} no longer exists in HubSpot (it was deleted or archived since you loaded it).`,
    property: ctx.idProperty,
    raw,
  };
}

/** A create whose unique value belongs to a record already in HubSpot (found after a whole-batch 409). */
export function crmAlreadyExists(
  ctx: CrmErrorContext,
  prop: string,
  props: Record<string, string>,
  existingId: string,
  raw: unknown,
): RowError {
  return conflictError(ctx, { message: "", context: { propertyName: [prop], existingId: [existingId] } }, props, raw);
}

function conflictError(
  ctx: CrmErrorContext,
  err: { message: string; context?: Record<string, string[]> },
  props: Record<string, string>,
  raw: unknown,
): RowError {
  const prop = err.context?.propertyName?.[0];
  const existing = err.context?.existingId?.[0] ?? /Existing ID: (\d+)/.exec(err.message)?.[1];
  const value = prop ? props[prop] : undefined;
  const what = prop ? `${label(ctx, prop).toLowerCase()}${value ? ` “${value}”` : ""}` : "the same unique value";
  // Two different situations, worded apart: a record already in HubSpot, or a second row of the user's own file.
  const message = existing
    ? `A ${ctx.noun} with ${what} already exists in HubSpot (record ${existing}).`
    : `Another row of this submission also has ${what}; a ${ctx.noun}'s ${prop ? label(ctx, prop).toLowerCase() : "value"} must be unique.`;
  return { category: "CONFLICT", code: "DUPLICATE_UNIQUE_VALUE", property: prop, message, raw };
}

function detailProblems(details: ErrorDetail[]): PropertyProblem[] {
  return details.map((d) => ({ code: d.code, name: d.in ?? d.context?.propertyName?.[0], message: d.message }));
}

/** A per-input error of a 207 response (not OBJECT_NOT_FOUND: see crmNotFound), for the row it names. */
export function crmItemError(ctx: CrmErrorContext, err: BatchItemError, props: Record<string, string>): RowError {
  if (err.category === "CONFLICT") return conflictError(ctx, err, props, err);
  const problems =
    parsePropertyProblems(err.message) ??
    (err.errors.length ? detailProblems(err.errors) : [{ message: err.message, name: err.context.propertyName?.[0] }]);
  return {
    category: err.category,
    code: problems[0]?.code,
    property: problems[0]?.name,
    message: sentence(problems.map((p) => friendlyCrmMessage(ctx, p, props))),
    raw: err,
  };
}

/** A whole-request error: 400 (invalid JSON, or values without trace ids), 409 CONFLICT, 401/403. */
export function crmRequestError(ctx: CrmErrorContext, props: Record<string, string> = {}) {
  return (status: number, body: unknown, fallback: string): RowError => {
    const b = (body ?? {}) as { category?: string; message?: string; context?: Record<string, string[]> };
    if (b.category === "CONFLICT" && b.message)
      return conflictError(ctx, { message: b.message, context: b.context }, props, body);
    const plural = ctx.noun.endsWith("y") ? `${ctx.noun.slice(0, -1)}ies` : `${ctx.noun}s`;
    const error = batchRequestError(ctx.noun, plural, status, body, fallback, ({ message }) => {
      const problems = parsePropertyProblems(message);
      return problems && sentence(problems.map((p) => friendlyCrmMessage(ctx, p, props)));
    });
    const first = b.message ? parsePropertyProblems(b.message)?.[0] : undefined;
    return first ? { ...error, code: first.code, property: first.name } : error;
  };
}
