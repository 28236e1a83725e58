// Intake in a real browser against the real server, on a phone-sized screen with axe on every
// page: a member of the public refers themselves; the co-ordinator finds the referral in the
// inbox, reads the safe-contact profile and assesses it; the form's validation; a referrer files
// a referral, follows its status, and cannot open the case.
//
// The demo data may hold sample cases: tests find their own records by reference.
//
// Run: npm run build && npm run test:e2e   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertAccessible, heading, launchBrowser, openMenu, openPhone, signIn } from './browser.mjs';
import { demoEmail, startServer } from './server.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const REFERENCE = /^RJ\d{2}-[0-9A-Z]{5}$/;

// What the member of the public sends in the first test; the second finds it.
const unique = Date.now().toString(36).toUpperCase();
const person = {
  name: `Alex Marlowe ${unique}`,
  email: `alex.${unique.toLowerCase()}@example.org`,
  phone: '07700 900 982',
  safeTimes: `Weekday mornings before 11am (${unique})`,
};
/** @type {string | undefined} */
let selfReferralReference;

/** The lists behind the selects arrive after the page: wait for an option to be there. */
async function listsLoaded(page, selectId, value) {
  await page.locator(`#${selectId} option[value="${value}"]`).waitFor({ state: 'attached' });
}

async function graphql(page, query, variables = {}) {
  return page.evaluate(
    async ([q, v]) => {
      const res = await fetch('/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: q, variables: v }),
      });
      return res.json();
    },
    [query, variables],
  );
}

describe('intake', () => {
  test('a member of the public refers themselves and sees only a reference', async (t) => {
    const { page, assertClean } = await openPhone(browser, t);

    await page.goto(`${server.url}/`);
    assert.equal(await heading(page), 'Restorative justice: a chance to be heard');
    await page.getByText('It is free.').waitFor();
    await page.getByRole('link', { name: 'Staff sign in' }).waitFor();
    assert.match(await page.title(), /^Restorative justice – RJ Hub$/);
    await assertAccessible(page, 'the public page');

    await page.getByRole('link', { name: 'Refer yourself' }).click();
    await page.waitForURL(`${server.url}/refer-yourself`);
    assert.equal(await heading(page), 'Refer yourself');
    await listsLoaded(page, 'offenceCategory', 'theft');
    await assertAccessible(page, 'the empty self-referral form');

    // The honeypot is there for robots: hidden from people and out of the tab order.
    const honeypot = page.locator('#website');
    assert.equal(await honeypot.getAttribute('tabindex'), '-1');
    assert.equal(await page.locator('.honeypot').getAttribute('aria-hidden'), 'true');
    assert.equal(await page.locator('label[for="website"]').textContent(), 'Leave this empty');

    await page.getByLabel('Your full name').fill(person.name);
    await page.getByLabel('It happened to me').check();
    const channels = page.getByRole('group', { name: 'How can we contact you safely?' });
    await channels.getByLabel('Email', { exact: true }).check();
    await page.getByLabel('Your email address').fill(person.email);
    await channels.getByLabel('Phone call').check();
    await page.getByLabel('Your phone number').fill(person.phone);
    await page.getByLabel('When is it safe to contact you? (optional)').fill(person.safeTimes);
    await page.getByRole('group', { name: 'Can we leave a message? (optional)' }).getByLabel('No').check();
    await page.getByLabel('What kind of crime or conflict was it?').selectOption({ label: 'Theft' });
    await page.getByLabel('Where did it happen?').selectOption({ label: 'Fenland' });
    await page.getByLabel('I agree that the RJ Hub may contact me').check();
    await assertAccessible(page, 'the filled self-referral form');
    assert.equal(await honeypot.inputValue(), '', 'the app never fills the honeypot');

    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { level: 1, name: 'Referral sent' }).waitFor();
    const reference = (await page.locator('.reference').textContent())?.trim() ?? '';
    assert.match(reference, REFERENCE);
    selfReferralReference = reference;
    await page.getByText('within 5 working days').waitFor();
    assert.match(await page.title(), /^Referral sent – RJ Hub$/);

    // Nothing the person sent is on the page, in the address or in storage.
    const text = await page.locator('body').innerText();
    for (const value of [person.name, person.email, person.phone, person.safeTimes, 'Fenland', 'Theft']) {
      assert.equal(text.includes(value), false, `the confirmation shows "${value}"`);
    }
    assert.equal(page.url(), `${server.url}/refer-yourself`);
    assert.equal(await page.locator('input, textarea, select').count(), 0, 'the form is gone');
    assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
    await assertAccessible(page, 'the self-referral confirmation');
    assertClean();
  });

  test('the co-ordinator finds the self-referral in the inbox and assesses it', async (t) => {
    assert.ok(selfReferralReference, 'the self-referral test ran first');
    const { page, assertClean } = await openPhone(browser, t);
    await page.goto(`${server.url}/sign-in`);
    await signIn(page, demoEmail('coordinator'));
    await page.waitForURL(`${server.url}/`);
    await page.getByRole('link', { name: 'Intake inbox' }).first().waitFor();

    const menu = await openMenu(page);
    await menu.getByRole('link', { name: 'Intake inbox' }).click();
    await page.waitForURL(`${server.url}/inbox`);
    assert.equal(await heading(page), 'Intake inbox');
    const row = page.locator('.record-list__item', { has: page.getByRole('link', { name: selfReferralReference }) });
    await row.waitFor();
    await row.getByText('Self-referral').waitFor();
    await row.getByText('Referral received').waitFor();
    await row.getByText('today').waitFor();
    await assertAccessible(page, 'the intake inbox');

    await row.getByRole('link', { name: selfReferralReference }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: selfReferralReference }).waitFor();
    assert.match(await page.title(), new RegExp(`^Case ${selfReferralReference} – RJ Hub$`));

    // The participant and their safe-contact profile.
    const card = page.locator('.card', { has: page.getByRole('heading', { name: person.name }) });
    await card.waitFor();
    await card.getByText('Victim').first().waitFor();
    await card.getByText('Phone call, Email').waitFor();
    await card.getByText(person.email).waitFor();
    await card.getByText(person.phone).waitFor();
    await card.getByText(person.safeTimes).waitFor();
    const message = card.locator('.summary-list__row', { hasText: 'May we leave a message?' });
    assert.equal((await message.locator('dd').textContent())?.trim(), 'No');
    await page.getByText('Fenland').waitFor();
    // Consent to be contacted, given on the form.
    await page.locator('#consent').getByText('Given').first().waitFor();
    await assertAccessible(page, 'the case page');

    // Assess: suitable. The case moves to "Being assessed", and the timeline says so.
    const timeline = page.locator('#timeline .timeline');
    assert.equal(await timeline.getByText('Moved to “Being assessed”').count(), 0);
    await page
      .getByRole('group', { name: 'Is restorative justice suitable for this case?' })
      .getByLabel('Suitable', { exact: true })
      .check();
    await page.getByRole('button', { name: 'Record the assessment' }).click();
    await page.locator('.notification-banner').getByText('The case is assessed as suitable.').waitFor();
    await timeline.getByText('Moved to “Being assessed”').waitFor();
    await page.locator('#assessment').getByText('Suitable', { exact: true }).waitFor();
    await page.locator('#stage .tag').getByText('Being assessed').waitFor();
    await assertAccessible(page, 'the case page after the assessment');

    // The case stays in the inbox while it is being assessed.
    await page.goto(`${server.url}/inbox`);
    await page
      .locator('.record-list__item', { has: page.getByRole('link', { name: selfReferralReference }) })
      .getByText('Being assessed')
      .waitFor();
    assertClean();
  });

  test('sending the self-referral without consent shows the error summary linking to the field', async (t) => {
    const { page, assertClean } = await openPhone(browser, t);
    await page.goto(`${server.url}/refer-yourself`);
    await listsLoaded(page, 'area', 'fenland');
    await page.getByLabel('Your full name').fill('Sam Doe');
    await page.getByLabel('It happened to me').check();
    await page.getByRole('group', { name: 'How can we contact you safely?' }).getByLabel('Email', { exact: true }).check();
    await page.getByLabel('Your email address').fill('sam@example.org');
    await page.getByRole('button', { name: 'Send' }).click();

    const summary = page.locator('.error-summary');
    await summary.getByRole('heading', { name: 'There is a problem' }).waitFor();
    assert.equal(await summary.evaluate((el) => el === document.activeElement), true, 'focus is on the summary');
    assert.match(await page.title(), /^Error: Refer yourself – RJ Hub$/);
    const link = summary.getByRole('link', { name: 'Tick the box to agree that we may contact you' });
    assert.equal(await link.getAttribute('href'), '#consentToContact');
    await page.locator('#consentToContact-error').getByText('Tick the box to agree').waitFor();
    await assertAccessible(page, 'the self-referral form with an error');

    await link.click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'consentToContact');
    assert.equal(page.url(), `${server.url}/refer-yourself`);
    assertClean();
  });

  test('a referrer files a referral, follows its status, and cannot open the case', async (t) => {
    const { page, assertClean } = await openPhone(browser, t);
    await page.goto(`${server.url}/sign-in`);
    await signIn(page, demoEmail('referrer'));
    await page.waitForURL(`${server.url}/`);

    const menu = await openMenu(page);
    await menu.getByRole('link', { name: 'Make a referral' }).click();
    await page.waitForURL(`${server.url}/referrals/new`);
    assert.equal(await heading(page), 'Make a referral');
    await listsLoaded(page, 'referralSource', 'police');
    await page.getByText('You are referring as Cambridgeshire Constabulary').waitFor();

    const victimName = `Jordan Referred ${unique}`;
    await page.getByLabel('Referral source').selectOption({ label: 'Police officer / PCSO / police staff' });
    await page.getByLabel('The person harmed').check();
    await page.getByLabel('Full name').fill(victimName);
    await page.getByRole('group', { name: 'How can the Hub contact them safely?' }).getByLabel('Phone call').check();
    await page.getByLabel('Phone number').fill('01632 960 001');
    await page.getByLabel('Offence category (optional)').selectOption({ label: 'Burglary' });
    await page.getByLabel('The people I am referring agreed to be referred').check();
    await assertAccessible(page, 'the referral form');
    await page.getByRole('button', { name: 'Send the referral' }).click();

    await page.getByRole('heading', { level: 1, name: 'Referral sent' }).waitFor();
    const reference = (await page.locator('.reference').textContent())?.trim() ?? '';
    assert.match(reference, REFERENCE);
    assert.equal((await page.locator('body').innerText()).includes(victimName), false);
    await assertAccessible(page, 'the referral confirmation');

    await page.getByRole('link', { name: 'your referrals' }).click();
    await page.waitForURL(`${server.url}/referrals`);
    const row = page.locator('.record-list__item', { has: page.getByRole('heading', { name: reference }) });
    await row.getByText('Referral received').waitFor();
    await row.getByText('Police officer / PCSO / police staff').waitFor();
    assert.equal((await page.locator('body').innerText()).includes(victimName), false, 'status only, never people');
    await assertAccessible(page, 'the referrals list');

    // The referral's case exists, but a referrer may never open it: it is "not found" for them.
    const answer = await graphql(page, '{ myReferrals(first: 100) { nodes { id reference } } }');
    const id = answer.data.myReferrals.nodes.find((n) => n.reference === reference)?.id;
    assert.ok(id, 'the referral is in myReferrals');
    await page.goto(`${server.url}/cases/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    assert.equal((await page.locator('body').innerText()).includes(victimName), false);
    assert.match(await page.title(), /^Page not found – RJ Hub$/);
    await assertAccessible(page, 'a case the referrer may not see');
    assertClean();

    // …while the case is real: the co-ordinator opens it at the same address.
    const coordinator = await openPhone(browser, t);
    await coordinator.page.goto(`${server.url}/sign-in?next=${encodeURIComponent(`/cases/${id}`)}`);
    await signIn(coordinator.page, demoEmail('coordinator'));
    await coordinator.page.waitForURL(`${server.url}/cases/${id}`);
    await coordinator.page.getByRole('heading', { level: 1, name: reference }).waitFor();
    await coordinator.page.getByRole('heading', { name: victimName }).waitFor();
    coordinator.assertClean();
  });
});
