// What the pages after the password share: finishing the sign-in, a second factor just set up
// (while signing in, or from Security), and the recovery codes that come with the first one,
// kept in this tab's memory only until the user says they have saved them (never in storage or
// the address: they open the account).
import { problem, type Problem } from '../../lib/errors';
import { here, navigate, safeNext } from '../../lib/router.svelte';
import { fetchMe, notify, session, signedIn } from '../../lib/session.svelte';
import type { SecondFactorAddedFragment, SecondFactorKind, SignInCompletedFragment } from '../../gql/graphql';

export const KIND_LABELS: Record<SecondFactorKind, string> = {
  TOTP: 'Authenticator app',
  PASSKEY: 'Passkey',
  RECOVERY_CODE: 'Recovery code',
};

/** Where the user was going before signing in (`?next=`), for the pages after the password. */
export function nextFromHere(): string | null {
  return here.query.get('next');
}

/** The second factor was right: signed in, on to where they were going. */
export function completeSignIn(done: SignInCompletedFragment, next: string | null): void {
  signedIn(done.user);
  navigate(safeNext(next), { replace: true });
}

class FreshCodes {
  /** Shown once: gone when the user goes on, or leaves the page. */
  codes = $state.raw<readonly string[]>([]);
  /** Where "I have saved them, continue" goes. */
  then = $state('/');
}

export const freshCodes = new FreshCodes();

export function forgetCodes(): void {
  freshCodes.codes = [];
}

/** Shows new recovery codes on their page, then goes on to `then`. */
export function showCodes(codes: readonly string[], then: string): void {
  freshCodes.codes = codes;
  freshCodes.then = then;
  navigate('/recovery-codes');
}

/** Whether the page is setting up the factor the role needs while signing in (else from Security). */
export function enrolling(): boolean {
  return session.status === 'enrol';
}

/**
 * A second factor has been set up. While signing in, the session is now a full one: who is
 * signed in is read, then the recovery codes (a first factor always has them), then on. From
 * Security: the codes if this was the first, else back to Security. Returns the problems to
 * show if the sign-in could not be finished here.
 */
export async function factorAdded(added: SecondFactorAddedFragment, what: string, next: string | null): Promise<Problem[] | null> {
  const codes = added.recoveryCodes;
  if (enrolling()) {
    const me = await fetchMe();
    if (!me.ok) {
      return [problem(null, `${what} is set up, but RJ Hub could not finish signing you in. Reload the page to carry on.`)];
    }
    signedIn(me.value);
    notify('success', `${what} is set up and you are signed in.`);
    if (codes.length > 0) showCodes(codes, safeNext(next));
    else navigate(safeNext(next), { replace: true });
    return null;
  }
  notify('success', `${what} has been added.`);
  if (codes.length > 0) showCodes(codes, '/security');
  else navigate('/security');
  return null;
}
