import {
  FilterGroupsSchema,
  MAX_FILTER_GROUPS,
  MAX_FILTERS,
  MAX_FILTERS_PER_GROUP,
  type FilterGroups,
  type ViewFilter,
} from "@/lib/records/filters";

/** Where the filter editor writes: a filter of a group, the end of a group, or a new (OR) group. */
export type FilterSlot = { group: number; index?: number };

export type GroupsEdit = { groups: FilterGroups } | { error: string };

/**
 * `groups` with `filter` put in `slot` (replacing the filter there, or appended), within the bounds
 * of lib/records/filters.ts; a refusal says which bound in words the user can act on.
 */
export function putFilter(groups: FilterGroups, slot: FilterSlot, filter: ViewFilter): GroupsEdit {
  const total = groups.reduce((n, g) => n + g.length, 0);
  const replacing = slot.index !== undefined && groups[slot.group]?.[slot.index] !== undefined;
  if (!replacing) {
    if (slot.group >= groups.length && groups.length >= MAX_FILTER_GROUPS)
      return { error: `At most ${MAX_FILTER_GROUPS} OR groups.` };
    if ((groups[slot.group]?.length ?? 0) >= MAX_FILTERS_PER_GROUP)
      return { error: `At most ${MAX_FILTERS_PER_GROUP} filters in a group: add an OR group instead.` };
    if (total >= MAX_FILTERS) return { error: `At most ${MAX_FILTERS} filters in all.` };
  }
  const next = groups.map((g) => [...g]);
  if (slot.group >= next.length) next.push([filter]);
  else if (replacing) next[slot.group]![slot.index!] = filter;
  else next[slot.group]!.push(filter);
  const checked = FilterGroupsSchema.safeParse(next);
  return checked.success ? { groups: checked.data } : { error: checked.error.issues[0]?.message ?? "Not a filter" };
}

/** `groups` without one filter; a group left empty goes too. */
export function removeFilter(groups: FilterGroups, group: number, index: number): FilterGroups {
  return groups.map((g, gi) => (gi === group ? g.filter((_, fi) => fi !== index) : g)).filter((g) => g.length > 0);
}

export const filterCount = (groups: FilterGroups) => groups.reduce((n, g) => n + g.length, 0);
