/**
 * Filters of the triage lists the user saved with a name, to pick again: kept in localStorage
 * per signed-in user (`rjhub.savedFilters.<user id>`), on this device only. A filter is a list's
 * address (`/cases` and its query string: queue, stage, area, offence, reference, order), which
 * holds no personal data (references are not personal data).
 */
export interface SavedFilter {
  name: string;
  /** "/cases?queue=STALE&area=fenland" */
  href: string;
}

/** Names longer than this are refused (they have to fit on a phone). */
export const SAVED_NAME_MAX = 60;
/** No more than this many per user. */
export const SAVED_MAX = 20;

const keyOf = (userId: string) => `rjhub.savedFilters.${userId}`;

export function readSaved(userId: string): SavedFilter[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(keyOf(userId)) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (f): f is SavedFilter =>
        !!f && typeof f === 'object' && typeof f.name === 'string' && typeof f.href === 'string' && f.href.startsWith('/'),
    );
  } catch {
    return [];
  }
}

function write(userId: string, filters: SavedFilter[]): boolean {
  try {
    if (filters.length > 0) localStorage.setItem(keyOf(userId), JSON.stringify(filters));
    else localStorage.removeItem(keyOf(userId));
    return true;
  } catch {
    return false;
  }
}

/** Saves (or replaces, by name) a filter; false if the device would not keep it. */
export function saveFilter(userId: string, filter: SavedFilter): boolean {
  const others = readSaved(userId).filter((f) => f.name.toLowerCase() !== filter.name.toLowerCase());
  return write(userId, [...others, filter].slice(-SAVED_MAX));
}

export function removeFilter(userId: string, name: string): void {
  write(
    userId,
    readSaved(userId).filter((f) => f.name !== name),
  );
}
