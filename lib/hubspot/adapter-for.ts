import "server-only";

/** The batch adapter for a resource ref, from the HubSpot side of the resource registry (resources.ts). */
export { adapterFor } from "./resources";
