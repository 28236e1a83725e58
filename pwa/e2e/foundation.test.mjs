// The app's foundation in a real browser against the real server: sign-in, the home page by
// role, navigation by role, sign-out, the service worker, inviting a user, accepting an
// invitation — on a phone-sized screen, with axe checking WCAG 2.2 AA on each page.
//
// Run: npm run build && npm run test:e2e   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, heading, openMenu, openPhone as openProfile, pageGraphqlAnswer, sharedServerAndBrowser, signIn } from './browser.mjs';
import { demoEmail } from './server.mjs';

const e2e = sharedServerAndBrowser();

const openPhone = (t) => openProfile(e2e.browser, t);

describe('foundation', () => {
  test('a facilitator signs in, sees their home page, and signs out', async (t) => {
    const { page, assertClean } = await openPhone(t);

    // Signed out, the home address is the public page; staff sign in from it.
    await page.goto(`${e2e.server.url}/`);
    await page.getByRole('link', { name: 'Staff sign in' }).click();
    await page.waitForURL(`${e2e.server.url}/sign-in`);
    assert.equal(await heading(page), 'Sign in to RJ Hub');
    assert.equal(await page.getAttribute('html', 'lang'), 'en-GB');
    await assertAccessible(page, 'the sign-in page');

    await signIn(page, demoEmail('volunteer'));
    await page.waitForURL(`${e2e.server.url}/`);
    const me = (await pageGraphqlAnswer(page, '{ me { name roles } }')).data.me;
    assert.ok(me.name, 'me has a name');
    await page.getByRole('heading', { level: 1, name: me.name }).waitFor();
    assert.equal(await page.locator('h1').count(), 1, 'one h1 on the page');
    await page.getByRole('heading', { level: 2, name: 'Facilitating' }).waitFor();
    assert.equal(await page.getByRole('heading', { level: 2, name: 'Co-ordinating the service' }).count(), 0);
    assert.match(await page.title(), /^Home – RJ Hub$/);

    const registered = await page.evaluate(() =>
      Promise.race([
        navigator.serviceWorker.ready.then((r) => Boolean(r.active)),
        new Promise((_, reject) => setTimeout(() => reject(new Error('service worker not ready after 20 s')), 20_000)),
      ]),
    );
    assert.equal(registered, true, 'the service worker is active');

    await assertAccessible(page, 'the home page');

    // Navigation by role: a facilitator has no "Invite a user".
    const menu = await openMenu(page);
    await menu.getByRole('link', { name: 'Change password' }).waitFor();
    assert.equal(await menu.getByRole('link', { name: 'Invite a user' }).count(), 0);
    await assertAccessible(page, 'the home page with the menu open');

    await menu.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${e2e.server.url}/sign-in`);
    assert.equal(await heading(page), 'Sign in to RJ Hub');
    await page.getByText('You have signed out.').waitFor();

    // The session really ended on the server.
    await page.goto(`${e2e.server.url}/change-password`);
    await page.waitForURL(`${e2e.server.url}/sign-in?next=%2Fchange-password`);
    assertClean();
  });

  test('a wrong password shows the error summary', async (t) => {
    const { page, assertClean } = await openPhone(t);
    await page.goto(`${e2e.server.url}/sign-in`);
    await signIn(page, demoEmail('volunteer'), 'not-the-password');

    const summary = page.locator('.error-summary');
    await summary.waitFor();
    await summary.getByRole('heading', { name: 'There is a problem' }).waitFor();
    assert.ok((await summary.getByRole('listitem').count()) >= 1, 'the summary lists the problem');
    assert.equal(await summary.evaluate((el) => el === document.activeElement), true, 'focus is on the summary');
    assert.match(await page.title(), /^Error: Sign in – RJ Hub$/);
    assert.equal(page.url(), `${e2e.server.url}/sign-in`);
    await assertAccessible(page, 'the sign-in page with an error');

    // Empty fields are caught before any request, with the message by each field.
    await page.getByLabel('Email address').fill('');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#email-error').getByText('Enter your email address').waitFor();
    await page.locator('#password-error').getByText('Enter your password').waitFor();
    assertClean();
  });

  test('the co-ordinator invites a user, who accepts and lands on their home page', async (t) => {
    const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
    await page.getByRole('heading', { level: 2, name: 'Co-ordinating the service' }).waitFor();

    const menu = await openMenu(page);
    await menu.getByRole('link', { name: 'Invite a user' }).click();
    await page.waitForURL(`${e2e.server.url}/users/invite`);
    assert.equal(await heading(page), 'Invite a user');
    // Focus moves to the new page's heading.
    assert.equal(await page.locator('h1').evaluate((el) => el === document.activeElement), true);

    // Submitting nothing shows every problem.
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.locator('.error-summary').getByText('Choose at least one role').waitFor();

    const email = `new.partner.${Date.now()}@example.org`;
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Full name').fill('Sam Taylor');
    await page.getByLabel('Facilitator', { exact: true }).check();
    await page.getByLabel('Partner-agency practitioner').check();
    await page.getByLabel('Agency', { exact: true }).fill('Probation Service');
    await assertAccessible(page, 'the invite form');
    await page.getByRole('button', { name: 'Send invitation' }).click();

    const panel = page.locator('.panel');
    await panel.getByRole('heading', { name: 'Invitation sent' }).waitFor();
    await panel.getByText(email).waitFor();
    await page.getByText(/The link expires at \d{1,2}(:\d\d)?(am|pm)|The link expires at midday/).waitFor();
    assert.match(await page.title(), /^Invitation sent – RJ Hub$/);
    await assertAccessible(page, 'the invitation sent page');

    // The invitation e-mail lands in the data directory's outbox (no SMTP in tests).
    const mail = (await e2e.server.waitForMail(email)).replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
    const token = mail.match(/\/accept-invitation\?token=([A-Za-z0-9_\-.~%]+)/)?.[1];
    assert.ok(token, 'the e-mail carries an accept-invitation link');

    // The new user opens the link on their own phone.
    const invitee = await openPhone(t);
    await invitee.page.goto(`${e2e.server.url}/accept-invitation?token=${token}`);
    assert.equal(await heading(invitee.page), 'Set up your account');
    await assertAccessible(invitee.page, 'the accept-invitation page');
    await invitee.page.getByLabel('Create a password').fill('short');
    await invitee.page.getByLabel('Confirm your password').fill('short');
    await invitee.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await invitee.page.locator('#password-error').getByText('at least 10 characters').waitFor();

    await invitee.page.getByLabel('Create a password').fill('a long enough password');
    await invitee.page.getByLabel('Confirm your password').fill('a long enough password');
    await invitee.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await invitee.page.waitForURL(`${e2e.server.url}/`);
    await invitee.page.getByRole('heading', { level: 1, name: 'Sam Taylor' }).waitFor();
    await invitee.page.getByText('Probation Service').first().waitFor();

    // The link works once only.
    const again = await openPhone(t);
    await again.page.goto(`${e2e.server.url}/accept-invitation?token=${token}`);
    await again.page.getByLabel('Create a password').fill('another long password');
    await again.page.getByLabel('Confirm your password').fill('another long password');
    await again.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await again.page.getByRole('heading', { level: 1, name: 'This invitation link cannot be used' }).waitFor();

    assertClean();
    invitee.assertClean();
    again.assertClean();
  });

  test('once installed, the app shell opens offline and says the service cannot be reached', async (t) => {
    const { page, assertClean } = await openPhone(t);
    await page.goto(`${e2e.server.url}/sign-in`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    await page.context().setOffline(true);
    await page.goto(`${e2e.server.url}/change-password`);
    await page.getByRole('heading', { level: 1, name: 'RJ Hub cannot be reached' }).waitFor();
    await page.getByText('You are offline').waitFor();
    await page.context().setOffline(false);
    assertClean();
  });

  test('pages a role may not use, and unknown pages, say so', async (t) => {
    const { page, assertClean } = await openPhone(t);
    await page.goto(`${e2e.server.url}/users/invite`);
    await page.waitForURL(`${e2e.server.url}/sign-in?next=%2Fusers%2Finvite`);
    await signIn(page, demoEmail('referrer'));
    await page.waitForURL(`${e2e.server.url}/users/invite`);
    assert.equal(await heading(page), 'You cannot use this page');
    await assertAccessible(page, 'the forbidden page');

    await page.goto(`${e2e.server.url}/no/such/page`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await assertAccessible(page, 'the not-found page');
    assertClean();
  });
});
