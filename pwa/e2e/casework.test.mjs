// Case work in a real browser against the real server, on a phone-sized screen with axe on
// every page: the co-ordinator takes an enquiry through to the intervention (the server's guard
// on risk and consent included); the allocated facilitator and the supervisor see what their
// roles allow (the outcome waits for a held conference and an agreement, or the reason there is
// none); the facilitator enters a conference held the day before, records who came and, there
// being no agreement, moves the case to the outcome with the reason; the co-ordinator takes a
// complaint about the case from recording to its response (and one past its targets), exports a
// participant's data and is refused erasing it while the case is open; the co-ordinator changes a
// reference list and reads the audit log.
//
// Run: npm run build && npm run test:e2e   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, bannerSays, openDisclosure, openMenu, openPhone, sharedServerAndBrowser, showTabOf } from './browser.mjs';

const e2e = sharedServerAndBrowser();

const unique = Date.now().toString(36).toUpperCase();
const victim = `Robin Enquirer ${unique}`;
const offender = `Casey Responsible ${unique}`;
/** @type {{ reference: string, url: string } | undefined} */
let theCase;

/**
 * A section of the case page (`stage`, `meetings`, `timeline`…), its tab shown first when the
 * page shows its record a tab at a time.
 * @param {import('playwright-core').Page} page
 * @param {string} id
 */
async function caseSection(page, id) {
  const section = page.locator(`#${id}`);
  await showTabOf(page, section);
  return section;
}

describe('case work', () => {
  test('the co-ordinator takes an enquiry to the intervention', async (t) => {
    const { page, assertClean } = await e2e.signedIn(t, 'coordinator');

    await page.getByRole('link', { name: 'Record an enquiry' }).first().click();
    await page.waitForURL(`${e2e.server.url}/enquiries/new`);
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
    await (await caseSection(page, 'stage')).locator('.tag').getByText('Enquiry').waitFor();

    await page.getByRole('button', { name: 'Convert to a referral' }).click();
    await bannerSays(page, 'The enquiry is now a referral.');
    await caseSection(page, 'assessment');
    await page
      .getByRole('group', { name: 'Is restorative justice suitable for this case?' })
      .getByLabel('Suitable', { exact: true })
      .check();
    await page.getByRole('button', { name: 'Record the assessment' }).click();
    await bannerSays(page, 'assessed as suitable');

    await openDisclosure(page, 'Allocate a lead facilitator');
    await page.getByLabel('Lead facilitator').selectOption({ label: 'Agnieszka Nowak, Volunteer' });
    await page.getByRole('button', { name: 'Allocate', exact: true }).click();
    await bannerSays(page, 'Agnieszka Nowak is allocated as lead facilitator.');
    await (await caseSection(page, 'stage')).locator('.tag').getByText('Facilitator allocated').waitFor();
    await openDisclosure(page, 'Choose a case supervisor');
    await page.getByLabel('Case supervisor').selectOption({ label: 'Gareth Lewis' });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await bannerSays(page, 'Gareth Lewis now supervises the case.');

    await openDisclosure(page, 'Add a person');
    await page.getByRole('group', { name: 'How do they take part?' }).getByLabel('Person responsible').check();
    await page.locator('#add-person-fullName').fill(offender);
    await page.getByRole('button', { name: 'Add the person' }).click();
    await bannerSays(page, `${offender} has been added to the case.`);

    await caseSection(page, 'stage');
    await page.getByRole('button', { name: 'Move to “Preparing participants”' }).click();
    await bannerSays(page, 'The case moved to “Preparing participants”.');

    // The server refuses the intervention until risk and consent are recorded, and says why.
    await (await caseSection(page, 'stage')).locator('.inset-text').getByText('Record a risk assessment').waitFor();
    await page.getByRole('button', { name: 'Move to “Restorative intervention”' }).click();
    await page.locator('#stage .error-summary').getByText(/Before the intervention: record a risk assessment/).waitFor();
    await assertAccessible(page, 'the case page with the intervention refused');

    await openDisclosure(page, 'Record a risk assessment');
    await page.getByRole('group', { name: 'Who is the risk to?' }).getByLabel('The victim').check();
    await page.getByRole('group', { name: 'Level of risk' }).getByLabel('Medium').check();
    await page.getByRole('button', { name: 'Record the risk assessment' }).click();
    await page.locator('#risk-mitigations-error').getByText('Say how a medium or high risk will be managed').waitFor();
    await page.getByLabel('How the risk will be managed').fill('Meet at the Hub office, with a break room');
    await page.getByLabel('Review by').fill('2099-12-31');
    await page.getByRole('button', { name: 'Record the risk assessment' }).click();
    await bannerSays(page, 'The risk assessment has been recorded.');

    for (const name of [victim, offender]) {
      await openDisclosure(page, 'Record consent given or withdrawn');
      await page.getByLabel('Whose consent?').selectOption({ label: name });
      await page.getByRole('group', { name: 'What is it for?' }).getByLabel('Taking part').check();
      await page.getByRole('group', { name: 'Given or withdrawn?' }).getByLabel('Given').check();
      await page.getByLabel('How?').selectOption({ label: 'In writing' });
      await page.getByRole('button', { name: 'Record the consent' }).click();
      await bannerSays(page, 'The consent has been recorded.');
    }

    await openDisclosure(page, 'Log a contact');
    await page.getByLabel('Who with? (optional)').selectOption({ label: victim });
    await page.locator('#contact-channel').selectOption({ label: 'Email' });
    await page.getByLabel('What was said or done?').fill('Sent the preparation leaflet.');
    await assertAccessible(page, 'the case page with a form open');
    await page.getByRole('button', { name: 'Log the contact' }).click();
    await bannerSays(page, 'The contact has been logged.');

    await caseSection(page, 'stage');
    await page.getByRole('button', { name: 'Move to “Restorative intervention”' }).click();
    await bannerSays(page, 'The case moved to “Restorative intervention”.');
    const timeline = (await caseSection(page, 'timeline')).locator('.timeline');
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
    const facilitator = await e2e.signedIn(t, 'volunteer');
    const menu = await openMenu(facilitator.page);
    await menu.getByRole('link', { name: 'My cases' }).click();
    await facilitator.page.waitForURL(`${e2e.server.url}/my-cases`);
    await assertAccessible(facilitator.page, 'my cases');
    await facilitator.page.getByRole('link', { name: theCase.reference }).click();
    await facilitator.page.getByRole('heading', { level: 1, name: theCase.reference }).waitFor();
    await caseSection(facilitator.page, 'stage');
    // The outcome waits for the conference and an agreement (or the reason there is none), as the
    // server says, with the reason asked for by the button.
    await facilitator.page.getByRole('button', { name: 'Move to “Outcome agreed”' }).waitFor();
    const before = facilitator.page.locator('#stage .inset-text', { hasText: 'Before moving to “Outcome agreed”' });
    await before.getByText('Record that the conference or restorative session was held').waitFor();
    await before.getByText('Record the outcome agreement, or give the reason there is none').waitFor();
    await facilitator.page.getByLabel('Reason there is no agreement').waitFor();
    await (await caseSection(facilitator.page, 'timeline')).locator('summary', { hasText: 'Log a contact' }).waitFor();
    // Co-ordinator-only work is not offered.
    assert.equal(await facilitator.page.locator('summary', { hasText: 'Add a person' }).count(), 0);
    assert.equal(await facilitator.page.locator('summary', { hasText: 'co-facilitator' }).count(), 0);
    await assertAccessible(facilitator.page, 'the case page for its facilitator');
    facilitator.assertClean();

    const supervisor = await e2e.signedIn(t, 'supervisor');
    await supervisor.page.getByRole('link', { name: 'Cases you supervise' }).click();
    await supervisor.page.waitForURL(`${e2e.server.url}/cases`);
    await assertAccessible(supervisor.page, 'the supervisor’s cases');
    await supervisor.page.getByRole('link', { name: theCase.reference }).click();
    await supervisor.page.getByRole('heading', { level: 1, name: theCase.reference }).waitFor();
    await (await caseSection(supervisor.page, 'people')).getByText(victim).first().waitFor();
    // Read only: no actions, and no forms behind disclosures (only the consent histories).
    assert.equal(await supervisor.page.locator('main button').count(), 0);
    assert.equal(await supervisor.page.locator('main summary', { hasText: /^(Record|Log|Add|Allocate|Choose|Change|Stop)/ }).count(), 0);
    await supervisor.page.locator('main summary', { hasText: 'History of' }).first().waitFor();
    await assertAccessible(supervisor.page, 'the case page for its supervisor');
    supervisor.assertClean();
  });

  test('the facilitator enters a conference held yesterday and moves to the outcome without an agreement', async (t) => {
    assert.ok(theCase, 'the case-work test ran first');
    const { page, assertClean } = await e2e.signedIn(t, 'volunteer', { next: theCase.url.slice(e2e.server.url.length) });
    await page.getByRole('heading', { level: 1, name: theCase.reference }).waitFor();
    const stage = await caseSection(page, 'stage');
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(Date.now() - 86_400_000),
    );

    // Moving on now is refused, and the reason is asked for first.
    await stage.getByRole('button', { name: 'Move to “Outcome agreed”' }).click();
    await stage.locator('.error-summary').getByRole('link', { name: 'Give the reason there is no agreement, or record the agreement first' }).waitFor();

    await openDisclosure(page, 'Schedule a meeting');
    await page.getByRole('group', { name: 'What kind of meeting?' }).getByLabel('Conference', { exact: true }).check();
    await page.getByLabel('This meeting has already taken place').check();
    await page.getByLabel('Date').fill(yesterday);
    await page.getByLabel('Starts at').fill('14:00');
    await page.getByLabel('Ends at').fill('15:00');
    await page.getByLabel('Venue address').fill('The Hub office, 1 Priestgate, Peterborough PE1 1JX');
    const invited = page.getByRole('group', { name: 'Participants who were invited' });
    await invited.getByLabel(victim).check();
    await invited.getByLabel(offender).check();
    await page.getByRole('button', { name: 'Save and record what happened' }).click();

    const card = page.getByRole('list', { name: 'Meetings' }).locator('.card', { hasText: 'Conference' });
    const form = card.getByRole('form', { name: 'Record what happened' });
    await form.getByRole('group', { name: 'Did the meeting take place?' }).getByLabel('Yes').check();
    await form.getByRole('group', { name: 'Who came?' }).getByLabel(victim).check();
    await form.getByRole('group', { name: 'Who came?' }).getByLabel(offender).check();
    await form.getByRole('button', { name: 'Save what happened' }).click();
    await bannerSays(page, 'The conference is recorded as held.');
    await caseSection(page, 'meetings');
    await card.locator('.tag', { hasText: 'Held' }).waitFor();

    // Only the agreement is missing now; the reason there is none lets the case move on.
    await caseSection(page, 'stage');
    const before = stage.locator('.inset-text', { hasText: 'Before moving to “Outcome agreed”' });
    await before.getByText('Record the outcome agreement, or give the reason there is none').waitFor();
    assert.equal(await before.getByText('Record that the conference or restorative session was held').count(), 0);
    await assertAccessible(page, 'the case page with the conference held and no agreement');
    await page.getByLabel('Reason there is no agreement').fill(`${victim} wanted to be heard and asked for nothing more.`);
    await stage.getByRole('button', { name: 'Move to “Outcome agreed”' }).click();
    await bannerSays(page, 'The case moved to “Outcome agreed”.');
    await (await caseSection(page, 'stage')).locator('.tag').getByText('Outcome agreed').waitFor();
    await (await caseSection(page, 'timeline')).locator('.timeline').getByText('Moved to “Outcome agreed”').waitFor();
    await assertAccessible(page, 'the case page at the outcome');
    assertClean();
  });

  test('the co-ordinator records a complaint about the case and sees it through', async (t) => {
    assert.ok(theCase, 'the case-work test ran first');
    const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
    await page.goto(theCase.url);
    await page.getByRole('heading', { level: 1, name: theCase.reference }).waitFor();
    const complaints = await caseSection(page, 'complaints');
    await complaints.getByText('No complaints about this case.').waitFor();
    await complaints.getByRole('link', { name: 'Record a complaint about this case' }).click();
    await page.waitForURL(/\/complaints\/new\?/);
    await page.getByRole('heading', { level: 1, name: 'Record a complaint' }).waitFor();
    assert.equal(await page.getByLabel(`It is about case ${theCase.reference}`).isChecked(), true, 'linked to the case');

    // Checked in the browser first.
    await page.getByRole('button', { name: 'Record the complaint' }).click();
    await page.locator('.error-summary').getByText('Say what the complaint is about').waitFor();
    assert.equal(await page.title(), 'Error: Record a complaint – RJ Hub');

    await page.getByLabel('Complainant’s name (optional)').fill(victim);
    await page.getByLabel('How to reply to them (optional)').fill('By email');
    await page.getByLabel('What is the complaint about?').fill('Nobody called back for three weeks.');
    await page.getByRole('group', { name: 'What kind of complaint is it?' }).getByLabel('Delay').check();
    await page.getByRole('group', { name: 'How was it received?' }).getByLabel('Phone').check();
    await assertAccessible(page, 'the complaint form');
    await page.getByRole('button', { name: 'Record the complaint' }).click();

    await page.waitForURL(/\/complaints\/[0-9a-f-]{36}$/);
    await bannerSays(page, /Complaint CP\d{2}-[0-9A-Z]{5} recorded/);
    const h1 = page.getByRole('heading', { level: 1, name: /^CP\d{2}-[0-9A-Z]{5}$/ });
    const complaintRef = ((await h1.textContent()) ?? '').trim();
    const complaintUrl = page.url();
    await page.getByRole('link', { name: theCase.reference }).waitFor();
    await page.locator('.tag', { hasText: 'To acknowledge' }).first().waitFor();
    await assertAccessible(page, 'a new complaint');

    await page.getByRole('button', { name: 'Record the acknowledgement' }).click();
    await bannerSays(page, 'The complaint has been acknowledged.');
    await page.getByText(/Acknowledged on \d/).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Record the acknowledgement' }).count(), 0);

    await openDisclosure(page, 'Add an investigation note');
    await page.getByLabel('Investigation note').fill('Spoke to the facilitator: she was off sick.');
    await page.getByRole('button', { name: 'Add the note' }).click();
    await bannerSays(page, 'The note has been added to the timeline.');
    const timeline = page.locator('.timeline');
    await timeline.getByText('Spoke to the facilitator: she was off sick.').waitFor();

    await openDisclosure(page, 'Resolve the complaint');
    await page.getByRole('group', { name: 'Outcome' }).getByLabel('Partly upheld').check();
    await page.getByLabel('What was the complainant told?').fill('We apologised and set a weekly call.');
    await assertAccessible(page, 'the complaint with the resolve form open');
    await page.getByRole('button', { name: 'Resolve the complaint' }).click();
    await bannerSays(page, 'The complaint is resolved.');
    await page.locator('.tag', { hasText: 'Resolved: partly upheld' }).first().waitFor();
    await page.getByText('We apologised and set a weekly call.').waitFor();
    const titles = (await timeline.locator('.timeline__title').allTextContents()).map((x) => x.trim());
    assert.deepEqual(titles, ['Resolved: response sent', 'Investigation note', 'Acknowledged', 'Complaint recorded']);
    await assertAccessible(page, 'a resolved complaint');

    // Listed as resolved, not open; and on the case page.
    await page.goto(`${e2e.server.url}/complaints?status=RESOLVED`);
    await page.getByRole('link', { name: complaintRef }).waitFor();
    await assertAccessible(page, 'resolved complaints');
    await page.getByRole('navigation', { name: 'Which complaints' }).getByRole('link', { name: 'Open' }).click();
    await page.waitForURL(`${e2e.server.url}/complaints`);
    await page.getByRole('heading', { level: 2, name: 'Open complaints' }).waitFor();
    await page.locator('.loading').waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('link', { name: complaintRef }).count(), 0, 'no longer open');
    await page.goto(theCase.url);
    await (await caseSection(page, 'complaints')).getByRole('link', { name: complaintRef }).waitFor();

    // One received six weeks ago and never acknowledged is past both targets.
    await page.goto(`${e2e.server.url}/complaints/new`);
    await page.getByLabel('What is the complaint about?').fill('A letter about the service went unanswered.');
    await page.getByRole('group', { name: 'What kind of complaint is it?' }).getByLabel('Communication').check();
    await page.getByRole('group', { name: 'How was it received?' }).getByLabel('Letter').check();
    const longAgo = new Date(Date.now() - 42 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('When was it received?').fill(longAgo);
    await page.getByRole('button', { name: 'Record the complaint' }).click();
    await page.waitForURL(/\/complaints\/[0-9a-f-]{36}$/);
    await page.getByText('Not about one case').waitFor();
    const overdueRef = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
    assert.notEqual(overdueRef, complaintRef);
    await page.goto(`${e2e.server.url}/`);
    await page.getByRole('link', { name: /1 complaint is past the acknowledgement or response target/ }).click();
    await page.waitForURL(`${e2e.server.url}/complaints?status=OVERDUE`);
    const row = page.locator('.record-list__item', { hasText: overdueRef });
    await row.getByText('Acknowledgement overdue').waitFor();
    await row.getByText('Response overdue').waitFor();
    await assertAccessible(page, 'overdue complaints');
    assert.equal(complaintUrl.startsWith(e2e.server.url), true);
    assertClean();
  });

  test('the co-ordinator exports a person’s data, and cannot erase it while the case is open', async (t) => {
    assert.ok(theCase, 'the case-work test ran first');
    const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
    await page.goto(theCase.url);
    await page.getByRole('heading', { level: 1, name: theCase.reference }).waitFor();
    const card = (await caseSection(page, 'people')).locator('.card', { hasText: victim });

    const exportLink = card.getByRole('link', { name: `Subject access export for ${victim} (printable page, opens in a new tab)` });
    const href = (await exportLink.getAttribute('href')) ?? '';
    assert.match(href, /^\/privacy\/subject-access\/[0-9a-f-]{36}$/);
    // The server makes the page (with the session cookie): printable HTML, and JSON as a file.
    const html = await page.request.get(`${e2e.server.url}${href}`);
    assert.equal(html.status(), 200);
    assert.match(html.headers()['content-type'] ?? '', /text\/html/);
    assert.ok((await html.text()).includes(victim), 'the export names the person');
    const json = await page.request.get(`${e2e.server.url}${href}?format=json`);
    assert.equal(json.status(), 200);
    assert.match(json.headers()['content-disposition'] ?? '', /attachment/);
    assert.ok(JSON.stringify(await json.json()).includes(victim));
    assert.equal(
      await card.getByRole('link', { name: `Download the export for ${victim} as a JSON file` }).getAttribute('href'),
      `${href}?format=json`,
    );

    await openDisclosure(page, `Erase ${victim}’s data`);
    await card.getByRole('button', { name: 'Erase their data' }).click();
    await card.locator('.error-summary').getByText('Say why their data is being erased').waitFor();
    await card.getByLabel('Why are you erasing their data?').fill('Erasure request by letter of 12 November');
    await card.getByRole('button', { name: 'Erase their data' }).click();
    await card
      .locator('.error-summary')
      .getByText(`${theCase.reference} is still open: stop or close it before erasing this person`)
      .waitFor();
    await card.locator('.error-message').getByText('is still open').waitFor();
    await assertAccessible(page, 'the case page with the erasure refused');
    // Nothing was erased.
    await page.reload();
    await (await caseSection(page, 'people')).locator('.card__title', { hasText: victim }).waitFor();
    assertClean();
  });

  test('the co-ordinator switches a list item off and finds it in the audit log', async (t) => {
    const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
    await page.goto(`${e2e.server.url}/settings/lists?list=AREA`);
    await page.getByRole('heading', { level: 2, name: 'Areas' }).waitFor();
    await page.getByText('Code: fenland').waitFor();
    await assertAccessible(page, 'the reference lists');

    const label = `Ely North ${unique}`;
    await page.getByLabel('Text people will see').fill(label);
    await page.getByRole('button', { name: 'Add to areas' }).click();
    await bannerSays(page, `“${label}” has been added to areas.`);
    const row = page.getByRole('row', { name: new RegExp(label) });
    await row.getByRole('button', { name: `Switch off ${label}` }).click();
    await bannerSays(page, `“${label}” is switched off.`);
    await row.getByText('Off', { exact: true }).waitFor();

    // The public form no longer offers it (its "what happened" page, after the first question).
    const visitor = await openPhone(e2e.browser, t);
    await visitor.page.goto(`${e2e.server.url}/refer-yourself`);
    await visitor.page.getByLabel('It happened to me').check();
    await visitor.page.getByRole('button', { name: 'Continue' }).click();
    await visitor.page.waitForURL(`${e2e.server.url}/refer-yourself/what-happened`);
    await visitor.page.locator('#area option[value="fenland"]').waitFor({ state: 'attached' });
    assert.equal(await visitor.page.locator('#area option', { hasText: label }).count(), 0);

    await page.goto(`${e2e.server.url}/audit?action=set_reference_item_active`);
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.locator('.record-list__item', { hasText: 'set reference item active' }).first().waitFor();
    assert.equal(await page.locator('.record-list__item', { hasText: 'login' }).count(), 0, 'only the filtered action');
    await assertAccessible(page, 'the audit log');
    assertClean();
    visitor.assertClean();
  });
});
