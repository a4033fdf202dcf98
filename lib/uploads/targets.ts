import "server-only";
import type { Actor } from "../auth/actor";
import { clientForConnection } from "../auth/client-for-connection";
import { resourceProperties } from "../hubspot/resources";
import type { ResourceRef } from "../resources/ref";
import { describe } from "../resources/registry";
import { RECORD_ID_KEY, type TargetColumn } from "./types";

export { RECORD_ID_KEY };

/**
 * What a file's columns can be mapped to for a resource: its writable and read-only properties,
 * plus the record id for updates. The same property definitions the grid uses, so an upload is
 * checked by the same rules as an edit; headers people write instead of a name or label are the
 * descriptor's synonyms.
 */
export async function targetColumns(ref: ResourceRef, actor: Actor): Promise<TargetColumn[]> {
  const { idLabel, synonyms } = describe(ref);
  const properties = await resourceProperties(ref, () => clientForConnection(actor.connection, { pace: "browse" }));
  return [
    { key: RECORD_ID_KEY, label: idLabel, type: "text" },
    ...properties
      .filter((p) => !p.notMappable)
      .map(({ notMappable: _, ...p }): TargetColumn => (synonyms[p.key] ? { ...p, synonyms: synonyms[p.key] } : p)),
  ];
}
