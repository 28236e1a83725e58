// The co-ordinator's pages about one account (suspend, reinstate, reset second factors) find it
// in the list of users: there is no user(id). Also the words and colour of an account's status.
import type { Client } from '@urql/core';
import { load, type Loaded } from '../../lib/load';
import { UsersDocument, type AccountStatus, type UsersQuery } from '../../gql/graphql';

export type Person = UsersQuery['users']['nodes'][number];

/** Reads the list of users a page at a time until the one with this id is found. */
export async function findUser(client: Client, id: string): Promise<Loaded<Person>> {
  let after: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const answer = await load(client, UsersDocument, { first: 100, after });
    if (answer.status !== 'ready') return answer;
    const page: UsersQuery['users'] = answer.data.users;
    const found = page.nodes.find((u) => u.id === id);
    if (found) return { status: 'ready', data: found };
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
    after = page.pageInfo.endCursor;
  }
  return { status: 'not-found' };
}

export const STATUS_NAMES: Record<AccountStatus, string> = {
  ACTIVE: 'Active',
  INVITED: 'Invited',
  SUSPENDED: 'Suspended',
};

/** The tag's colour class (GOV.UK: green for done and working, red for stopped). */
export const STATUS_TAGS: Record<AccountStatus, string> = {
  ACTIVE: 'tag--green',
  INVITED: 'tag--grey',
  SUSPENDED: 'tag--red',
};

export const suspendHref = (id: string) => `/users/${encodeURIComponent(id)}/suspend`;
export const reinstateHref = (id: string) => `/users/${encodeURIComponent(id)}/reinstate`;
export const resetHref = (id: string) => `/users/${encodeURIComponent(id)}/reset-second-factors`;
