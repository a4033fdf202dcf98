import "server-only";
import type { BatchAdapter } from "../batch/adapter";
import type { ResourceRef } from "../resources/ref";
import { campaignBatchAdapter } from "./campaign-batch-adapter";
import { crmBatchAdapter } from "./crm-batch-adapter";
import { marketingEventBatchAdapter } from "./marketing-event-batch-adapter";

/**
 * The batch adapter for a resource ref: the only place that maps "what the user edits" to "how
 * HubSpot takes it". Submissions, and later uploads, retries and reverts, all get theirs here.
 */
export function adapterFor(ref: ResourceRef): BatchAdapter {
  switch (ref.type) {
    case "campaigns":
      return campaignBatchAdapter;
    case "marketing-events":
      return marketingEventBatchAdapter({ apiVersion: ref.apiVersion });
    case "crm":
      return crmBatchAdapter({ objectType: ref.objectType, idProperty: ref.idProperty, uniqueProperty: ref.uniqueProperty });
  }
}
