// Answering an offer with no signal, in a real browser against the real server on a phone-sized
// screen with axe on every state: the co-ordinator offers a demo case to the volunteer and keeps
// the case page open; the volunteer's phone goes offline, she taps Accept and sees her answer
// waiting; back online, it is sent with the same idempotency key and shown as accepted; the
// co-ordinator's page shows the acceptance without a reload; the server counts exactly one
// acceptance, even when the same answer is sent again.
//
// A volunteer's casework with no signal: she opens her cases and a case page, loses her signal,
// still sees both (from the copy saved on the phone, with a notice saying when it was saved),
// logs a contact and marks an agreement item as done, both shown as pending; back online they are
// sent with their keys and the server has each exactly once. An offer declined offline is sent
// once, and a replay the server refuses is explained in a notice the user dismisses. Signing out
// wipes the saved copy; with it, the app also opens offline after a reload.
//
// Run: npm run build && node --test e2e/offline.test.mjs   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, openCaseTab, openDisclosure, openMenu, pageGraphql, sharedServerAndBrowser } from './browser.mjs';

const e2e = sharedServerAndBrowser();

const PENDING = 'rjhub.pendingActions';

/**
 * As the co-ordinator: records the oldest demo self-referral still at "Referral" suitable and offers
 * it to `name`, then leaves the case page open. Returns the page, the case's id and its offer list.
 */
async function offerADemoReferral(t, name) {
  const coordinator = await e2e.signedIn(t, 'coordinator');
  const cpage = coordinator.page;
  await cpage.goto(`${e2e.server.url}/inbox`);
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
  await openCaseTab(cpage, 'Assessment and risk');
  await cpage
    .getByRole('group', { name: 'Is restorative justice suitable for this case?' })
    .getByLabel('Suitable', { exact: true })
    .check();
  await cpage.getByRole('button', { name: 'Record the assessment' }).click();
  await cpage.locator('.notification-banner').getByText('assessed as suitable').waitFor();
  await openDisclosure(cpage, 'Offer the case to facilitators');
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
  return pageGraphql(
    cpage,
    `query($caseId: ID!, $entityId: String!) {
      caseOffers(caseId: $caseId) { id status recipients { name response } }
      case(id: $caseId) { facilitators { name role } }
      auditLog(filter: { action: "accept_offer", entity: "case", entityId: $entityId }, first: 10) { nodes { id } }
    }`,
    { caseId, entityId: caseId },
  );
}

describe('answering an offer offline', () => {
  test('an acceptance given offline is sent once when the phone is back online', async (t) => {
    const { coordinator, cpage, caseId, offerList } = await offerADemoReferral(t, 'Agnieszka Nowak');

    // The volunteer opens her offers, then loses her signal and taps Accept.
    const volunteer = await e2e.signedIn(t, 'volunteer');
    const { page } = volunteer;
    await page.goto(`${e2e.server.url}/offers`);
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
    const again = await pageGraphql(
      page,
      'mutation($input: AcceptOfferInput!) { acceptOffer(input: $input) { offerId response case { id } } }',
      { input: { offerId, idempotencyKey } },
    );
    assert.equal(again.acceptOffer.response, 'ACCEPTED');
    assert.equal(again.acceptOffer.case.id, caseId);

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
    const special = await e2e.signedIn(t, 'special');
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
    await page.goto(`${e2e.server.url}/offers`);
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

/** What the phone has saved for offline use: the IndexedDB store's keys. */
function savedKeys(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('rjhub-offline');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('results')) return resolve([]);
          const req = db.transaction('results').objectStore('results').getAllKeys();
          req.onsuccess = () => resolve(req.result.map(String));
          req.onerror = () => resolve([]);
        };
        open.onerror = () => resolve([]);
      }),
  );
}

const year = new Date().getUTCFullYear() + 1;

describe('casework offline', () => {
  test('the volunteer sees her cases offline, logs a contact and completes an item, and the server has each once', async (t) => {
    // Setup as the co-ordinator: the demo police referral in preparation (Agnieszka Nowak leads
    // it) gets its risk assessment and consents and moves on to the intervention.
    const coordinator = await e2e.signedIn(t, 'coordinator');
    const cpage = coordinator.page;
    const list = await pageGraphql(cpage, 'query { cases(filter: { stages: [PREPARATION] }, first: 20) { nodes { id reference } } }');
    const theCase = list.cases.nodes[0];
    assert.ok(theCase, 'a demo case in preparation');
    const detail = await pageGraphql(cpage, 'query($id: ID!) { case(id: $id) { participants { id } } }', { id: theCase.id });
    await pageGraphql(cpage, 'mutation($input: RecordRiskAssessmentInput!) { recordRiskAssessment(input: $input) { case { id } } }', {
      input: { caseId: theCase.id, riskTo: ['VICTIM'], level: 'LOW', reviewOn: `${year + 1}-12-31` },
    });
    for (const p of detail.case.participants) {
      await pageGraphql(cpage, 'mutation($input: RecordConsentInput!) { recordConsent(input: $input) { case { id } } }', {
        input: { caseId: theCase.id, participantId: p.id, purpose: 'TAKING_PART', given: true, method: 'WRITTEN' },
      });
    }
    await pageGraphql(cpage, 'mutation($input: MoveCaseInput!) { moveCase(input: $input) { case { stage } } }', {
      input: { caseId: theCase.id, to: 'INTERVENTION' },
    });

    // The volunteer has an agreement item to do (recorded through the API, quicker than the form).
    const volunteer = await e2e.signedIn(t, 'volunteer');
    const { page } = volunteer;
    const recorded = await pageGraphql(
      page,
      'mutation($input: RecordOutcomeAgreementInput!) { recordOutcomeAgreement(input: $input) { items { id } } }',
      {
        input: {
          caseId: theCase.id,
          items: [{ kind: 'REPARATION', responsibleParticipantId: detail.case.participants[0].id, description: 'Repaint the garden fence' }],
        },
      },
    );
    const itemId = recorded.recordOutcomeAgreement.items[0].id;

    // Online: she opens her cases and the case page (what she opens is saved on the phone).
    await page.goto(`${e2e.server.url}/my-cases`);
    await page.getByRole('link', { name: theCase.reference }).click();
    await page.getByRole('heading', { level: 1, name: theCase.reference }).waitFor();
    const agreed = page.getByRole('list', { name: 'What was agreed' });
    await openCaseTab(page, 'Meetings and outcome');
    await agreed.getByText('Repaint the garden fence').waitFor();
    await openCaseTab(page, 'Contacts');
    await page.locator('#timeline').getByRole('list').waitFor();
    await expectSaved(page, ['MyCases:', 'CaseDetail:', 'AgreementItems:']);

    // No signal: the cases list and the case page still show, from the saved copy.
    await page.context().setOffline(true);
    const menu = await openMenu(page);
    await menu.getByRole('link', { name: 'My cases' }).click();
    await page.getByRole('heading', { level: 1, name: 'My cases' }).waitFor();
    const notice = page.locator('.offline-notice');
    await notice.getByText(/^You’re offline — showing what was saved at \d\d:\d\d\.$/).waitFor();
    await page.getByRole('link', { name: theCase.reference }).waitFor();
    await assertAccessible(page, 'my cases, offline');

    await page.getByRole('link', { name: theCase.reference }).click();
    await page.getByRole('heading', { level: 1, name: theCase.reference }).waitFor();
    await notice.getByText(/^You’re offline — showing what was saved at/).waitFor();
    await openCaseTab(page, 'Meetings and outcome');
    await agreed.getByText('Repaint the garden fence').waitFor();
    await assertAccessible(page, 'the case page, offline');

    // She logs a contact: it shows in the timeline, pending.
    const summary = `Rang Sam about the meeting room (${Date.now()})`;
    await openDisclosure(page, 'Log a contact');
    await page.getByLabel('How?').selectOption({ label: 'Phone call' });
    await page.getByLabel('What was said or done?').fill(summary);
    await page.getByRole('button', { name: 'Log the contact' }).click();
    await page.locator('.notification-banner').getByText('The contact is saved on this phone').waitFor();
    const timeline = page.getByRole('list', { name: 'Stage changes and contacts, newest first' });
    const pendingContact = timeline.getByRole('listitem').filter({ hasText: summary });
    await pendingContact.getByText('Pending — will be sent when you’re back online').waitFor();

    // And marks the agreement item as done: pending too.
    await openCaseTab(page, 'Meetings and outcome');
    const item = agreed.getByRole('listitem').filter({ hasText: 'Repaint the garden fence' });
    await item.getByRole('button', { name: 'Record it as done' }).click();
    await item.getByLabel('How was it done? (optional)').fill('Fence painted on Saturday');
    await item.getByRole('button', { name: 'Mark as done' }).click();
    await item.getByText('Pending — will be sent when you’re back online').waitFor();
    assert.equal(await item.getByRole('button', { name: 'Record it as done' }).count(), 0, 'not offered again');

    const queued = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '[]'), PENDING);
    assert.deepEqual(
      queued.map((q) => q.operation),
      ['logContact', 'completeAgreementItem'],
    );
    const contactKey = queued[0].variables.input.idempotencyKey;
    assert.ok(contactKey.length >= 8 && contactKey === queued[0].key, 'the contact carries its idempotency key');
    await assertAccessible(page, 'the case page with a contact and an item pending');

    // Back online: both are sent by themselves, once.
    await page.context().setOffline(false);
    await page.locator('.notification-banner').getByText('2 things you did offline have been sent.').waitFor();
    await item.locator('.tag--green').getByText('Done').waitFor();
    await openCaseTab(page, 'Contacts');
    await timeline.getByText('Pending — will be sent when you’re back online').waitFor({ state: 'detached' });
    await timeline.getByRole('listitem').filter({ hasText: summary }).waitFor();
    await openCaseTab(page, 'Meetings and outcome');
    await item.getByText(/Fence painted on Saturday/).waitFor();
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), PENDING), null, 'nothing left waiting');
    await page.locator('.offline-notice').getByText('You’re back online.').waitFor();
    await assertAccessible(page, 'the case page after coming back online');

    // Sending the contact again with its key gets the first one back.
    const again = await pageGraphql(
      page,
      'mutation($input: LogContactInput!) { logContact(input: $input) { case { contacts { id summary } } } }',
      { input: { ...queued[0].variables.input } },
    );
    assert.equal(again.logContact.case.contacts.filter((k) => k.summary === summary).length, 1);

    // The server has each exactly once: the case, the item and the audit trail agree.
    const state = await pageGraphql(
      cpage,
      `query($id: ID!, $entityId: String!) {
        case(id: $id) { contacts { id summary } }
        agreementItems(caseId: $id) { id completedAt completionNote }
        contacts: auditLog(filter: { action: "log_contact", entity: "case", entityId: $entityId }, first: 50) { nodes { id } }
        completions: auditLog(filter: { action: "complete_agreement_item", entity: "case", entityId: $entityId }, first: 50) { nodes { id } }
      }`,
      { id: theCase.id, entityId: theCase.id },
    );
    assert.equal(state.case.contacts.filter((k) => k.summary === summary).length, 1, 'one contact');
    const done = state.agreementItems.find((i) => i.id === itemId);
    assert.ok(done.completedAt, 'the item is done');
    assert.equal(done.completionNote, 'Fence painted on Saturday');
    assert.equal(state.contacts.nodes.length, 1, 'one contact in the audit trail');
    assert.equal(state.completions.nodes.length, 1, 'one completion in the audit trail');

    // Signing out wipes the saved copy.
    const signOutMenu = await openMenu(page);
    await signOutMenu.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.waitForFunction(
      () =>
        new Promise((resolve) => {
          const open = indexedDB.open('rjhub-offline');
          open.onsuccess = () => {
            const req = open.result.transaction('results').objectStore('results').count();
            req.onsuccess = () => resolve(req.result === 0);
          };
        }),
    );
    assert.deepEqual(await savedKeys(page), [], 'nothing kept after signing out');
    volunteer.assertClean();
    coordinator.assertClean();
  });

  test('a contact logged online is in the saved copy of the case page at once', async (t) => {
    const volunteer = await e2e.signedIn(t, 'volunteer');
    const { page } = volunteer;
    const mine = await pageGraphql(page, '{ myCases(first: 5) { nodes { id reference } } }');
    const theCase = mine.myCases.nodes[0];
    assert.ok(theCase, 'the volunteer has a case');

    // Online: she opens the case (its copy is saved on the phone), then logs a contact.
    await page.goto(`${e2e.server.url}/my-cases`);
    await page.getByRole('link', { name: theCase.reference }).click();
    await page.getByRole('heading', { level: 1, name: theCase.reference }).waitFor();
    await expectSaved(page, ['CaseDetail:']);
    const summary = `Called Sam back about the date (${Date.now()})`;
    await openDisclosure(page, 'Log a contact');
    await page.getByLabel('How?').selectOption({ label: 'Phone call' });
    await page.getByLabel('What was said or done?').fill(summary);
    await page.getByRole('button', { name: 'Log the contact' }).click();
    await page.locator('.notification-banner').getByText('The contact has been logged.').waitFor();
    const timeline = page.getByRole('list', { name: 'Stage changes and contacts, newest first' });
    await timeline.getByRole('listitem').filter({ hasText: summary }).waitFor();
    // The saved copy has it without the page being read again.
    await waitForSavedText(page, `CaseDetail:{"id":"${theCase.id}"}`, summary);

    // The signal goes; she opens the case again from her cases.
    await page.context().setOffline(true);
    const menu = await openMenu(page);
    await menu.getByRole('link', { name: 'My cases' }).click();
    await page.getByRole('heading', { level: 1, name: 'My cases' }).waitFor();
    await page.getByRole('link', { name: theCase.reference }).click();
    await page.getByRole('heading', { level: 1, name: theCase.reference }).waitFor();
    await page.locator('.offline-notice').getByText(/^You’re offline — showing what was saved at/).waitFor();
    await openCaseTab(page, 'Contacts');
    const kept = timeline.getByRole('listitem').filter({ hasText: summary });
    await kept.waitFor();
    assert.equal(await kept.getByText('Pending').count(), 0, 'logged, not waiting');
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), PENDING), null, 'nothing waits to be sent');
    await assertAccessible(page, 'the saved case page with the contact logged online');
    await page.context().setOffline(false);
    volunteer.assertClean();
  });

  test('the app opens offline after a reload, with what was saved', async (t) => {
    const volunteer = await e2e.signedIn(t, 'volunteer');
    const { page } = volunteer;
    await page.goto(`${e2e.server.url}/my-cases`);
    await page.getByRole('heading', { level: 1, name: 'My cases' }).waitFor();
    await page.locator('.record-list__item').first().waitFor();
    await expectSaved(page, ['Me:', 'MyCases:']);
    // The service worker serves the shell; the saved copy says who is signed in and what to show.
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);
    await page.context().setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My cases' }).waitFor();
    await page.locator('.offline-notice').getByText(/^You’re offline — showing what was saved at/).waitFor();
    assert.ok((await page.locator('.record-list__item').count()) > 0, 'the cases are listed');
    await assertAccessible(page, 'my cases, reloaded offline');
    await page.context().setOffline(false);
    await page.locator('.offline-notice').getByText('You’re back online.').waitFor();
    await page.getByRole('button', { name: 'Show the latest' }).click();
    await page.locator('.offline-notice').waitFor({ state: 'detached' });
    await page.locator('.record-list__item').first().waitFor();
    volunteer.assertClean();
  });

  test('a decline given offline is sent once; a replay the server refuses is explained until dismissed', async (t) => {
    const { cpage, caseId } = await offerADemoReferral(t, 'Agnieszka Nowak');
    const volunteer = await e2e.signedIn(t, 'volunteer');
    const { page } = volunteer;
    await page.goto(`${e2e.server.url}/offers`);
    const card = page.locator('section.card').first();
    await card.getByRole('button', { name: 'Decline' }).waitFor();
    await page.context().setOffline(true);
    await card.getByRole('button', { name: 'Decline' }).click();
    await card.getByLabel('Why are you declining?').fill('Away that fortnight');
    await card.getByRole('button', { name: 'Decline the offer' }).click();
    await card.getByRole('status').getByText('Waiting to send — you are offline').waitFor();
    const [queued] = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '[]'), PENDING);
    assert.equal(queued.operation, 'declineOffer');
    await assertAccessible(page, 'the offers page with a decline waiting');

    await page.context().setOffline(false);
    await page.locator('.notification-banner').getByText('You declined the offer. The co-ordinator will see your reason.').waitFor();
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), PENDING), null, 'nothing left waiting');

    const state = await pageGraphql(cpage, 'query($caseId: ID!) { caseOffers(caseId: $caseId) { id recipients { name response } } }', { caseId });
    const offer = state.caseOffers.find((o) => o.id === queued.variables.input.offerId);
    assert.deepEqual(
      offer.recipients.filter((r) => r.name === 'Agnieszka Nowak').map((r) => r.response),
      ['DECLINED'],
      'declined once',
    );

    // An answer queued for an offer that is no longer open (here: answered already, under
    // another key) is refused on replay: the server's message stays on screen until dismissed.
    await page.evaluate(
      ({ key, item }) => localStorage.setItem(key, JSON.stringify([item])),
      {
        key: PENDING,
        item: {
          ...queued,
          operation: 'acceptOffer',
          key: 'replay-refused-0001',
          variables: { input: { offerId: queued.variables.input.offerId, idempotencyKey: 'replay-refused-0001' } },
        },
      },
    );
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Offers' }).waitFor();
    const refused = page.getByRole('region', { name: 'Something you did offline was not sent' });
    await refused.getByText(/^Your acceptance was not sent: .+/).waitFor();
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), PENDING), null, 'taken off the queue');
    await assertAccessible(page, 'a refused replay');
    // It stays across pages until dismissed.
    await page.goto(`${e2e.server.url}/my-cases`);
    await refused.getByText(/^Your acceptance was not sent/).waitFor();
    await refused.getByRole('button', { name: 'Dismiss' }).click();
    assert.equal(await refused.count(), 0);
    volunteer.assertClean();
  });
});

/** Waits until the phone's saved answer under `key` holds `text`. */
async function waitForSavedText(page, key, text) {
  for (let i = 0; i < 50; i++) {
    const saved = await page.evaluate(
      (key) =>
        new Promise((resolve) => {
          const open = indexedDB.open('rjhub-offline');
          open.onsuccess = () => {
            const req = open.result.transaction('results').objectStore('results').get(key);
            req.onsuccess = () => resolve(req.result ? JSON.stringify(req.result.data) : '');
            req.onerror = () => resolve('');
          };
          open.onerror = () => resolve('');
        }),
      key,
    );
    if (saved.includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`the saved copy ${key} does not hold “${text}”`);
}

/** Waits until the phone has saved the answers to these operations. */
async function expectSaved(page, prefixes) {
  for (let i = 0; i < 50; i++) {
    const keys = await savedKeys(page);
    if (prefixes.every((p) => keys.some((k) => k.startsWith(p)))) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`not saved for offline use: ${prefixes.join(', ')}; saved: ${(await savedKeys(page)).join(', ')}`);
}
