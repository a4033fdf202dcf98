/*
 * The batch write pipeline shared by batch create/update/upsert and the single-record writes.
 * It reproduces HubSpot's documented multi-status rule:
 *   - no objectWriteTraceId on every input: one invalid input (bad property value) fails the
 *     whole call with 400 VALIDATION_ERROR, a unique-value clash with 409 CONFLICT, and nothing
 *     is written;
 *   - an objectWriteTraceId on every input: valid inputs are written, each failed input gets
 *     its own error naming `context.objectWriteTraceId`, and the call answers 207.
 * Ids that match no record are never fatal: they are skipped and reported together in one
 * OBJECT_NOT_FOUND error whose `context.ids` lists them (207), as HubSpot does.
 * Everything is checked before anything is written, so a fatal error leaves the store untouched.
 */
import type { CrmObject, CrmPropertyDefinition } from "../../lib/hubspot/schemas/crm";
import { batchItemError, errorBody, type BatchItemError, type HubSpotErrorBody } from "../core/errors";
import {
  findRecord,
  normUnique,
  putRecord,
  toApiObject,
  uniqueIndex,
  type CrmRecord,
  type TypeStore,
} from "./crm-store";
import type { CrmObjectType } from "./crm-types";
import { propertyErrorsMessage, validateProperties, type PropertyError } from "./crm-validate";

export type WriteMode = "create" | "update" | "upsert";

export interface WriteInput {
  id?: string;
  idProperty?: string;
  properties: Record<string, string | number | boolean | null>;
  objectWriteTraceId?: string;
}

export interface WriteEnv {
  portalId: number;
  type: CrmObjectType;
  ts: TypeStore;
  defs: Map<string, CrmPropertyDefinition>;
}

export type WriteOutcome =
  | { fatal: { status: 400 | 409; body: HubSpotErrorBody } }
  | { fatal?: undefined; results: (CrmObject & { new?: boolean })[]; errors: BatchItemError[]; notFound: string[] };

interface Planned {
  input: WriteInput;
  values: Record<string, string>;
  target?: CrmRecord;
}

const fatalValidation = (errors: PropertyError[]) => ({
  status: 400 as const,
  body: errorBody("VALIDATION_ERROR", propertyErrorsMessage(errors), {
    errors: errors.map((e) => ({ message: e.message, code: e.error, context: { propertyName: [e.name] } })),
  }),
});

function conflictMessage(type: CrmObjectType, prop: string, value: string, existingId?: string): string {
  if (!existingId) return `Duplicate value "${value}" for unique property "${prop}" within this batch`;
  if (type.key === "contacts" && prop === "email") return `Contact already exists. Existing ID: ${existingId}`;
  return `A ${type.singular} with ${prop} "${value}" already exists. Existing ID: ${existingId}`;
}

export function runWrites(env: WriteEnv, mode: WriteMode, inputs: WriteInput[]): WriteOutcome {
  const { type, ts, defs, portalId } = env;
  const multi = inputs.length > 0 && inputs.every((i) => !!i.objectWriteTraceId);
  const trace = (i: WriteInput): Record<string, string[]> =>
    i.objectWriteTraceId ? { objectWriteTraceId: [i.objectWriteTraceId] } : {};
  const errors: BatchItemError[] = [];
  const fatalErrors: PropertyError[] = [];
  const fail = (input: WriteInput, pe: PropertyError[]) => {
    if (multi) errors.push(batchItemError("VALIDATION_ERROR", propertyErrorsMessage(pe), trace(input)));
    else fatalErrors.push(...pe);
  };

  // 1. Property values, then which record each input targets.
  const planned: Planned[] = [];
  const notFound: WriteInput[] = [];
  for (const input of inputs) {
    const { values, errors: pe } = validateProperties(defs, input.properties, portalId);
    if (pe.length > 0) {
      fail(input, pe);
      continue;
    }
    if (mode === "create") {
      planned.push({ input, values });
      continue;
    }
    const target = findRecord(ts, input.id!, input.idProperty);
    if (target) planned.push({ input, values, target });
    else if (mode === "update") notFound.push(input);
    else {
      // Upsert creating a record: the id becomes the idProperty's value, so it must be valid too.
      const idCheck = validateProperties(defs, { [input.idProperty!]: input.id! }, portalId);
      if (idCheck.errors.length > 0) fail(input, idCheck.errors);
      else planned.push({ input, values: { ...idCheck.values, ...values } });
    }
  }
  if (fatalErrors.length > 0) return { fatal: fatalValidation(fatalErrors) };

  // 2. Unique values: against other records, and against earlier inputs of this batch.
  const claimed = new Map<string, Set<string>>();
  const writable: Planned[] = [];
  for (const p of planned) {
    let clash: BatchItemError | undefined;
    for (const [prop, index] of uniqueIndex(ts)) {
      const v = p.values[prop];
      if (!v) continue;
      const key = normUnique(v);
      const owner = index.get(key);
      const taken = (owner !== undefined && owner !== p.target?.id) || claimed.get(prop)?.has(key);
      if (taken) {
        const message = conflictMessage(type, prop, v, owner !== p.target?.id ? owner : undefined);
        if (!multi)
          return {
            fatal: {
              status: 409,
              body: errorBody("CONFLICT", message, {
                context: { propertyName: [prop], ...(owner ? { existingId: [owner] } : {}) },
              }),
            },
          };
        clash = batchItemError("CONFLICT", message, {
          ...trace(p.input),
          propertyName: [prop],
          ...(owner ? { existingId: [owner] } : {}),
        });
        break;
      }
    }
    if (clash) {
      errors.push(clash);
      continue;
    }
    for (const prop of uniqueIndex(ts).keys()) {
      const v = p.values[prop];
      if (v) (claimed.get(prop) ?? claimed.set(prop, new Set()).get(prop)!).add(normUnique(v));
    }
    writable.push(p);
  }

  // 3. Write. Every update bumps updatedAt and the type's last-modified property.
  const names = new Set(defs.keys());
  const now = new Date().toISOString();
  const results = writable.map((p) => {
    let rec: CrmRecord;
    const isNew = !p.target;
    if (p.target) {
      const previous = p.target.properties;
      const properties = { ...previous };
      for (const [k, v] of Object.entries(p.values))
        if (v === "") delete properties[k];
        else properties[k] = v;
      properties[type.modifiedProp] = now;
      rec = { ...p.target, properties, updatedAt: now };
      putRecord(ts, rec, previous);
    } else {
      const id = String(ts.nextId++);
      const properties: Record<string, string> = {
        hs_object_id: id,
        [type.createdProp]: now,
        [type.modifiedProp]: now,
      };
      for (const [k, v] of Object.entries(p.values)) if (v !== "") properties[k] = v;
      rec = { id, properties, createdAt: now, updatedAt: now, archived: false };
      putRecord(ts, rec);
    }
    const extra = {
      ...(p.input.objectWriteTraceId ? { objectWriteTraceId: p.input.objectWriteTraceId } : {}),
      ...(mode === "upsert" ? { new: isNew } : {}),
    };
    return toApiObject(type, names, rec, Object.keys(p.values), extra);
  });

  if (notFound.length > 0) {
    const traces = notFound.flatMap((i) => (i.objectWriteTraceId ? [i.objectWriteTraceId] : []));
    errors.push(
      batchItemError(
        "OBJECT_NOT_FOUND",
        `Could not get some ${type.singular} objects, they may be deleted or not exist. Check that ids are valid.`,
        {
          ids: notFound.map((i) => i.id!),
          ...(traces.length > 0 ? { objectWriteTraceId: traces } : {}),
        },
      ),
    );
  }
  return { results, errors, notFound: notFound.map((i) => i.id!) };
}
