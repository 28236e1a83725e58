import { client } from './client';
import { MessageLanguagesDocument, type MessageLanguagesQuery } from '../gql/graphql';

/** A language the Hub writes to people in (`messageLanguages`): its code and its name in itself. */
export type MessageLanguage = MessageLanguagesQuery['messageLanguages'][number];

class MessageLanguagesState {
  list = $state.raw<readonly MessageLanguage[]>([]);
}

/**
 * The languages the Hub writes in, fetched once (the staff screens name a message's language and
 * offer them for a participant's written language); kept offline with the case page.
 */
export const messageLanguages = new MessageLanguagesState();

let pending: Promise<void> | null = null;

/** Starts fetching the languages unless they are here already (tries again after a failure). */
export function ensureMessageLanguages(): Promise<void> {
  if (messageLanguages.list.length > 0) return Promise.resolve();
  pending ??= client
    .query(MessageLanguagesDocument, {})
    .toPromise()
    .then((result) => {
      if (result.data) messageLanguages.list = result.data.messageLanguages;
    })
    .finally(() => {
      pending = null;
    });
  return pending;
}

/** "pl" → "Polski"; the code itself until the list is here (or for a language it does not name). */
export function languageName(code: string): string {
  return messageLanguages.list.find((l) => l.code === code)?.name ?? code;
}
