import { Client, fetchExchange, mapExchange } from '@urql/core';
import { hasCode } from './errors';
import { offlineExchange, wipeOffline } from './offline.svelte';

type Listener = () => void;
let sessionEnded: Listener | null = null;
let secondFactorRequired: Listener | null = null;

/** Called by the session module: runs when the server says the session is over. */
export function onSessionEnded(listener: Listener): void {
  sessionEnded = listener;
}

/**
 * Called by the session module: runs when the server says this session has given only the
 * password (another tab signed in again on this device, and the cookie is now a waiting one).
 */
export function onSecondFactorRequired(listener: Listener): void {
  secondFactorRequired = listener;
}

// Operations that sign people in report bad credentials as UNAUTHENTICATED: that is the form's
// business, not the end of a session. (A passkey sign-in without the password starts with no
// session at all.)
const SIGN_IN_OPERATIONS = new Set(['Login', 'AcceptInvitation', 'BeginPasskeySignIn', 'FinishPasskeySignIn']);

function operationName(query: { definitions: readonly unknown[] }): string | undefined {
  for (const def of query.definitions as { kind: string; name?: { value: string } }[]) {
    if (def.kind === 'OperationDefinition') return def.name?.value;
  }
  return undefined;
}

/**
 * The one GraphQL client. POST with a JSON body only (the server does not accept GET for
 * operations), same-origin cookies (the session cookie is HttpOnly, SameSite=Strict).
 * No HTTP cache and no service-worker cache for GraphQL: the answers the user has seen are kept
 * by `offlineExchange` (IndexedDB, wiped when the session ends) and shown only when offline.
 */
export const client = new Client({
  url: '/graphql',
  preferGetMethod: false,
  fetchOptions: {
    credentials: 'same-origin',
    cache: 'no-store',
  },
  requestPolicy: 'network-only',
  exchanges: [
    mapExchange({
      onError(error, operation) {
        if (hasCode(error, 'SECOND_FACTOR_REQUIRED')) {
          secondFactorRequired?.();
          return;
        }
        if (!hasCode(error, 'UNAUTHENTICATED')) return;
        if (SIGN_IN_OPERATIONS.has(operationName(operation.query) ?? '')) return;
        // A field-level error is a form answer (e.g. a wrong current password), not a lapsed session.
        if (error.graphQLErrors.some((e) => typeof e.extensions?.field === 'string')) return;
        // Nobody is signed in now: nothing read for the last user stays on the device.
        void wipeOffline();
        sessionEnded?.();
      },
    }),
    offlineExchange,
    fetchExchange,
  ],
});
