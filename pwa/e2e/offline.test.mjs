// Answering an offer with no signal, in a real browser against the real server on a phone-sized
// screen with axe on every state: the co-ordinator offers a demo case to the volunteer and keeps
// the case page open; the volunteer's phone goes offline, she taps Accept and sees her answer
// waiting; back online, it is sent with the same idempotency key and shown as accepted; the
// co-ordinator's page shows the acceptance without a reload; the server counts exactly one
// acceptance, even when the same answer is sent again.
//
// Run: npm run build && node --test e2e/offline.test.mjs   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertAccessible, launchBrowser, openPhone, signIn } from './browser.mjs';
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

async function signedIn(t, who) {
  const phone = await openPhone(browser, t);
  await phone.page.goto(`${server.url}/sign-in`);
  await signIn(phone.page, demoEmail(who));
  await phone.page.waitForURL(`${server.url}/`);
  return phone;
}

/** A GraphQL request with the page's own session. */
function graphql(page, query, variables) {
  return page.evaluate(
    async ({ query, variables }) => {
      const res = await fetch('/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return res.json();
    },
    { query, variables },
  );
}

const PENDING = 'rjhub.pendingOfferAnswers';

/**
 * As the co-ordinator: records the oldest demo self-referral still at "Referral" suitable and offers
 * it to `name`, then leaves the case page open. Returns the page, the case's id and its offer list.
 */
async function offerADemoReferral(t, name) {
  const coordinator = await signedIn(t, 'coordinator');
  const cpage = coordinator.page;
  await cpage.goto(`${server.url}/inbox`);
  await cpage.locator('.record-list__item').first().waitFor();
  await cpage
    .locator('.record-list__item')
    .filter({ has: cpage.getByText('Referral received', { exact: true }) })
    .filter({ has: cpage.getByText('Self-referral', { exact: true }) })
    .first()
    .getByRole('link')
    .click();
  await cpage.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseId = cpage.url().split('/').at(-1) ?? '';
  await cpage
    .getByRole('group', { name: 'Is restorative justice suitable for this case?' })
    .getByLabel('Suitable', { exact: true })
    .check();
  await cpage.getByRole('button', { name: 'Record the assessment' }).click();
  await cpage.locator('.notification-banner').getByText('assessed as suitable').waitFor();
  await cpage.locator('summary', { hasText: 'Offer the case to facilitators' }).click();
  await cpage.getByRole('button', { name: 'Send the offer' }).waitFor();
  const suggested = cpage.getByRole('group', { name: 'Suggested facilitators' }).getByLabel(name);
  if ((await suggested.count()) > 0) {
    await suggested.check();
  } else {
    await cpage.getByRole('group', { name: 'Other facilitators' }).getByLabel(name).check();
    await cpage.getByLabel('Why offer it to someone not suggested?').fill('Available this week');
  }
  await cpage.getByRole('button', { name: 'Send the offer' }).click();
  await cpage.locator('.notification-banner').getByText(`The case has been offered to ${name}.`).waitFor();
  const offerList = cpage.getByRole('list', { name: 'Offers' });
  await offerList.getByText('Not answered yet').waitFor();
  return { coordinator, cpage, caseId, offerList };
}

/** The offer's state, the case's facilitators and the acceptances in the audit trail. */
async function serverState(cpage, caseId) {
  const state = await graphql(
    cpage,
    `query($caseId: ID!, $entityId: String!) {
      caseOffers(caseId: $caseId) { id status recipients { name response } }
      case(id: $caseId) { facilitators { name role } }
      auditLog(filter: { action: "accept_offer", entity: "case", entityId: $entityId }, first: 10) { nodes { id } }
    }`,
    { caseId, entityId: caseId },
  );
  assert.equal(state.errors, undefined, JSON.stringify(state.errors));
  return state.data;
}

describe('answering an offer offline', () => {
  test('an acceptance given offline is sent once when the phone is back online', async (t) => {
    const { coordinator, cpage, caseId, offerList } = await offerADemoReferral(t, 'Agnieszka Nowak');

    // The volunteer opens her offers, then loses her signal and taps Accept.
    const volunteer = await signedIn(t, 'volunteer');
    const { page } = volunteer;
    await page.goto(`${server.url}/offers`);
    const card = page.locator('section.card').first();
    await card.getByRole('button', { name: 'Accept' }).waitFor();
    await page.context().setOffline(true);
    await card.getByRole('button', { name: 'Accept' }).click();
    const waiting = card.getByRole('status').getByText('Waiting to send — you are offline');
    await waiting.waitFor();
    assert.equal(
      await page.evaluate(() => document.activeElement?.id ?? ''),
      `offer-waiting-${await card.getAttribute('aria-labelledby').then((id) => id?.replace('offer-', ''))}`,
      'focus moves to the waiting answer',
    );
    assert.equal(await card.getByRole('button', { name: 'Accept' }).count(), 0, 'no second answer while one waits');
    const queued = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '[]'), PENDING);
    assert.equal(queued.length, 1, 'one answer waits');
    assert.equal(queued[0].operation, 'acceptOffer');
    const { offerId, idempotencyKey } = queued[0].variables.input;
    assert.ok(idempotencyKey.length >= 8, 'it carries its idempotency key');
    await assertAccessible(page, 'the offers page with an answer waiting');

    // Back online: sent by itself with the same key, and shown as accepted.
    await page.context().setOffline(false);
    await page.locator('.notification-banner').getByText('You accepted the offer. The case is now yours.').waitFor();
    await page.getByRole('heading', { name: 'Answers sent when you were back online' }).waitFor();
    await page.getByRole('link', { name: 'Open the case' }).waitFor();
    await page.getByText('You have no offers at the moment.').waitFor();
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), PENDING), null, 'nothing left waiting');
    await assertAccessible(page, 'the offers page after the answer was sent');

    // The co-ordinator's open case page shows it without a reload (it reads the offers every 15 s).
    await offerList.getByText(/^Accepted at/).waitFor({ timeout: 25_000 });
    await cpage.getByText('Agnieszka Nowak, since').waitFor();
    await cpage.getByRole('status').filter({ hasText: 'Agnieszka Nowak: accepted (lead facilitator offer).' }).waitFor();
    await assertAccessible(cpage, 'the case page after the offer was accepted');

    // Sending the same answer again gets the first answer back and changes nothing.
    const again = await graphql(
      page,
      'mutation($input: AcceptOfferInput!) { acceptOffer(input: $input) { offerId response case { id } } }',
      { input: { offerId, idempotencyKey } },
    );
    assert.equal(again.errors, undefined, JSON.stringify(again.errors));
    assert.equal(again.data.acceptOffer.response, 'ACCEPTED');
    assert.equal(again.data.acceptOffer.case.id, caseId);

    // Exactly one acceptance on the server: the offer, the allocation and the audit trail agree.
    const state = await serverState(cpage, caseId);
    const offer = state.caseOffers.find((o) => o.id === offerId);
    assert.equal(offer.status, 'ACCEPTED');
    assert.deepEqual(
      offer.recipients.filter((r) => r.response === 'ACCEPTED').map((r) => r.name),
      ['Agnieszka Nowak'],
    );
    assert.equal(state.case.facilitators.filter((f) => f.name === 'Agnieszka Nowak').length, 1, 'allocated once');
    assert.equal(state.auditLog.nodes.length, 1, 'one acceptance recorded');
    volunteer.assertClean();
    coordinator.assertClean();
  });

  test('an acceptance whose reply was lost is sent again and counted once', async (t) => {
    const { cpage, caseId } = await offerADemoReferral(t, 'Tom Harding');
    const special = await signedIn(t, 'special');
    const { page } = special;
    // The first AcceptOffer reaches the server, but its reply never gets back to the phone.
    /** @type {string[]} */
    const keys = [];
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON();
      if (!String(body?.query).includes('mutation AcceptOffer')) return route.continue();
      keys.push(body.variables.input.idempotencyKey);
      if (keys.length > 1) return route.continue();
      await route.fetch();
      return route.abort('internetdisconnected');
    });
    await page.goto(`${server.url}/offers`);
    await page.locator('section.card').first().getByRole('button', { name: 'Accept' }).click();
    // Sent again by itself: the server answers with what it did the first time, not "someone else".
    await page.locator('.notification-banner').getByText('You accepted the offer. The case is now yours.').waitFor();
    assert.equal(keys.length, 2, 'sent twice');
    assert.equal(keys[0], keys[1], 'with the same idempotency key');
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), PENDING), null, 'nothing left waiting');

    const state = await serverState(cpage, caseId);
    assert.equal(state.case.facilitators.filter((f) => f.name === 'Tom Harding').length, 1, 'allocated once');
    assert.equal(state.auditLog.nodes.length, 1, 'one acceptance recorded');
    special.assertClean();
  });
});
