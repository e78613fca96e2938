// Lambda event filtering, the subset the wiring uses: a pattern's arrays list accepted values, objects nest.
export function matchesFilter(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) return pattern.some((accepted) => accepted === value);
  if (pattern !== null && typeof pattern === 'object') {
    if (value === null || typeof value !== 'object') return false;
    return Object.entries(pattern).every(([key, inner]) => matchesFilter(inner, (value as Record<string, unknown>)[key]));
  }
  return pattern === value;
}

export const passesFilters = (filters: readonly unknown[], record: unknown) =>
  filters.length === 0 || filters.some((filter) => matchesFilter(filter, record));
