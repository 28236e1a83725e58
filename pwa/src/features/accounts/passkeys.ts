// The browser's side of a passkey (WebAuthn): the server's options (JSON) in, the credential
// (JSON, as `toJSON()` gives it) out. The server checks everything; here only what the browser
// said is put into words.
import type { Client } from '@urql/core';
import { problem, type Problem } from '../../lib/errors';
import { mutate, type Outcome } from '../../lib/mutate';
import {
  BeginPasskeySignInDocument,
  FinishPasskeySignInDocument,
  type FinishPasskeySignInMutation,
} from '../../gql/graphql';

export type PasskeyOutcome = { ok: true; credential: string } | { ok: false; problems: Problem[] };

/** What a refusal or failure of the browser's passkey prompt means for the user. */
function browserProblem(error: unknown, making: boolean): Problem {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'AbortError') {
    return problem(
      null,
      making
        ? 'The passkey was not made: it was cancelled, or it took too long. Try again.'
        : 'The passkey was not used: it was cancelled, or it took too long. Try again, or use another way to sign in.',
    );
  }
  if (name === 'InvalidStateError') {
    return problem(null, 'This device already has a passkey for your RJ Hub account. You can use that one.');
  }
  if (name === 'SecurityError') {
    return problem(null, 'Passkeys cannot be used on this address. Use a code from an authenticator app.');
  }
  return problem(
    null,
    making
      ? 'This device could not make a passkey. Try again, or set up an authenticator app instead.'
      : 'This device could not use a passkey. Try again, or use another way to sign in.',
  );
}

function asJson(credential: Credential | null): string | null {
  return credential instanceof PublicKeyCredential ? JSON.stringify(credential.toJSON()) : null;
}

/** Asks the device to make a passkey with the server's creation options. */
export async function makePasskey(options: string): Promise<PasskeyOutcome> {
  try {
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(JSON.parse(options));
    const credential = asJson(await navigator.credentials.create({ publicKey }));
    return credential ? { ok: true, credential } : { ok: false, problems: [browserProblem(null, true)] };
  } catch (error) {
    return { ok: false, problems: [browserProblem(error, true)] };
  }
}

/** Asks the device for a passkey with the server's request options (its own, or any of this site's). */
export async function usePasskey(options: string): Promise<PasskeyOutcome> {
  try {
    const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(JSON.parse(options));
    const credential = asJson(await navigator.credentials.get({ publicKey }));
    return credential ? { ok: true, credential } : { ok: false, problems: [browserProblem(null, false)] };
  } catch (error) {
    return { ok: false, problems: [browserProblem(error, false)] };
  }
}

/**
 * A whole passkey sign-in — the server's challenge, the device's answer, the server's check —
 * after the password (the session waits) or instead of it (no session).
 */
export async function signInWithPasskey(
  client: Client,
): Promise<Outcome<FinishPasskeySignInMutation['finishPasskeySignIn']>> {
  const challenge = await mutate(client, BeginPasskeySignInDocument, {}, (d) => d.beginPasskeySignIn);
  if (!challenge.ok) return challenge;
  const answer = await usePasskey(challenge.value.options);
  if (!answer.ok) return answer;
  return mutate(
    client,
    FinishPasskeySignInDocument,
    { input: { ceremonyId: challenge.value.ceremonyId, credential: answer.credential } },
    (d) => d.finishPasskeySignIn,
  );
}
