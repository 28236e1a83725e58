import type { AnyVariables, Client, TypedDocumentNode } from '@urql/core';
import { hasCode, problemsFrom } from './errors';

/** What a page shows while it reads from the server. */
export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  /** Missing, or not this reader's to see: the server answers both alike (NOT_FOUND). */
  | { status: 'not-found' }
  | { status: 'forbidden' }
  | { status: 'failed'; message: string };

/** Runs a query and sorts the answer into what the page should show. */
export async function load<Data, Variables extends AnyVariables>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<Loaded<Data>> {
  const result = await client.query(document, variables).toPromise();
  if (result.data && !result.error) return { status: 'ready', data: result.data };
  if (hasCode(result.error, 'NOT_FOUND')) return { status: 'not-found' };
  if (hasCode(result.error, 'FORBIDDEN')) return { status: 'forbidden' };
  if (result.data) return { status: 'ready', data: result.data };
  return { status: 'failed', message: problemsFrom(result.error)[0]?.message ?? 'Something went wrong.' };
}
