import type { AnyVariables, Client, TypedDocumentNode } from '@urql/core';
import { problemsFrom, type Problem } from '../../lib/errors';
import type { CaseData } from './case';

export type Changed = { ok: true; case: CaseData } | { ok: false; problems: Problem[] };

/** Runs a change to a case; every one answers with the whole case (see cases.graphql). */
export async function changeCase<Data, Variables extends AnyVariables>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  pick: (data: Data) => CaseData | undefined,
): Promise<Changed> {
  const result = await client.mutation(document, variables).toPromise();
  const updated = result.data ? pick(result.data) : undefined;
  if (updated) return { ok: true, case: updated };
  return { ok: false, problems: problemsFrom(result.error) };
}
