// Signing in with a second factor, in a real browser against the real server on a phone-sized
// screen, with axe on every page: a trainer adds an authenticator app in Security (the test is
// the app: RFC 6238 from the key the page shows), saves the 10 recovery codes, and signs in with
// a code, then with a recovery code (refused the second time); a supervisor adds a passkey
// (Chromium's virtual authenticator) and signs in with it instead of the password, and after
// it, while the device's answer caught on its way is refused when sent again, for a new
// ceremony, or altered (and a live answer altered on its way is refused too); a co-ordinator
// whose role needs a second factor must set one up before the workbench; the co-ordinator resets
// a referrer's second factors.
//
// Run: npm run build && node --test e2e/second-factor.test.mjs   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  assertAccessible,
  bannerSays,
  heading,
  openMenu,
  openPhone,
  pageGraphql,
  pageGraphqlAnswer,
  sharedServerAndBrowser,
  signIn,
} from './browser.mjs';
import { DEMO_PASSWORD, demoEmail, startServer } from './server.mjs';

// Browsed as http://localhost:PORT: passkeys need a host name. Second factors are optional on
// the demo (RJHUB_SECOND_FACTOR_ROLES=none), so each user here chooses to add one.
const e2e = sharedServerAndBrowser({ localhost: true });

// ---- The authenticator app: RFC 6238 (TOTP), SHA-1, 6 digits, 30 seconds ----

/** @param {string} text RFC 4648 base32, spaces and padding allowed */
function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const index = alphabet.indexOf(ch);
    if (index < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The code for a 30-second step (RFC 4226's HOTP of the step). */
function totpAt(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const number = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(number).padStart(6, '0');
}

const stepNow = () => Math.floor(Date.now() / 1000 / 30);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The phone's app: a code the server has not had yet. It takes each step once, and allows one
 * step either side of its clock, so after using this step's code the next step's is given.
 */
function authenticatorApp(secret) {
  let last = -1;
  return {
    async code() {
      let step = Math.max(stepNow(), last + 1);
      while (step > stepNow() + 1) await sleep(500);
      last = step;
      return totpAt(secret, step);
    },
    /** A code the server cannot take now (none of the steps it allows). */
    wrongCode() {
      const now = stepNow();
      const near = new Set([now - 1, now, now + 1, now + 2].map((step) => totpAt(secret, step)));
      return ['000000', '111111', '222222', '333333', '444444'].find((c) => !near.has(c)) ?? '555555';
    },
  };
}

test('the test authenticator follows RFC 6238', () => {
  // RFC 6238 appendix B, SHA-1: the key "12345678901234567890", T = 59 s → 94287082 (8 digits; 6: 287082).
  const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  assert.equal(totpAt(secret, Math.floor(59 / 30)), '287082');
  assert.equal(totpAt(secret, Math.floor(1111111109 / 30)), '081804');
});

/** Signs out from the menu, and waits for the sign-in page. */
async function signOutFromMenu(page, server) {
  const menu = await openMenu(page);
  await menu.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${server.url}/sign-in`);
}

/** Adds an authenticator app on the page it is on (Security's, or the set-up while signing in); returns the app. */
async function addAuthenticatorApp(page, where) {
  const key = page.locator('#totp-key');
  await key.waitFor();
  await page.getByRole('img', { name: /QR code for adding RJ Hub to your authenticator app/ }).waitFor();
  const open = page.getByRole('link', { name: 'Open in your authenticator app' });
  assert.match((await open.getAttribute('href')) ?? '', /^otpauth:\/\/totp\//, 'the phone gets a link into the app');
  const shown = ((await key.textContent()) ?? '').trim();
  assert.match(shown, /^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/, 'the key is shown in groups of 4');
  await assertAccessible(page, where);
  return authenticatorApp(shown);
}

/** On "Save your recovery codes": the codes shown. */
async function recoveryCodesShown(page) {
  await page.getByRole('heading', { level: 1, name: 'Save your recovery codes' }).waitFor();
  const codes = (await page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem').allTextContents()).map((c) => c.trim());
  assert.equal(codes.length, 10, 'ten recovery codes');
  for (const c of codes) assert.match(c, /^[a-z0-9]{5}-[a-z0-9]{5}$/);
  assert.equal(new Set(codes).size, 10, 'all different');
  return codes;
}

// ---- A passkey's answer, caught on its way to the server and sent again ----

/**
 * The body of the page's next `finishPasskeySignIn` request (the ceremony's id and the device's
 * signed answer), caught as it goes to the server: what someone watching the wire would have.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string>}
 */
function catchFinishPasskeySignIn(page) {
  return new Promise((resolve) => {
    /** @param {import('playwright-core').Request} request */
    const seen = (request) => {
      if (request.method() !== 'POST' || !request.url().endsWith('/graphql')) return;
      const body = request.postData() ?? '';
      if (!/\bfinishPasskeySignIn\b/.test(body)) return;
      page.off('request', seen);
      resolve(body);
    };
    page.on('request', seen);
  });
}

/**
 * A GraphQL request from outside the browser: with no session unless `cookie` is given (Node's
 * fetch keeps no cookies). The answer, and any session cookie it set.
 * @param {{ url: string }} server
 * @param {string | object} body
 * @param {string} [cookie] "rjhub_session=…"
 */
async function graphqlFromOutside(server, body, cookie) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const sessionCookies = res.headers.getSetCookie().filter((c) => /^rjhub_session=[^;]+/.test(c));
  return { answer: await res.json(), sessionCookies };
}

const FINISH_PASSKEY = 'mutation ($input: FinishPasskeyInput!) { finishPasskeySignIn(input: $input) { user { id } nextStep } }';

/** A new passkey ceremony (with no session: any passkey of the site; with a waiting session's cookie: its user's). */
async function freshCeremony(server, cookie) {
  const { answer } = await graphqlFromOutside(server, { query: 'mutation { beginPasskeySignIn { ceremonyId options } }' }, cookie);
  assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
  const { ceremonyId, options } = answer.data.beginPasskeySignIn;
  return { ceremonyId, challenge: JSON.parse(options).challenge };
}

/** The device's answer (JSON) with one character of its signature changed. */
function withChangedSignature(credential) {
  const c = JSON.parse(credential);
  const sig = c.response.signature;
  const at = sig.length - 6; // inside the signature's last number: the DER around it still reads
  c.response.signature = sig.slice(0, at) + (sig[at] === 'A' ? 'B' : 'A') + sig.slice(at + 1);
  return JSON.stringify(c);
}

/**
 * The device's answer with its client data rewritten to carry another challenge: the challenge
 * then fits, but the signature, made over the old client data, does not.
 */
function withClientDataFor(credential, challenge) {
  const c = JSON.parse(credential);
  const data = JSON.parse(Buffer.from(c.response.clientDataJSON, 'base64url').toString('utf8'));
  assert.equal(data.type, 'webauthn.get');
  data.challenge = challenge;
  c.response.clientDataJSON = Buffer.from(JSON.stringify(data), 'utf8').toString('base64url');
  return JSON.stringify(c);
}

const ALREADY_USED = /took too long or was already used/;
const NOT_CHECKED = /could not be checked/;

/** The server refused a passkey answer: VALIDATION on `field`, no sign-in and no session cookie. */
function assertRefused({ answer, sessionCookies }, field, message, what) {
  assert.equal(answer.data?.finishPasskeySignIn ?? null, null, `${what}: nobody is signed in (${JSON.stringify(answer)})`);
  const error = answer.errors?.[0];
  assert.equal(error?.extensions?.code, 'VALIDATION', `${what}: ${JSON.stringify(answer)}`);
  assert.equal(error.extensions.field, field, `${what}: ${JSON.stringify(answer)}`);
  assert.match(error.message, message, what);
  assert.deepEqual(sessionCookies, [], `${what}: no session cookie is set`);
}

/**
 * Someone who caught the device's answer on its way (`body`, a finishPasskeySignIn request the
 * server has taken) tries it again, with no session: the very same request, the answer for a new
 * ceremony, and the answer altered for a new ceremony. Each is refused.
 * @param {{ url: string }} server
 * @param {string} body
 */
async function assertCaughtAnswerRefused(server, body) {
  const { ceremonyId, credential } = JSON.parse(body).variables.input;
  assert.ok(ceremonyId && credential, 'the request carries the ceremony and the answer');

  // (a) The same request again: the ceremony was used.
  assertRefused(await graphqlFromOutside(server, body), 'ceremonyId', ALREADY_USED, 'the same request again');

  // (b) The same answer for a new ceremony: it was signed for the old challenge.
  const fresh = await freshCeremony(server);
  assert.notEqual(fresh.ceremonyId, ceremonyId);
  const again = { query: FINISH_PASSKEY, variables: { input: { ceremonyId: fresh.ceremonyId, credential } } };
  assertRefused(await graphqlFromOutside(server, again), 'credential', NOT_CHECKED, 'the old answer for a new ceremony');

  // (c) Altered: a changed signature; the client data rewritten for the new challenge.
  const other = await freshCeremony(server);
  const changed = { query: FINISH_PASSKEY, variables: { input: { ceremonyId: other.ceremonyId, credential: withChangedSignature(credential) } } };
  assertRefused(await graphqlFromOutside(server, changed), 'credential', NOT_CHECKED, 'the answer with a changed signature');
  const third = await freshCeremony(server);
  const rewritten = {
    query: FINISH_PASSKEY,
    variables: { input: { ceremonyId: third.ceremonyId, credential: withClientDataFor(credential, third.challenge) } },
  };
  assertRefused(await graphqlFromOutside(server, rewritten), 'credential', NOT_CHECKED, 'the answer rewritten for the new challenge');
}

/** How many sessions the user of the page has (signed in everywhere). */
async function sessionCount(page) {
  return (await pageGraphql(page, '{ mySessions { id } }')).mySessions.length;
}

describe('second factors', () => {
  test('a trainer adds an authenticator app, then signs in with a code and with a recovery code', async (t) => {
    const { page, assertClean } = await e2e.signedIn(t, 'trainer');
    const url = e2e.server.url;
    const name = (await pageGraphql(page, '{ me { name } }')).me.name;

    // Your account → Security.
    const menu = await openMenu(page);
    await menu.getByRole('link', { name: 'Security' }).click();
    await page.waitForURL(`${url}/security`);
    await page.getByRole('heading', { level: 2, name: 'Second ways to sign in' }).waitFor();
    await page.getByText('You sign in with your password only.').waitFor();
    await page.getByRole('list', { name: 'Where you are signed in' }).getByText('This device').waitFor();
    await assertAccessible(page, 'the Security page with no second factor');

    await page.getByRole('link', { name: 'Add an authenticator app' }).click();
    await page.waitForURL(`${url}/security/authenticator-app`);
    assert.equal(await heading(page), 'Add an authenticator app');
    const app = await addAuthenticatorApp(page, 'adding an authenticator app');

    // The browser's check, then the server's.
    const code = page.getByLabel('Enter the 6-digit code the app shows');
    await code.fill('123');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#code-error').getByText('The code must be 6 digits').waitFor();
    await code.fill(app.wrongCode());
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.error-summary').getByText('That code is not right').waitFor();
    assert.match(await page.title(), /^Error: /);

    await code.fill(await app.code());
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${url}/recovery-codes`);
    await bannerSays(page, 'Your authenticator app has been added.');
    const codes = await recoveryCodesShown(page);
    await page.getByRole('button', { name: 'Copy the codes' }).waitFor();
    await page.getByRole('button', { name: 'Download the codes' }).waitFor();
    await page.getByRole('button', { name: 'Print the codes' }).waitFor();
    await assertAccessible(page, 'the recovery codes');
    await page.getByRole('button', { name: 'I have saved them, continue' }).click();
    await page.waitForURL(`${url}/security`);
    await page.getByRole('list', { name: 'Second ways to sign in' }).getByRole('heading', { name: 'Authenticator app' }).waitFor();
    await page.getByText('You have 10 recovery codes left.').waitFor();
    await assertAccessible(page, 'the Security page with an authenticator app');

    // The codes were shown once: the page does not have them again.
    await page.goto(`${url}/recovery-codes`);
    await page.getByRole('heading', { level: 1, name: 'Your recovery codes were shown once' }).waitFor();

    // The password is not enough now.
    await signOutFromMenu(page, e2e.server);
    await signIn(page, demoEmail('trainer'));
    await page.waitForURL(`${url}/sign-in/code`);
    assert.equal(await heading(page), 'Enter the code from your authenticator app');
    const input = page.getByLabel('Enter the code from your authenticator app');
    assert.equal(await input.getAttribute('autocomplete'), 'one-time-code');
    assert.equal(await input.getAttribute('inputmode'), 'numeric');
    await page.getByRole('link', { name: 'Use a recovery code' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Use a passkey instead' }).count(), 0, 'no passkey set up');
    assert.equal(await page.getByRole('button', { name: 'Menu' }).count(), 0, 'no menu before the second factor');
    await assertAccessible(page, 'the code page');

    // Nothing else opens meanwhile, after a reload too, and the server refuses the rest.
    const refused = await pageGraphqlAnswer(page, '{ me { name } }');
    assert.equal(refused.errors?.[0]?.extensions?.code, 'SECOND_FACTOR_REQUIRED');
    await page.goto(`${url}/my-training`);
    await page.waitForURL(`${url}/sign-in/code?next=%2Fmy-training`);
    await page.getByLabel('Enter the code from your authenticator app').fill(await app.code());
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${url}/my-training`);
    await page.getByRole('heading', { level: 1, name: 'My training' }).waitFor();

    // A recovery code instead (a lost phone).
    await signOutFromMenu(page, e2e.server);
    await signIn(page, demoEmail('trainer'));
    await page.waitForURL(`${url}/sign-in/code`);
    await page.getByRole('link', { name: 'Use a recovery code' }).click();
    await page.waitForURL(`${url}/sign-in/recovery-code`);
    assert.equal(await heading(page), 'Enter a recovery code');
    await page.getByRole('link', { name: 'Use a code from your authenticator app' }).waitFor();
    await assertAccessible(page, 'the recovery code page');
    await page.getByLabel('Enter a recovery code').fill(codes[0].toUpperCase());
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${url}/`);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await bannerSays(page, 'You have 9 recovery codes left.');

    // New codes in place of the old ones, shown once.
    await page.goto(`${url}/security`);
    await page.getByText('You have 9 recovery codes left.').waitFor();
    await page.getByRole('button', { name: 'Get new recovery codes' }).click();
    await page.getByText('The codes you have now will stop working.').waitFor();
    await page.getByRole('button', { name: 'Get new codes' }).click();
    await page.waitForURL(`${url}/recovery-codes`);
    const fresh = await recoveryCodesShown(page);
    assert.equal(fresh.filter((c) => codes.includes(c)).length, 0, 'all new');
    await page.getByRole('button', { name: 'I have saved them, continue' }).click();
    await page.waitForURL(`${url}/security`);
    await page.getByText('You have 10 recovery codes left.').waitFor();

    // Each code works once (and the old ones no longer).
    await signOutFromMenu(page, e2e.server);
    await signIn(page, demoEmail('trainer'));
    await page.waitForURL(`${url}/sign-in/code`);
    await page.getByRole('link', { name: 'Use a recovery code' }).click();
    await page.getByLabel('Enter a recovery code').fill(codes[0]);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#code-error').getByText('has been used already').waitFor();
    assert.equal(page.url(), `${url}/sign-in/recovery-code`);
    await assertAccessible(page, 'the recovery code page with an error');

    // "Sign out" from the page after the password ends the waiting session.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${url}/sign-in`);
    await page.getByText('You have signed out.').waitFor();
    await page.goto(`${url}/sign-in/code`);
    await page.waitForURL(`${url}/sign-in`);
    assertClean();
  });

  test('a supervisor adds a passkey and signs in with it, without the password and after it', async (t) => {
    const { page, assertClean } = await e2e.signedIn(t, 'supervisor');
    const url = e2e.server.url;
    const name = (await pageGraphql(page, '{ me { name } }')).me.name;

    // The phone's own authenticator (fingerprint, face or screen lock), as Chromium emulates it.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });

    await page.goto(`${url}/security`);
    await page.getByRole('link', { name: 'Add a passkey' }).click();
    await page.waitForURL(`${url}/security/passkey`);
    assert.equal(await heading(page), 'Add a passkey');
    await assertAccessible(page, 'adding a passkey');
    await page.getByLabel('A name for this passkey (optional)').fill('Work phone');
    await page.getByRole('button', { name: 'Create a passkey' }).click();
    // The first second factor comes with recovery codes.
    await page.waitForURL(`${url}/recovery-codes`);
    await bannerSays(page, 'Your passkey has been added.');
    await recoveryCodesShown(page);
    await page.getByRole('button', { name: 'I have saved them, continue' }).click();
    await page.waitForURL(`${url}/security`);
    await page.getByRole('list', { name: 'Second ways to sign in' }).getByRole('heading', { name: 'Passkey: Work phone' }).waitFor();

    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(credentials.length, 1, 'the device holds one passkey');
    assert.equal(credentials[0].isResidentCredential, true, 'a discoverable passkey: it can sign in without the password');

    // Without the password. A live answer altered on its way (a changed signature, the right
    // ceremony) is refused, and the page says so.
    await signOutFromMenu(page, e2e.server);
    await assertAccessible(page, 'the sign-in page with "Sign in with a passkey"');
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (!/\bfinishPasskeySignIn\b/.test(body)) return route.continue();
      const sent = JSON.parse(body);
      sent.variables.input.credential = withChangedSignature(sent.variables.input.credential);
      return route.continue({ postData: JSON.stringify(sent) });
    });
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.locator('.error-summary').getByText(NOT_CHECKED).waitFor();
    assert.equal(page.url(), `${url}/sign-in`);
    await assertAccessible(page, 'the sign-in page refusing a passkey');
    await page.unroute('**/graphql');
    assert.equal((await pageGraphqlAnswer(page, '{ me { name } }')).errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');

    const caught = catchFinishPasskeySignIn(page);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL(`${url}/`);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    const me = await pageGraphql(page, '{ me { name } mySecondFactors { factors { label lastUsedAt } } }');
    assert.equal(me.me.name, name);
    assert.ok(me.mySecondFactors.factors[0].lastUsedAt, 'the passkey was used');

    // The answer caught on its way signs nobody in again.
    const sessions = await sessionCount(page);
    await assertCaughtAnswerRefused(e2e.server, await caught);
    assert.equal(await sessionCount(page), sessions, 'no new session');

    // After the password: a user whose only factor is a passkey is asked for it.
    await signOutFromMenu(page, e2e.server);
    await signIn(page, demoEmail('supervisor'));
    await page.waitForURL(`${url}/sign-in/passkey`);
    assert.equal(await heading(page), 'Sign in with your passkey');
    await page.getByRole('link', { name: 'Use a recovery code' }).waitFor();
    assert.equal(await page.getByRole('link', { name: /authenticator app/ }).count(), 0, 'no authenticator app set up');
    await assertAccessible(page, 'the passkey page');
    const waitingCookie = (await page.context().cookies()).find((c) => c.name === 'rjhub_session');
    assert.ok(waitingCookie, 'the session waiting for the passkey');
    const caughtAfterPassword = catchFinishPasskeySignIn(page);
    await page.getByRole('button', { name: 'Use your passkey' }).click();
    await page.waitForURL(`${url}/`);
    await page.getByRole('heading', { level: 1, name }).waitFor();

    // The answer caught on its way is no good again: with no session, with the waiting session's
    // cookie it came with (that session ended when it was taken), nor to someone else who has the
    // password and so a waiting session of their own.
    const body = await caughtAfterPassword;
    const login = await graphqlFromOutside(e2e.server, {
      query: 'mutation ($input: LoginInput!) { login(input: $input) { nextStep } }',
      variables: { input: { email: demoEmail('supervisor'), password: DEMO_PASSWORD } },
    });
    assert.equal(login.answer.data?.login?.nextStep, 'SECOND_FACTOR');
    const thief = login.sessionCookies[0].split(';')[0];
    const sessionsNow = await sessionCount(page);
    await assertCaughtAnswerRefused(e2e.server, body);
    assertRefused(
      await graphqlFromOutside(e2e.server, body, `rjhub_session=${waitingCookie.value}`),
      'ceremonyId',
      ALREADY_USED,
      'the same request, with the waiting session’s cookie it came with',
    );

    assertRefused(await graphqlFromOutside(e2e.server, body, thief), 'ceremonyId', ALREADY_USED, 'the same request, with another waiting session');
    const { credential } = JSON.parse(body).variables.input;
    const theirs = await freshCeremony(e2e.server, thief);
    assertRefused(
      await graphqlFromOutside(e2e.server, { query: FINISH_PASSKEY, variables: { input: { ceremonyId: theirs.ceremonyId, credential } } }, thief),
      'credential',
      NOT_CHECKED,
      'the old answer for a new ceremony of another waiting session',
    );
    const rewritten = await freshCeremony(e2e.server, thief);
    assertRefused(
      await graphqlFromOutside(
        e2e.server,
        { query: FINISH_PASSKEY, variables: { input: { ceremonyId: rewritten.ceremonyId, credential: withClientDataFor(credential, rewritten.challenge) } } },
        thief,
      ),
      'credential',
      NOT_CHECKED,
      'the old answer rewritten for a new ceremony of another waiting session',
    );
    const still = await graphqlFromOutside(e2e.server, { query: '{ signInStep { step } }' }, thief);
    assert.equal(still.answer.data?.signInStep?.step, 'SECOND_FACTOR', 'their session still waits for a second factor');
    assert.equal(await sessionCount(page), sessionsNow, 'no new session');

    // Removed (the role does not need one here), after a confirmation.
    await page.goto(`${url}/security`);
    await page.getByRole('button', { name: 'Remove Passkey: Work phone' }).click();
    await page.getByText('It is your only second way to sign in').waitFor();
    await assertAccessible(page, 'the Security page confirming a removal');
    await page.getByRole('button', { name: /^Yes, remove it\W+Passkey: Work phone$/ }).click();
    await bannerSays(page, 'Passkey: Work phone has been removed.');
    await page.getByText('You sign in with your password only.').waitFor();
    assertClean();
  });

  test('the co-ordinator resets a referrer’s second factors', async (t) => {
    const url = e2e.server.url;
    // The referrer has an authenticator app (set up through the API: Security's page is above).
    const referrer = await e2e.signedIn(t, 'referrer');
    const started = (await pageGraphql(referrer.page, 'mutation { startTotpEnrolment(input: {}) { factorId secret } }'))
      .startTotpEnrolment;
    const app = authenticatorApp(started.secret);
    await pageGraphql(referrer.page, 'mutation ($input: ConfirmTotpEnrolmentInput!) { confirmTotpEnrolment(input: $input) { factor { id } } }', {
      input: { factorId: started.factorId, code: await app.code() },
    });
    const referrerName = (await pageGraphql(referrer.page, '{ me { name } }')).me.name;

    const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
    const menu = await openMenu(page);
    await menu.getByRole('link', { name: 'Users' }).click();
    await page.waitForURL(`${url}/users`);
    assert.equal(await heading(page), 'Users');
    await page.getByRole('list', { name: 'Users' }).getByRole('heading', { name: referrerName }).waitFor();
    await assertAccessible(page, 'the users page');
    assert.equal(
      await page.getByRole('list', { name: 'Users' }).getByRole('listitem').filter({ hasText: '(you)' }).getByRole('link').count(),
      0,
      'no reset of one’s own second factors',
    );

    await page.getByRole('link', { name: `Reset second factors for ${referrerName}` }).click();
    await page.waitForURL(/\/users\/[^/]+\/reset-second-factors$/);
    await page.getByRole('heading', { level: 1, name: `Reset ${referrerName}’s second factors` }).waitFor();
    await assertAccessible(page, 'the reset page');
    await page.getByRole('button', { name: 'Reset second factors' }).click();
    await page.locator('#reason-error').getByText('Say why you are resetting their second factors').waitFor();
    await page.getByLabel('Why are you resetting their second factors?').fill('Lost phone, reported by phone and checked.');
    await page.getByRole('button', { name: 'Reset second factors' }).click();
    await page.waitForURL(`${url}/users`);
    await bannerSays(page, `${referrerName}’s second factors have been reset`);

    // They were signed out everywhere, and sign in with the password alone now.
    const gone = await pageGraphqlAnswer(referrer.page, '{ me { name } }');
    assert.equal(gone.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    await referrer.page.goto(`${url}/sign-in`);
    await signIn(referrer.page, demoEmail('referrer'));
    await referrer.page.waitForURL(`${url}/`);
    await referrer.page.getByRole('heading', { level: 1, name: referrerName }).waitFor();
    assertClean();
    referrer.assertClean();
  });

  test('when the role needs a second factor, it is set up before anything else', async (t) => {
    const server = await startServer({ localhost: true, env: { RJHUB_SECOND_FACTOR_ROLES: 'coordinator' } });
    t.after(() => server.stop());
    const { page, assertClean } = await openPhone(e2e.browser, t);
    const url = server.url;

    await page.goto(`${url}/sign-in?next=%2Finbox`);
    await signIn(page, demoEmail('coordinator'));
    await page.waitForURL(`${url}/sign-in/set-up?next=%2Finbox`);
    assert.equal(await heading(page), 'Set up a second way to sign in');
    assert.equal(await page.getByRole('button', { name: 'Menu' }).count(), 0, 'no menu before the second factor');
    await assertAccessible(page, 'the set-up page');

    // Not the workbench, nor anything else, until it is done.
    await page.goto(`${url}/`);
    await page.waitForURL(`${url}/sign-in/set-up`);
    const refused = await pageGraphqlAnswer(page, '{ users(first: 1) { nodes { id } } }');
    assert.equal(refused.errors?.[0]?.extensions?.code, 'SECOND_FACTOR_REQUIRED');
    await page.goto(`${url}/sign-in?next=%2Finbox`);
    await page.waitForURL(`${url}/sign-in/set-up?next=%2Finbox`);

    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#way-error').getByText('Choose how you want to confirm it is you').waitFor();
    await assertAccessible(page, 'the set-up page with an error');
    await page.getByLabel('An authenticator app on your phone').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${url}/sign-in/set-up/authenticator-app?next=%2Finbox`);
    assert.equal(await heading(page), 'Set up an authenticator app');
    const app = await addAuthenticatorApp(page, 'setting up an authenticator app while signing in');
    await page.getByLabel('Enter the 6-digit code the app shows').fill(await app.code());
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL(`${url}/recovery-codes`);
    await bannerSays(page, 'Your authenticator app is set up and you are signed in.');
    await recoveryCodesShown(page);
    await page.getByRole('button', { name: 'I have saved them, continue' }).click();
    await page.waitForURL(`${url}/inbox`);
    await page.getByRole('heading', { level: 1, name: 'Intake inbox' }).waitFor();

    // The role needs it: the last one cannot be removed.
    await page.goto(`${url}/security`);
    await page.getByText('Your role needs a second way to sign in: add another before you remove this one.').waitFor();
    assert.equal(await page.getByRole('button', { name: /^Remove/ }).count(), 0);

    // Someone invited to a role that needs one sets it up straight after choosing a password.
    const email = `second.coordinator.${Date.now()}@example.org`;
    await pageGraphql(page, 'mutation ($input: InviteUserInput!) { inviteUser(input: $input) { invitation { id } } }', {
      input: { email, name: 'Robin Hale', roles: ['COORDINATOR'] },
    });
    const mail = (await server.waitForMail(email)).replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
    const token = mail.match(/\/accept-invitation\?token=([A-Za-z0-9_\-.~%]+)/)?.[1];
    assert.ok(token, 'the e-mail carries an accept-invitation link');
    const invitee = await openPhone(e2e.browser, t);
    await invitee.page.goto(`${url}/accept-invitation?token=${token}`);
    await invitee.page.getByLabel('Create a password').fill('a long enough password');
    await invitee.page.getByLabel('Confirm your password').fill('a long enough password');
    await invitee.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await invitee.page.waitForURL(`${url}/sign-in/set-up`);
    await bannerSays(invitee.page, 'Your password is set. Now set up a second way to sign in.');
    assertClean();
    invitee.assertClean();
  });
});
