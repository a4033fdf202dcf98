import { randomUUID } from "node:crypto";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** HubSpot's error body (the spec's `Error` schema): category, message, correlationId, context, errors[]. */
export interface HubSpotErrorBody {
  status: "error";
  message: string;
  correlationId: string;
  category: string;
  subCategory?: string;
  context?: Record<string, string[]>;
  errors?: { message: string; code?: string; in?: string; subCategory?: string; context?: Record<string, string[]> }[];
  links?: Record<string, string>;
}

export function errorBody(
  category: string,
  message: string,
  extra: Partial<Omit<HubSpotErrorBody, "status" | "category" | "message" | "correlationId">> = {},
): HubSpotErrorBody {
  return { status: "error", message, correlationId: randomUUID(), category, ...extra };
}

export function hubspotError(
  c: Context,
  status: ContentfulStatusCode,
  category: string,
  message: string,
  extra: Partial<Omit<HubSpotErrorBody, "status" | "category" | "message" | "correlationId">> = {},
) {
  return c.json(errorBody(category, message, extra), status);
}

/** A per-input error inside a 207 batch response (the spec's `StandardError`). */
export interface BatchItemError {
  status: "error";
  category: string;
  message: string;
  context: Record<string, string[]>;
  errors: unknown[];
  links: Record<string, string>;
  subCategory?: string;
}

export function batchItemError(
  category: string,
  message: string,
  context: Record<string, string[]> = {},
  subCategory?: string,
): BatchItemError {
  return {
    status: "error",
    category,
    message,
    context,
    errors: [],
    links: {},
    ...(subCategory ? { subCategory } : {}),
  };
}
