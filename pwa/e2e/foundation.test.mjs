// The app's foundation in a real browser against the real server: sign-in, the home page by
// role, navigation by role, sign-out, the service worker, inviting a user, accepting an
// invitation, suspending and reinstating an account — on a phone-sized screen, with axe checking
// WCAG 2.2 AA on each page.
//
// Run: npm run build && npm run test:e2e   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  assertAccessible,
  bannerSays,
  heading,
  openMenu,
  openPhone as openProfile,
  pageGraphql,
  pageGraphqlAnswer,
  sharedServerAndBrowser,
  signIn,
} from './browser.mjs';
import { demoEmail } from './server.mjs';

const e2e = sharedServerAndBrowser();

const openPhone = (t) => openProfile(e2e.browser, t);

/** The co-ordinator's list of users: the row of the account with this name. */
const userRow = (page, name) =>
  page.getByRole('list', { name: 'Users' }).getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });

/** The status tag on that row ("Active", "Invited", "Suspended"). */
const statusOf = async (page, name) => ((await userRow(page, name).locator('.tag').textContent()) ?? '').trim();

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
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
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

    // Until it is accepted, the account is an invitation: nothing to suspend.
    await page.goto(`${e2e.server.url}/users`);
    await userRow(page, 'Sam Taylor').waitFor();
    assert.equal(await statusOf(page, 'Sam Taylor'), 'Invited');
    assert.equal(await userRow(page, 'Sam Taylor').getByRole('link').count(), 0, 'no actions on an invitation');

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

    await page.reload();
    await userRow(page, 'Sam Taylor').waitFor();
    assert.equal(await statusOf(page, 'Sam Taylor'), 'Active');

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

  test('the co-ordinator suspends an account, and reinstates it', async (t) => {
    const url = e2e.server.url;
    const partner = await e2e.signedIn(t, 'partner');
    const { id: partnerId, name } = (await pageGraphql(partner.page, '{ me { id name } }')).me;

    const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
    const me = (await pageGraphql(page, '{ me { id name } }')).me;
    const menu = await openMenu(page);
    await menu.getByRole('link', { name: 'Users' }).click();
    await page.waitForURL(`${url}/users`);
    await userRow(page, name).waitFor();
    assert.equal(await statusOf(page, name), 'Active');
    assert.equal(await statusOf(page, me.name), 'Active');
    assert.equal(await userRow(page, me.name).getByRole('link').count(), 0, 'nothing to do to one’s own account here');
    await assertAccessible(page, 'the users page with statuses');

    // Suspend: why, first.
    await page.getByRole('link', { name: `Suspend ${name}’s account` }).click();
    await page.waitForURL(`${url}/users/${partnerId}/suspend`);
    await page.getByRole('heading', { level: 1, name: `Suspend ${name}’s account` }).waitFor();
    await page.getByText('they are signed out of RJ Hub everywhere at once').waitFor();
    await page.getByText('they cannot sign in until you reinstate their account').waitFor();
    await assertAccessible(page, 'the suspend page');
    await page.getByRole('button', { name: 'Suspend account' }).click();
    await page.locator('#reason-error').getByText('Say why you are suspending their account').waitFor();
    assert.match(await page.title(), /^Error: /);
    await assertAccessible(page, 'the suspend page with an error');
    await page.getByLabel('Why are you suspending their account?').fill('Left the probation service on Friday.');
    await page.getByRole('button', { name: 'Suspend account' }).click();
    await page.waitForURL(`${url}/users`);
    await bannerSays(page, `${name}’s account has been suspended and they have been signed out everywhere.`);
    await userRow(page, name).waitFor();
    assert.equal(await statusOf(page, name), 'Suspended');
    await userRow(page, name).getByRole('link', { name: `Reinstate ${name}’s account` }).waitFor();
    assert.equal(await userRow(page, name).getByRole('link', { name: /^Suspend/ }).count(), 0);
    await assertAccessible(page, 'the users page with a suspended account');

    // Their session ended at once, they are told (without the reason), and they cannot sign in.
    const gone = await pageGraphqlAnswer(partner.page, '{ me { name } }');
    assert.equal(gone.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const mail = await e2e.server.waitForMail(demoEmail('partner'), 15_000, /suspended/);
    assert.doesNotMatch(mail, /Left the probation service/, 'the reason stays in the audit log');
    await partner.page.goto(`${url}/sign-in`);
    await signIn(partner.page, demoEmail('partner'));
    await partner.page.locator('.error-summary').getByText('Your RJ Hub account is suspended', { exact: false }).waitFor();
    assert.equal(partner.page.url(), `${url}/sign-in`);

    // Reinstate, after a confirmation.
    await userRow(page, name).getByRole('link', { name: `Reinstate ${name}’s account` }).click();
    await page.waitForURL(`${url}/users/${partnerId}/reinstate`);
    await page.getByRole('heading', { level: 1, name: `Reinstate ${name}’s account` }).waitFor();
    await assertAccessible(page, 'the reinstate page');
    await page.getByRole('button', { name: 'Reinstate account' }).click();
    await page.waitForURL(`${url}/users`);
    await bannerSays(page, `${name}’s account has been reinstated. They can sign in again.`);
    await userRow(page, name).waitFor();
    assert.equal(await statusOf(page, name), 'Active');
    await signIn(partner.page, demoEmail('partner'));
    await partner.page.waitForURL(`${url}/`);
    await partner.page.getByRole('heading', { level: 1, name }).waitFor();

    // Suspended by someone else meanwhile: the page says so, and shows the account as it is now.
    const suspend = 'mutation ($input: SuspendUserInput!) { suspendUser(input: $input) { userId status } }';
    const reinstate = 'mutation ($input: ReinstateUserInput!) { reinstateUser(input: $input) { userId status } }';
    await page.getByRole('link', { name: `Suspend ${name}’s account` }).click();
    await page.waitForURL(`${url}/users/${partnerId}/suspend`);
    await page.getByLabel('Why are you suspending their account?').fill('A concern about how it is used.');
    await pageGraphql(page, suspend, { input: { userId: partnerId, reason: 'Suspended from another device.' } });
    await page.getByRole('button', { name: 'Suspend account' }).click();
    await page.locator('.error-summary').getByText('Only an active account can be suspended').waitFor();
    await page.getByRole('heading', { level: 1, name: `${name}’s account is suspended` }).waitFor();
    await assertAccessible(page, 'the suspend page when the account was suspended meanwhile');

    // Reinstated meanwhile, likewise.
    await page.getByRole('link', { name: 'Reinstate their account' }).click();
    await page.waitForURL(`${url}/users/${partnerId}/reinstate`);
    await page.getByRole('button', { name: 'Reinstate account' }).waitFor();
    await pageGraphql(page, reinstate, { input: { userId: partnerId } });
    await page.getByRole('button', { name: 'Reinstate account' }).click();
    await page.locator('.error-summary').getByText('Only a suspended account can be reinstated').waitFor();
    await page.getByRole('heading', { level: 1, name: `${name}’s account is not suspended` }).waitFor();
    await assertAccessible(page, 'the reinstate page when the account was reinstated meanwhile');

    // One's own account, by its address.
    await page.goto(`${url}/users/${me.id}/suspend`);
    await page.getByRole('heading', { level: 1, name: 'You cannot suspend your own account' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Suspend account' }).count(), 0);
    assertClean();
    partner.assertClean();
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
