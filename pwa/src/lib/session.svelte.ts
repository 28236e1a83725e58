import { client, onSessionEnded } from './client';
import { hasCode, problemsFrom } from './errors';
import { keepFor, wipeOffline } from './offline.svelte';
import { LogoutDocument, MeDocument, type CurrentUserFragment } from '../gql/graphql';
import type { Role } from './roles';
import { here, navigate } from './router.svelte';

export type CurrentUser = CurrentUserFragment;

export type SessionStatus = 'loading' | 'signed-in' | 'signed-out' | 'unreachable';

/** A message carried to the next page: "You have signed out", "Your password has been changed". */
export interface Notice {
  kind: 'success' | 'important';
  text: string;
  /** The navigation it was raised at: it shows there and on the next page, then goes. */
  at: number;
}

class Session {
  status = $state<SessionStatus>('loading');
  user = $state.raw<CurrentUser | null>(null);
  /** Why the session could not be loaded (status 'unreachable'). */
  problem = $state<string | null>(null);
  notice = $state.raw<Notice | null>(null);
}

export const session = new Session();

export function hasRole(role: Role): boolean {
  return !!session.user?.roles.includes(role);
}

export function hasAnyRole(roles: readonly Role[] | undefined): boolean {
  return !roles || roles.some((r) => hasRole(r));
}

/** Asks the server who is signed in (the session cookie is HttpOnly: only the server knows). */
export async function loadSession(): Promise<void> {
  session.status = 'loading';
  const result = await client.query(MeDocument, {}).toPromise();
  if (result.data?.me) {
    signedIn(result.data.me);
  } else if (hasCode(result.error, 'UNAUTHENTICATED')) {
    session.user = null;
    session.status = 'signed-out';
  } else {
    session.problem = problemsFrom(result.error)[0]?.message ?? null;
    session.status = 'unreachable';
  }
}

/** Shows a message above the next page (or this one, if no navigation follows). */
export function notify(kind: Notice['kind'], text: string): void {
  session.notice = { kind, text, at: here.navigations };
}

/** Shows a message above this page only, after an action that stays on it. */
export function notifyHere(kind: Notice['kind'], text: string): void {
  session.notice = { kind, text, at: here.navigations - 1 };
}

export function signedIn(user: CurrentUser): void {
  // What this user opens is kept for offline use (and anyone else's wiped first).
  void keepFor(user.id, user);
  session.user = user;
  session.problem = null;
  session.status = 'signed-in';
}

function signedOut(): void {
  void wipeOffline();
  session.user = null;
  session.status = 'signed-out';
}

/** Ends the session on the server. Returns a message to show if that could not be done. */
export async function signOut(): Promise<string | null> {
  const result = await client.mutation(LogoutDocument, {}).toPromise();
  if (result.error && !hasCode(result.error, 'UNAUTHENTICATED')) {
    return problemsFrom(result.error)[0]?.message ?? null;
  }
  signedOut();
  notify('success', 'You have signed out.');
  // Navigate now, in the same tick, so the shell does not first redirect with a "next" link.
  navigate('/sign-in');
  return null;
}

// Any other operation told us the session has lapsed (expired, or ended from another device).
onSessionEnded(() => {
  if (session.status !== 'signed-in') return;
  signedOut();
  notify('important', 'You have been signed out. Sign in again to carry on.');
});
