// Offering a case in a real browser against the real server, on a phone-sized screen with axe on
// every new page: the co-ordinator assesses a demo self-referral as suitable and offers it to the
// demo volunteer from the suggestions; she sees an anonymised summary (no participant's name) and
// declines it with a reason, or accepts it and lands on the case; the co-ordinator sees each answer.
// Also: offering outside the suggestions needs a reason; accepting a stale offer is refused plainly;
// refusing notifications is taken kindly.
//
// Run: npm run build && npm run test:e2e   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, bannerSays, openCaseTab, openDisclosure, openMenu, pageGraphqlAnswer, sharedServerAndBrowser } from './browser.mjs';

const e2e = sharedServerAndBrowser();

/** The names of the people on a case, read with the co-ordinator's session. */
async function peopleOn(page, caseId) {
  const answer = await pageGraphqlAnswer(page, 'query($id: ID!) { case(id: $id) { participants { person { fullName } } } }', { id: caseId });
  return answer.data.case.participants.map((p) => p.person.fullName).filter(Boolean);
}

/**
 * As the co-ordinator: takes the oldest self-referral still at "Referral" from the inbox, records
 * it suitable and offers it to Agnieszka Nowak. Returns the case's address, reference and people.
 */
async function offerADemoReferral(t) {
  const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
  await page.getByRole('link', { name: 'Intake inbox' }).first().click();
  await page.waitForURL(`${e2e.server.url}/inbox`);
  await page.locator('.record-list__item').first().waitFor();
  const row = page
    .locator('.record-list__item')
    .filter({ has: page.getByText('Referral received', { exact: true }) })
    .filter({ has: page.getByText('Self-referral', { exact: true }) })
    .first();
  await row.getByRole('link').click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  const url = page.url();
  const id = url.split('/').at(-1) ?? '';
  const h1 = page.getByRole('heading', { level: 1, name: /^RJ\d{2}-[0-9A-Z]{5}$/ });
  await h1.waitFor();
  const reference = (await h1.textContent())?.trim() ?? '';

  await openCaseTab(page, 'Assessment and risk');
  await page
    .getByRole('group', { name: 'Is restorative justice suitable for this case?' })
    .getByLabel('Suitable', { exact: true })
    .check();
  await page.getByRole('button', { name: 'Record the assessment' }).click();
  await bannerSays(page, 'assessed as suitable');

  await openDisclosure(page, 'Offer the case to facilitators');
  const suggested = page.getByRole('group', { name: 'Suggested facilitators' });
  await suggested.getByLabel('Agnieszka Nowak').waitFor();
  // The reasons come with each suggestion, never a score.
  await page.getByText(/serves [A-Z]/).first().waitFor();
  await page.getByRole('button', { name: 'Send the offer' }).click();
  await page.locator('.error-summary').getByText('Choose at least one facilitator').waitFor();
  await assertAccessible(page, 'the offer form with an error');
  await suggested.getByLabel('Agnieszka Nowak').check();
  await page.getByLabel('What it will ask of them (optional)').fill('About 6 visits over 2 months');
  await page.getByRole('button', { name: 'Send the offer' }).click();
  await bannerSays(page, 'The case has been offered to Agnieszka Nowak.');
  const offers = page.getByRole('list', { name: 'Offers' });
  await offers.getByText('Not answered yet').waitFor();
  await assertAccessible(page, 'the case page with an open offer');
  const people = await peopleOn(page, id);
  assertClean();
  return { url, reference, people, page };
}

/** As the volunteer: opens the offers from the menu and checks what the summary shows. */
async function volunteerOffers(t, people) {
  const phone = await e2e.signedIn(t, 'volunteer');
  const { page } = phone;
  await page.getByRole('link', { name: 'Offers' }).first().waitFor();
  const menu = await openMenu(page);
  await menu.getByRole('link', { name: 'Offers' }).click();
  await page.waitForURL(`${e2e.server.url}/offers`);
  await page.getByRole('heading', { level: 1, name: 'Offers' }).waitFor();
  const card = page.locator('section.card').first();
  await card.getByText('About 6 visits over 2 months').waitFor();
  await card.getByText('Answer by').waitFor();
  const text = (await page.locator('main').textContent()) ?? '';
  assert.match(text, /\d{1,2}:\d{2}(am|pm) on \d{1,2} [A-Z][a-z]+ \d{4}|midday on/, 'the answer-by time, UK style');
  assert.ok(people.length > 0, 'the case has people');
  for (const name of people) assert.ok(!text.includes(name), `no participant name on the offers page (${name})`);
  await assertAccessible(page, 'the offers page');
  return phone;
}

describe('offering a case', () => {
  test('offering to someone not suggested needs a reason', async (t) => {
    const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
    // A demo case with a lead already: only some facilitators are suggested for it.
    await page.goto(`${e2e.server.url}/cases?stage=ALLOCATED`);
    await page.locator('.record-list__item').first().getByRole('link').click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await openDisclosure(page, 'Offer the case to facilitators');
    const others = page.getByRole('group', { name: 'Other facilitators' });
    await others.getByLabel('Marcus Bell').check();
    const reason = page.getByLabel('Why offer it to someone not suggested?');
    await reason.waitFor();
    await page.getByRole('group', { name: 'Role' }).getByLabel('Co-facilitator').check();
    await page.getByRole('button', { name: 'Send the offer' }).click();
    await page.locator('.error-summary').getByText('Say why you are offering the case to someone not suggested').waitFor();
    await assertAccessible(page, 'the offer form asking for a reason');
    await reason.fill('Knows the family’s community well');
    await page.getByRole('button', { name: 'Send the offer' }).click();
    await bannerSays(page, 'The case has been offered to');
    const offers = page.getByRole('list', { name: 'Offers' });
    await offers.getByText('Outside the suggestions because: Knows the family’s community well').waitFor();
    await assertAccessible(page, 'the case page with an offer outside the suggestions');
    assertClean();
  });

  // Declining first: once she accepts, the volunteer's case load is full and she is no longer suggested.
  test('the volunteer declines an offer and the co-ordinator sees why', async (t) => {
    const coordinator = await offerADemoReferral(t);
    const volunteer = await volunteerOffers(t, coordinator.people);
    const { page } = volunteer;
    await page.getByRole('button', { name: 'Decline' }).first().click();
    await page.getByRole('button', { name: 'Decline the offer' }).click();
    await page.locator('.error-summary').getByText('Say why you are declining the offer').waitFor();
    await page.getByLabel('Why are you declining?').fill('I am away for the next three weeks');
    await assertAccessible(page, 'the offers page declining');
    await page.getByRole('button', { name: 'Decline the offer' }).click();
    await page.locator('.notification-banner').getByText('You declined the offer.').waitFor();
    await page.getByText('You have no offers at the moment.').waitFor();
    await assertAccessible(page, 'the offers page with no offers');
    volunteer.assertClean();

    await coordinator.page.reload();
    const offers = coordinator.page.getByRole('list', { name: 'Offers' });
    await offers.getByText('I am away for the next three weeks').waitFor();
    await offers.getByText(/^Declined/).first().waitFor();
  });

  test('the volunteer accepts an offer and the case is hers', async (t) => {
    const coordinator = await offerADemoReferral(t);
    const volunteer = await volunteerOffers(t, coordinator.people);
    const { page } = volunteer;
    // The same offers in a second tab, which will be out of date once she accepts in the first.
    const stale = await page.context().newPage();
    await stale.goto(`${e2e.server.url}/offers`);
    await stale.getByRole('button', { name: 'Accept' }).first().waitFor();
    await page.getByRole('button', { name: 'Accept' }).first().click();
    await page.waitForURL(coordinator.url);
    await page.getByRole('heading', { level: 1, name: coordinator.reference }).waitFor();
    await bannerSays(page, 'You accepted the offer.');
    await assertAccessible(page, 'the accepted case');
    volunteer.assertClean();

    // Accepting again is refused plainly, and the offer leaves the list.
    await stale.getByRole('button', { name: 'Accept' }).first().click();
    await stale.locator('.notification-banner--important').waitFor();
    await stale.getByText('You have no offers at the moment.').waitFor();
    await assertAccessible(stale, 'the offers page after a refused answer');

    await coordinator.page.reload();
    await coordinator.page.getByText('Agnieszka Nowak, since').waitFor();
    const offers = coordinator.page.getByRole('list', { name: 'Offers' });
    await offers.getByText(/^Accepted at/).waitFor();
    await assertAccessible(coordinator.page, 'the case page with the offer accepted');
  });

  test('refusing notifications is taken kindly', async (t) => {
    const { page, assertClean } = await e2e.signedIn(t, 'volunteer');
    await page.goto(`${e2e.server.url}/offers`);
    await page.getByRole('heading', { level: 1, name: 'Offers' }).waitFor();
    const optIn = page.getByRole('button', { name: 'Get notified about new offers' });
    const permission = await page.evaluate(() => Notification.permission);
    if (permission !== 'default') {
      // The browser has already answered: the button is not offered.
      assert.equal(await optIn.count(), 0);
      return;
    }
    await optIn.click();
    await page.getByText('you will not get notifications').waitFor();
    assert.equal(await optIn.count(), 0);
    await assertAccessible(page, 'the offers page after refusing notifications');
    assertClean();
  });

});
