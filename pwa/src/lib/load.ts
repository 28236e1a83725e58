import type { AnyVariables, Client, OperationResult, TypedDocumentNode } from '@urql/core';
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
  return loadedFrom(await client.query(document, variables).toPromise());
}

/** Sorts a query's answer into what the page should show (for a page that looks at it first). */
export function loadedFrom<Data, Variables extends AnyVariables>(result: OperationResult<Data, Variables>): Loaded<Data> {
  if (result.data && !result.error) return { status: 'ready', data: result.data };
  if (hasCode(result.error, 'NOT_FOUND')) return { status: 'not-found' };
  if (hasCode(result.error, 'FORBIDDEN')) return { status: 'forbidden' };
  if (result.data) return { status: 'ready', data: result.data };
  return { status: 'failed', message: problemsFrom(result.error)[0]?.message ?? 'Something went wrong.' };
}
