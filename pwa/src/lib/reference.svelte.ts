import { client } from './client';
import { problemsFrom } from './errors';
import type { Option } from './labels';
import { ReferenceListsDocument, type ReferenceListsQuery } from '../gql/graphql';

/**
 * The reference lists (areas, sources, offence categories, stages of proceedings, models,
 * reasons, languages), fetched once per page load in one request and shared by every screen.
 * They hold no personal data. Switched-off items are not included: forms offer only active
 * ones, and a code whose item has gone is shown as it is stored.
 */
export type Lists = ReferenceListsQuery;
export type ListName = keyof Lists;

class ListsState {
  value = $state.raw<Lists | null>(null);
  /** Why the lists could not be fetched, if they could not. */
  problem = $state<string | null>(null);
}

export const lists = new ListsState();

let pending: Promise<void> | null = null;

/** Starts fetching the lists if nobody has yet. */
export function ensureLists(): Promise<void> {
  if (lists.value) return Promise.resolve();
  pending ??= client
    .query(ReferenceListsDocument, {})
    .toPromise()
    .then((result) => {
      if (result.data) {
        lists.value = result.data;
        lists.problem = null;
      } else {
        lists.problem = problemsFrom(result.error)[0]?.message ?? 'The lists could not be loaded.';
      }
    })
    .finally(() => {
      pending = null;
    });
  return pending;
}

/** After the co-ordinator changes a list: fetch again when next needed. */
export function forgetLists(): void {
  lists.value = null;
}

/** The words for a stored code ("police" → "Police officer / PCSO / police staff"). */
export function labelOf(list: ListName, code: string | null | undefined): string {
  if (!code) return '';
  return lists.value?.[list].find((i) => i.code === code)?.label ?? code.replace(/_/g, ' ');
}

/** A list's items as options for a select or radios. */
export function optionsOf(list: ListName, exclude: readonly string[] = []): Option[] {
  return (lists.value?.[list] ?? [])
    .filter((i) => i.active && !exclude.includes(i.code))
    .map((i) => ({ value: i.code, label: i.label }));
}

/** "Police officer / PCSO / police staff, Cambridgeshire Constabulary": a case's source and agency
 *  (the agency only when it says something the source does not). */
export function describeSource(source: string, agency: string | null | undefined): string {
  const label = labelOf('referralSources', source);
  return agency && agency.trim().toLowerCase() !== label.toLowerCase() ? `${label}, ${agency}` : label;
}
