// Letters and text alerts (issue #18) in a real browser against the real server, on a
// phone-sized screen with axe on every page. Someone refers themselves (by the public GraphQL
// API, as the form sends it) to be reached by post only, in Polish: their acknowledgement is a
// letter in the co-ordinator's print queue. She opens "Letters to post" — the case, what the
// letter is, "Polski", "To print", and nobody's name — prints it (the server's PDF, in a new tab;
// coming back to the tab the list shows it printed), marks it as posted and it leaves the list.
// From the case she sends them another letter ("Send a letter": the radios' own check, the
// server refusing a copy of an agreement the case does not have, then information about
// restorative justice), which joins the queue; for someone who did not agree to post, the
// server's refusal is shown on the page. The volunteer sets her text alerts on Security: a
// landline is refused, in the error summary and by the field, and a mobile is saved.
//
// Run: npm run build && node --test e2e/letters.test.mjs   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, bannerSays, heading, pageGraphql, pageGraphqlAnswer, sharedServerAndBrowser } from './browser.mjs';

const e2e = sharedServerAndBrowser();

const unique = Date.now().toString(36).toUpperCase();

/**
 * A self-referral as the public form sends it, with no session.
 * @param {string} url
 * @param {Record<string, unknown>} person
 * @param {string} locale
 */
async function referByApi(url, person, locale) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation ($input: SelfReferralFormInput!) { submitSelfReferral(input: $input) { reference } }',
      variables: {
        input: {
          role: 'VICTIM',
          person: { mayLeaveMessage: false, discreet: false, locale, ...person },
          offence: { offenceCategory: 'theft', area: 'fenland' },
          consentToContact: true,
          locale,
        },
      },
    }),
  });
  const answer = await res.json();
  assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
  return answer.data.submitSelfReferral.reference;
}

/**
 * The case's id and its (one) participant's, by the API with the page's session.
 * @param {import('playwright-core').Page} page
 * @param {string} reference
 */
async function idsOf(page, reference) {
  const found = await pageGraphql(page, 'query ($r: String!) { cases(filter: { reference: $r }) { edges { node { id participants { id } } } } }', {
    r: reference,
  });
  const node = found.cases.edges[0].node;
  return { caseId: node.id, participantId: node.participants[0].id };
}

const postOnly = {
  fullName: `Ola Listowna ${unique}`,
  address: '12 High Street, March',
  postcode: 'PE15 8AA',
  contactChannels: ['POST'],
};

describe('letters to post and text alerts', () => {
  /** The post-only referral's reference, made by the first test and used by the second. */
  let reference = '';

  test('the co-ordinator prints a letter to someone reached only by post and marks it posted', async (t) => {
    reference = await referByApi(e2e.server.url, postOnly, 'pl');
    assert.match(reference, /^RJ\d{2}-[0-9A-Z]{5}$/);

    const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
    await page.goto(`${e2e.server.url}/letters`);
    await page.getByRole('heading', { level: 1, name: /^Letters to post \(\d+\)$/ }).waitFor();
    assert.equal(await page.title(), 'Letters to post – RJ Hub');
    const count = async () => Number(/\((\d+)\)/.exec((await heading(page)) ?? '')?.[1]);
    const before = await count();
    assert.ok(before >= 1, 'the acknowledgement is waiting');

    // On a phone, a card per letter: the case, what, the language by name, written, the status.
    const card = page.locator('.record-list__item', { has: page.getByRole('link', { name: reference, exact: true }) });
    await card.waitFor();
    assert.equal(await card.count(), 1, 'one letter for the case');
    assert.equal(await card.getByRole('link', { name: reference, exact: true }).getAttribute('href'), `/cases/${(await idsOf(page, reference)).caseId}`);
    assert.equal((await card.locator('dt', { hasText: 'Letter' }).locator('+ dd').innerText()).trim(), 'Acknowledgement of their form');
    assert.equal((await card.locator('dt', { hasText: 'Language' }).locator('+ dd').innerText()).trim(), 'Polski');
    assert.match((await card.locator('dt', { hasText: 'Written' }).locator('+ dd').innerText()).trim(), /^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    assert.equal((await card.locator('dt', { hasText: 'Status' }).locator('+ dd').innerText()).trim(), 'To print');
    assert.equal(await card.getByRole('button', { name: /^Mark as posted/ }).count(), 0, 'not before it is printed');
    // The queue names nobody: the name and address are on the letter.
    const text = await page.locator('body').innerText();
    assert.ok(!text.includes(postOnly.fullName), 'no name on the page');
    assert.ok(!text.includes(postOnly.address), 'no address on the page');
    await assertAccessible(page, 'letters to post');

    // Print: the server's PDF in a new tab, the link naming the letter for screen readers.
    const print = card.getByRole('link', { name: `Print the letter for case ${reference}: Acknowledgement of their form (opens in a new tab)` });
    const href = await print.getAttribute('href');
    assert.match(href ?? '', /^\/letters\/[0-9a-f-]{36}\.pdf$/);
    assert.equal(await print.getAttribute('target'), '_blank');
    assert.equal(await print.getAttribute('rel'), 'noopener');
    const popup = page.waitForEvent('popup');
    await print.click();
    await (await popup).close();
    const pdf = await page.request.get(`${e2e.server.url}${href}`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');

    // Back on this tab, the list is read again: printed today, and now it can be marked posted.
    // (Headless Chromium never blurs or hides a page: the test says it was looked at again, as
    // the browser does when the user comes back to the tab.)
    await page.bringToFront();
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    const posted = card.getByRole('button', { name: `Mark as posted the letter for case ${reference}: Acknowledgement of their form` });
    await posted.waitFor();
    assert.match((await card.locator('dt', { hasText: 'Status' }).locator('+ dd').innerText()).trim(), /^Printed \d{1,2} [A-Z][a-z]+ \d{4}$/);
    await assertAccessible(page, 'letters to post, one printed');

    await posted.click();
    await bannerSays(page, `The letter for case ${reference} (acknowledgement of their form) has been marked as posted.`);
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('notification-banner')), true, 'the banner is focused');
    assert.equal(await card.count(), 0, 'it has left the list');
    assert.equal(await count(), before - 1);
    await assertAccessible(page, 'letters to post, after posting');

    // Posting it twice changes nothing; a reload does not bring it back.
    const id = /\/letters\/(.+)\.pdf$/.exec(href ?? '')?.[1];
    const again = await pageGraphql(page, 'mutation ($id: ID!) { markLetterPosted(id: $id) { id postedAt } }', { id });
    assert.ok(again.markLetterPosted.postedAt);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Letters to post (${before - 1})` }).waitFor();
    assert.equal(await page.getByRole('link', { name: reference, exact: true }).count(), 0);

    // On a large screen, a table (here with nothing of this case's left, or the empty state).
    await page.setViewportSize({ width: 1280, height: 900 });
    if (before - 1 === 0) await page.getByText('There are no letters to post.').waitFor();
    else await page.getByRole('table', { name: 'Letters to post, oldest first' }).waitFor();
    await assertAccessible(page, 'letters to post on a large screen');
    assertClean();
  });

  test('a letter sent from the case joins the print queue; someone not reached by post is refused', async (t) => {
    assert.ok(reference, 'the first test made the referral');
    const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
    const { caseId, participantId } = await idsOf(page, reference);

    await page.goto(`${e2e.server.url}/cases/${caseId}/send-letter?participant=${participantId}`);
    await page.getByRole('heading', { level: 1, name: 'Send a letter' }).waitFor();
    assert.equal(await page.title(), 'Send a letter – RJ Hub');
    await page.getByText(`${postOnly.fullName}, Victim`).waitFor();
    await page.locator('.summary-list__value', { hasText: 'Polski' }).waitFor();
    await assertAccessible(page, 'send a letter');

    // Nothing chosen: the page's own check, on the radios.
    const send = page.getByRole('button', { name: 'Send to print queue' });
    await send.click();
    const summary = page.locator('.error-summary');
    await summary.locator('a[href="#kind"]', { hasText: 'Select which letter to send' }).waitFor();
    assert.match(await page.title(), /^Error: /);

    // The case has no agreement yet: the server's words, on the radios.
    const which = page.getByRole('group', { name: 'Which letter?' });
    await which.getByLabel('A copy of the outcome agreement').check();
    await send.click();
    await summary.locator('a[href="#kind"]', { hasText: 'The case has no outcome agreement to send yet' }).waitFor();
    await page.locator('#kind-error', { hasText: 'The case has no outcome agreement to send yet' }).waitFor();
    await assertAccessible(page, 'send a letter, refused');

    await which.getByLabel('Information about restorative justice').check();
    await send.click();
    await page.waitForURL(`${e2e.server.url}/cases/${caseId}#messages`);
    await bannerSays(page, 'The letter is in the co-ordinator’s print queue.');
    await assertAccessible(page, 'the case after sending a letter');

    await page.goto(`${e2e.server.url}/letters`);
    const card = page
      .locator('.record-list__item', { has: page.getByRole('link', { name: reference, exact: true }) })
      .filter({ hasText: 'Information about restorative justice' });
    await card.waitFor();
    assert.equal((await card.locator('dt', { hasText: 'Letter' }).locator('+ dd').innerText()).trim(), 'Information about restorative justice');
    assert.equal((await card.locator('dt', { hasText: 'Language' }).locator('+ dd').innerText()).trim(), 'Polski');
    assert.equal((await card.locator('dt', { hasText: 'Status' }).locator('+ dd').innerText()).trim(), 'To print');

    // Someone who did not agree to post: the server's refusal, against the page, and the way on.
    const byEmail = await referByApi(
      e2e.server.url,
      { fullName: `Ed Emailonly ${unique}`, email: `ed.${unique.toLowerCase()}@example.org`, contactChannels: ['EMAIL'] },
      'en',
    );
    const other = await idsOf(page, byEmail);
    await page.goto(`${e2e.server.url}/cases/${other.caseId}/send-letter?participant=${other.participantId}`);
    await page.getByRole('heading', { level: 1, name: 'Send a letter' }).waitFor();
    await page.getByRole('group', { name: 'Which letter?' }).getByLabel('Information about restorative justice').check();
    await send.click();
    await summary.getByText(/They have not agreed to letters, or there is no address/).waitFor();
    await page
      .getByRole('link', { name: `Change Ed Emailonly ${unique}’s contact details` })
      .waitFor();
    await assertAccessible(page, 'send a letter to someone not reached by post');
    assertClean();
  });

  test('the volunteer sets text alerts for offers; the print queue is not hers', async (t) => {
    const { page, assertClean } = await e2e.signedIn(t, 'volunteer');
    await page.goto(`${e2e.server.url}/security`);
    await page.getByRole('heading', { level: 2, name: 'Text alerts' }).waitFor();
    const mobile = page.getByLabel('Mobile number');
    await mobile.waitFor();
    assert.equal(await mobile.getAttribute('type'), 'tel');
    assert.equal(await mobile.getAttribute('autocomplete'), 'tel');
    const on = page.getByLabel('Get a text when a case is offered to you');
    assert.equal(await on.isChecked(), false);
    await assertAccessible(page, 'security with text alerts');

    // A landline: the server's words, in the error summary and by the field.
    await mobile.fill('01354 654321');
    await on.check();
    const save = page.getByRole('button', { name: 'Save text alerts' });
    await save.click();
    const summary = page.locator('.error-summary');
    await summary.locator('a[href="#mobile"]', { hasText: 'Enter a UK mobile number, like 07700 900 982' }).waitFor();
    await page.locator('#mobile-error', { hasText: 'Enter a UK mobile number' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.closest('.error-summary') !== null), true, 'the summary is focused');
    await assertAccessible(page, 'text alerts refused');

    await mobile.fill('07700 900 982');
    await save.click();
    await bannerSays(page, 'Text alerts are on. Texts will go to 07700 900 982.');
    assert.equal(await summary.count(), 0);
    const me = await pageGraphql(page, '{ me { mobile textAlerts } }');
    assert.deepEqual(me.me, { mobile: '07700 900 982', textAlerts: true });

    // As saved, after a reload.
    await page.reload();
    await page.getByText('Text alerts are on: texts go to 07700 900 982.').waitFor();
    assert.equal(await page.getByLabel('Mobile number').inputValue(), '07700 900 982');
    assert.equal(await page.getByLabel('Get a text when a case is offered to you').isChecked(), true);
    await assertAccessible(page, 'security with text alerts on');

    // Letters to post are the co-ordinator's.
    const refused = await pageGraphqlAnswer(page, '{ letterQueue { id } }');
    assert.equal(refused.errors?.[0]?.extensions?.code, 'FORBIDDEN');
    await page.goto(`${e2e.server.url}/letters`);
    await page.getByRole('heading', { level: 1, name: 'You cannot use this page' }).waitFor();
    assertClean();
  });

  test('the co-ordinator’s Security page has no text alerts', async (t) => {
    const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
    await page.goto(`${e2e.server.url}/security`);
    await page.getByRole('heading', { level: 2, name: 'Where you are signed in' }).waitFor();
    assert.equal(await page.getByRole('heading', { level: 2, name: 'Text alerts' }).count(), 0);
    assertClean();
  });
});
