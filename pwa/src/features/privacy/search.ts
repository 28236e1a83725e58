/** The last name searched for on /data-protection, in this tab's memory only (never stored), and
 *  whose search it was: another user signing in here starts afresh. */
export const last: { userId: string | null; term: string } = { userId: null, term: '' };

/** A person's access log. The name rides along in the address (`?name=`): the API has no
 *  `person(id)` to read it back, and the page shows whose record it is. */
export function personHref(personId: string, name: string): string {
  return `/data-protection/people/${encodeURIComponent(personId)}?name=${encodeURIComponent(name)}`;
}
