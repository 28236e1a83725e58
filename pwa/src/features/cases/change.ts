import type { AnyVariables, Client, CombinedError, TypedDocumentNode } from '@urql/core';
import type { Problem } from '../../lib/errors';
import { mutate } from '../../lib/mutate';
import type { CaseData } from './case';

export type Changed = { ok: true; case: CaseData } | { ok: false; problems: Problem[]; error?: CombinedError };

/** Runs a change to a case; every one answers with the whole case (see cases.graphql). */
export async function changeCase<Data, Variables extends AnyVariables>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  pick: (data: Data) => CaseData | undefined,
): Promise<Changed> {
  const done = await mutate(client, document, variables, pick);
  return done.ok ? { ok: true, case: done.value } : done;
}
