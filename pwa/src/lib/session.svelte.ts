import { client, onSecondFactorRequired, onSessionEnded } from './client';
import { hasCode, problemsFrom } from './errors';
import { keepFor, wipeOffline } from './offline.svelte';
import {
  LogoutDocument,
  MeDocument,
  SignInStepDocument,
  type CurrentUserFragment,
  type SignInStateFragment,
} from '../gql/graphql';
import type { Role } from './roles';
import { here, navigate, withNext } from './router.svelte';

export type CurrentUser = CurrentUserFragment;

/**
 * 'second-factor': the password was right and the session waits for a code from the
 * authenticator app, a passkey or a recovery code; 'enrol': it waits for one to be set up (the
 * role needs one and the user has none). Either way the server answers nothing else (`me`
 * included) until it is done: SECOND_FACTOR_REQUIRED.
 */
export type SessionStatus = 'loading' | 'signed-in' | 'signed-out' | 'unreachable' | 'second-factor' | 'enrol';

export type SignInState = SignInStateFragment;

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
  /** While the session waits for a second factor: what the user can give (or must set up). */
  step = $state.raw<SignInState | null>(null);
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
  } else if (hasCode(result.error, 'SECOND_FACTOR_REQUIRED')) {
    await loadStep();
  } else {
    session.problem = problemsFrom(result.error)[0]?.message ?? null;
    session.status = 'unreachable';
  }
}

/** Asks the server what a session waiting after the password can give, and waits for it. */
async function loadStep(): Promise<void> {
  const state = await fetchStep();
  if (state.ok) {
    if (state.value.step === 'DONE') await loadSession();
    else waiting(state.value);
  } else if (state.signedOut) {
    session.user = null;
    session.status = 'signed-out';
  } else {
    session.problem = state.message;
    session.status = 'unreachable';
  }
}

type Fetched<T> = { ok: true; value: T } | { ok: false; signedOut: boolean; message: string | null };

/** Where this session's sign-in has got to (without changing the session here). */
export async function fetchStep(): Promise<Fetched<SignInState>> {
  const result = await client.query(SignInStepDocument, {}).toPromise();
  if (result.data?.signInStep) return { ok: true, value: result.data.signInStep };
  return {
    ok: false,
    signedOut: hasCode(result.error, 'UNAUTHENTICATED'),
    message: problemsFrom(result.error)[0]?.message ?? null,
  };
}

/** Who is signed in, now that the second factor is set up (without changing the session here). */
export async function fetchMe(): Promise<Fetched<CurrentUser>> {
  const result = await client.query(MeDocument, {}).toPromise();
  if (result.data?.me) return { ok: true, value: result.data.me };
  return {
    ok: false,
    signedOut: hasCode(result.error, 'UNAUTHENTICATED'),
    message: problemsFrom(result.error)[0]?.message ?? null,
  };
}

/**
 * The password was right and the session now waits for a second factor (or for one to be set
 * up). Nothing read for whoever used this device before stays on it; the menu goes (there is
 * no user yet).
 */
export function waiting(state: SignInState): void {
  void wipeOffline();
  session.user = null;
  session.problem = null;
  session.step = state;
  session.status = state.step === 'ENROL' ? 'enrol' : 'second-factor';
}

/** Whether this browser can make and use passkeys (the JSON helpers came with Chrome 129, Safari 18, Firefox 119). */
export function browserHasPasskeys(): boolean {
  return (
    typeof window.PublicKeyCredential === 'function' &&
    typeof window.PublicKeyCredential.parseCreationOptionsFromJSON === 'function' &&
    typeof window.PublicKeyCredential.parseRequestOptionsFromJSON === 'function'
  );
}

/** Whether the user can sign in with a passkey here: the server can, this browser can, and they have one. */
export function passkeyOffered(state: SignInState | null): boolean {
  return !!state && state.passkeysAvailable && state.methods.includes('PASSKEY') && browserHasPasskeys();
}

/**
 * The page a session waiting after the password goes to, keeping where the user was going
 * (`next`): the code from the authenticator app if they have one, else their passkey, else a
 * recovery code; or setting one up.
 */
export function stepPath(next: string | null | undefined): string {
  const state = session.step;
  if (session.status === 'enrol') return withNext('/sign-in/set-up', next);
  const methods = state?.methods ?? [];
  let path = '/sign-in/code';
  if (!methods.includes('TOTP')) {
    if (passkeyOffered(state)) path = '/sign-in/passkey';
    else if (methods.includes('RECOVERY_CODE')) path = '/sign-in/recovery-code';
    else if (methods.includes('PASSKEY')) path = '/sign-in/passkey';
  }
  return withNext(path, next);
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
  session.step = null;
  session.status = 'signed-in';
}

function signedOut(): void {
  void wipeOffline();
  session.user = null;
  session.step = null;
  session.status = 'signed-out';
}

/** This session was ended by an action on the page (signing out everywhere): to sign-in, with the message. */
export function endedHere(message: string): void {
  signedOut();
  notify('success', message);
  navigate('/sign-in');
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
  if (session.status === 'second-factor' || session.status === 'enrol') {
    signedOut();
    notify('important', 'Signing in took too long, so it has stopped. Sign in again to carry on.');
    return;
  }
  if (session.status !== 'signed-in') return;
  signedOut();
  notify('important', 'You have been signed out. Sign in again to carry on.');
});

// Signed in here, but the session is now one waiting for a second factor (someone signed in
// again with the password in another tab): this tab waits for it too.
onSecondFactorRequired(() => {
  if (session.status !== 'signed-in') return;
  void loadStep();
});
