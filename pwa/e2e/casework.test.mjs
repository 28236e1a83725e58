// Case work in a real browser against the real server, on a phone-sized screen with axe on
// every page: the co-ordinator takes an enquiry through to the intervention (the server's guard
// on risk and consent included); the allocated facilitator and the supervisor see what their
// roles allow; the co-ordinator changes a reference list and reads the audit log.
//
// Run: npm run build && npm run test:e2e   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertAccessible, launchBrowser, openMenu, openPhone, signIn } from './browser.mjs';
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

const unique = Date.now().toString(36).toUpperCase();
const victim = `Robin Enquirer ${unique}`;
const offender = `Casey Responsible ${unique}`;
/** @type {{ reference: string, url: string } | undefined} */
let theCase;

async function signedIn(t, who) {
  const phone = await openPhone(browser, t);
  await phone.page.goto(`${server.url}/sign-in`);
  await signIn(phone.page, demoEmail(who));
  await phone.page.waitForURL(`${server.url}/`);
  return phone;
}

/** The success banner App.svelte shows after an action on the page. */
async function done(page, text) {
  await page.locator('.notification-banner').getByText(text).waitFor();
}

/** Opens a disclosure ("Log a contact") by its summary. */
async function disclose(page, summary) {
  await page.locator('summary', { hasText: summary }).click();
}

describe('case work', () => {
  test('the co-ordinator takes an enquiry to the intervention', async (t) => {
    const { page, assertClean } = await signedIn(t, 'coordinator');

    await page.getByRole('link', { name: 'Record an enquiry' }).first().click();
    await page.waitForURL(`${server.url}/enquiries/new`);
    await page.locator('#referralSource option[value="self_referral"]').waitFor({ state: 'attached' });
    await page.getByLabel('Where did the enquiry come from?').selectOption({ label: 'Self-referral' });
    await page.getByRole('group', { name: 'Who is asking?' }).getByLabel('Victim', { exact: true }).check();
    await page.getByLabel('Full name').fill(victim);
    await page.getByRole('group', { name: 'How can the Hub contact them safely?' }).getByLabel('Email', { exact: true }).check();
    await page.getByLabel('Email address').fill(`robin.${unique.toLowerCase()}@example.org`);
    await assertAccessible(page, 'the enquiry form');
    await page.getByRole('button', { name: 'Record the enquiry' }).click();

    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.locator('.notification-banner').getByText(/Enquiry RJ\d{2}-[0-9A-Z]{5} recorded/).waitFor();
    const h1 = page.getByRole('heading', { level: 1, name: /^RJ\d{2}-[0-9A-Z]{5}$/ });
    await h1.waitFor();
    const reference = (await h1.textContent())?.trim() ?? '';
    theCase = { reference, url: page.url() };
    await page.locator('#stage .tag').getByText('Enquiry').waitFor();

    await page.getByRole('button', { name: 'Convert to a referral' }).click();
    await done(page, 'The enquiry is now a referral.');
    await page
      .getByRole('group', { name: 'Is restorative justice suitable for this case?' })
      .getByLabel('Suitable', { exact: true })
      .check();
    await page.getByRole('button', { name: 'Record the assessment' }).click();
    await done(page, 'assessed as suitable');

    await disclose(page, 'Allocate a lead facilitator');
    await page.getByLabel('Lead facilitator').selectOption({ label: 'Agnieszka Nowak, Volunteer' });
    await page.getByRole('button', { name: 'Allocate', exact: true }).click();
    await done(page, 'Agnieszka Nowak is allocated as lead facilitator.');
    await page.locator('#stage .tag').getByText('Facilitator allocated').waitFor();
    await disclose(page, 'Choose a case supervisor');
    await page.getByLabel('Case supervisor').selectOption({ label: 'Gareth Lewis' });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await done(page, 'Gareth Lewis now supervises the case.');

    await disclose(page, 'Add a person');
    await page.getByRole('group', { name: 'How do they take part?' }).getByLabel('Person responsible').check();
    await page.locator('#add-person-fullName').fill(offender);
    await page.getByRole('button', { name: 'Add the person' }).click();
    await done(page, `${offender} has been added to the case.`);

    await page.getByRole('button', { name: 'Move to “Preparing participants”' }).click();
    await done(page, 'The case moved to “Preparing participants”.');

    // The server refuses the intervention until risk and consent are recorded, and says why.
    await page.locator('#stage .inset-text').getByText('Record a risk assessment').waitFor();
    await page.getByRole('button', { name: 'Move to “Restorative intervention”' }).click();
    await page.locator('#stage .error-summary').getByText(/Before the intervention: record a risk assessment/).waitFor();
    await assertAccessible(page, 'the case page with the intervention refused');

    await disclose(page, 'Record a risk assessment');
    await page.getByRole('group', { name: 'Who is the risk to?' }).getByLabel('The victim').check();
    await page.getByRole('group', { name: 'Level of risk' }).getByLabel('Medium').check();
    await page.getByRole('button', { name: 'Record the risk assessment' }).click();
    await page.locator('#risk-mitigations-error').getByText('Say how a medium or high risk will be managed').waitFor();
    await page.getByLabel('How the risk will be managed').fill('Meet at the Hub office, with a break room');
    await page.getByLabel('Review by').fill('2099-12-31');
    await page.getByRole('button', { name: 'Record the risk assessment' }).click();
    await done(page, 'The risk assessment has been recorded.');

    for (const name of [victim, offender]) {
      await disclose(page, 'Record consent given or withdrawn');
      await page.getByLabel('Whose consent?').selectOption({ label: name });
      await page.getByRole('group', { name: 'What is it for?' }).getByLabel('Taking part').check();
      await page.getByRole('group', { name: 'Given or withdrawn?' }).getByLabel('Given').check();
      await page.getByLabel('How?').selectOption({ label: 'In writing' });
      await page.getByRole('button', { name: 'Record the consent' }).click();
      await done(page, 'The consent has been recorded.');
    }

    await disclose(page, 'Log a contact');
    await page.getByLabel('Who with? (optional)').selectOption({ label: victim });
    await page.locator('#contact-channel').selectOption({ label: 'Email' });
    await page.getByLabel('What was said or done?').fill('Sent the preparation leaflet.');
    await assertAccessible(page, 'the case page with a form open');
    await page.getByRole('button', { name: 'Log the contact' }).click();
    await done(page, 'The contact has been logged.');

    await page.getByRole('button', { name: 'Move to “Restorative intervention”' }).click();
    await done(page, 'The case moved to “Restorative intervention”.');
    const timeline = page.locator('#timeline .timeline');
    await timeline.getByText(`Email with ${victim}`).waitFor();
    await timeline.getByText('Moved to “Restorative intervention”').waitFor();
    const titles = await timeline.locator('.timeline__title').allTextContents();
    assert.equal(titles[0].trim(), 'Moved to “Restorative intervention”', 'newest first');
    assert.equal(titles.at(-1)?.trim(), 'Received: “Enquiry”', 'the first event last');
    await assertAccessible(page, 'the case page at the intervention');
    assertClean();
  });

  test('the allocated facilitator and the supervisor see what their roles allow', async (t) => {
    assert.ok(theCase, 'the case-work test ran first');
    const facilitator = await signedIn(t, 'volunteer');
    const menu = await openMenu(facilitator.page);
    await menu.getByRole('link', { name: 'My cases' }).click();
    await facilitator.page.waitForURL(`${server.url}/my-cases`);
    await assertAccessible(facilitator.page, 'my cases');
    await facilitator.page.getByRole('link', { name: theCase.reference }).click();
    await facilitator.page.getByRole('heading', { level: 1, name: theCase.reference }).waitFor();
    await facilitator.page.getByRole('button', { name: 'Move to “Outcome agreed”' }).waitFor();
    await facilitator.page.locator('summary', { hasText: 'Log a contact' }).waitFor();
    // Co-ordinator-only work is not offered.
    assert.equal(await facilitator.page.locator('summary', { hasText: 'Add a person' }).count(), 0);
    assert.equal(await facilitator.page.locator('summary', { hasText: 'co-facilitator' }).count(), 0);
    await assertAccessible(facilitator.page, 'the case page for its facilitator');
    facilitator.assertClean();

    const supervisor = await signedIn(t, 'supervisor');
    await supervisor.page.getByRole('link', { name: 'Cases you supervise' }).click();
    await supervisor.page.waitForURL(`${server.url}/cases`);
    await assertAccessible(supervisor.page, 'the supervisor’s cases');
    await supervisor.page.getByRole('link', { name: theCase.reference }).click();
    await supervisor.page.getByRole('heading', { level: 1, name: theCase.reference }).waitFor();
    await supervisor.page.getByText(victim).first().waitFor();
    // Read only: no actions, and no forms behind disclosures (only the consent histories).
    assert.equal(await supervisor.page.locator('main button').count(), 0);
    assert.equal(await supervisor.page.locator('main summary', { hasText: /^(Record|Log|Add|Allocate|Choose|Change|Stop)/ }).count(), 0);
    await supervisor.page.locator('main summary', { hasText: 'History of' }).first().waitFor();
    await assertAccessible(supervisor.page, 'the case page for its supervisor');
    supervisor.assertClean();
  });

  test('the co-ordinator switches a list item off and finds it in the audit log', async (t) => {
    const { page, assertClean } = await signedIn(t, 'coordinator');
    await page.goto(`${server.url}/settings/lists?list=AREA`);
    await page.getByRole('heading', { level: 2, name: 'Areas' }).waitFor();
    await page.getByText('Code: fenland').waitFor();
    await assertAccessible(page, 'the reference lists');

    const label = `Ely North ${unique}`;
    await page.getByLabel('Text people will see').fill(label);
    await page.getByRole('button', { name: 'Add to areas' }).click();
    await done(page, `“${label}” has been added to areas.`);
    const row = page.getByRole('row', { name: new RegExp(label) });
    await row.getByRole('button', { name: `Switch off ${label}` }).click();
    await done(page, `“${label}” is switched off.`);
    await row.getByText('Off', { exact: true }).waitFor();

    // The public form no longer offers it.
    const visitor = await openPhone(browser, t);
    await visitor.page.goto(`${server.url}/refer-yourself`);
    await visitor.page.locator('#area option[value="fenland"]').waitFor({ state: 'attached' });
    assert.equal(await visitor.page.locator('#area option', { hasText: label }).count(), 0);

    await page.goto(`${server.url}/audit?action=set_reference_item_active`);
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.locator('.record-list__item', { hasText: 'set reference item active' }).first().waitFor();
    assert.equal(await page.locator('.record-list__item', { hasText: 'login' }).count(), 0, 'only the filtered action');
    await assertAccessible(page, 'the audit log');
    assertClean();
    visitor.assertClean();
  });
});
