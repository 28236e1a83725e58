import type { AnyVariables, Client, CombinedError, TypedDocumentNode } from '@urql/core';
import { problemsFrom, type Problem } from './errors';
import { focusNotice } from './focus';
import { notifyHere } from './session.svelte';

/** What a change came to: the part of the answer the screen needs, or the problems to show. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; problems: Problem[]; error?: CombinedError };

/**
 * Runs a mutation and picks what the screen needs from the answer; anything else (refused,
 * offline, unreachable) comes back as problems for the error summary.
 */
export async function mutate<Data, Variables extends AnyVariables, T>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  pick: (data: Data) => T | null | undefined,
): Promise<Outcome<T>> {
  const result = await client.mutation(document, variables).toPromise();
  const value = result.data ? pick(result.data) : undefined;
  if (value !== undefined && value !== null) return { ok: true, value };
  return { ok: false, problems: problemsFrom(result.error), error: result.error };
}

/** After an action that stays on the page: the success banner above the heading, focused. */
export function announce(message: string): void {
  notifyHere('success', message);
  void focusNotice();
}
