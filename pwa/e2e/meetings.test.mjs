// Meetings, agreements and sign-off in a real browser against the real server, on a phone-sized
// screen with axe on every new page: on the demo case allocated to the volunteer (brought to the
// intervention through the API), she schedules a conference in British Summer Time with the
// native date and time inputs and downloads its .ics (DTSTART in UTC, an hour earlier), and
// records an outcome agreement item; after the conference (the server's test clock moves on) she
// records on her phone that it was held and who came. The case supervisor's checklist shows what
// the record holds for each item: the wellbeing follow-up cannot be ticked until she logs a
// contact (and a refusal the server gives for it links to its box); then it is signed off. A
// meeting entered afterwards ("already taken place") sends no invitation, and a conference that
// did not happen (with the reason) never reaches the sign-off queue.
//
// Run: npm run build && npm run test:e2e   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { assertAccessible, bannerSays, openDisclosure, openMenu, pageGraphql, sharedServerAndBrowser, showTabOf } from './browser.mjs';
import { demoEmail } from './server.mjs';

const e2e = sharedServerAndBrowser({ testClock: true });

// Next July: British Summer Time, so 2:30pm in London is 13:30 UTC.
const year = new Date().getUTCFullYear() + 1;
const meetingDay = `${year}-07-15`;

/** @type {{ id: string, reference: string } | undefined} */
let theCase;

/** The demo case's people (the victim and the person responsible) and its lead facilitator. */
const VICTIM = 'Aisha Rahman';
const OFFENDER = 'Kyle Morgan';
const FACILITATOR = 'Agnieszka Nowak';

/** Every e-mail in the server's outbox so far (no SMTP in the tests). */
async function outbox() {
  const dir = join(e2e.server.dataDir, 'outbox');
  if (!existsSync(dir)) return [];
  const names = (await readdir(dir)).filter((n) => n.endsWith('.eml'));
  return Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')));
}

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

/** A meeting's card on the case page, by its kind and a piece of its time ("15 July"). */
function meetingCard(page, kind, when) {
  return page.getByRole('list', { name: 'Meetings' }).locator('.card').filter({ hasText: kind }).filter({ hasText: when });
}

describe('meetings, agreements and sign-off', () => {
  test('the facilitator schedules a conference, downloads the invite and records an agreement item', async (t) => {
    // Setup as the co-ordinator: the demo police referral in preparation (Agnieszka Nowak leads
    // it, Gareth Lewis supervises it) gets its risk assessment and consents and moves on.
    const coord = await e2e.signedIn(t, 'coordinator');
    const list = await pageGraphql(
      coord.page,
      'query { cases(filter: { stages: [PREPARATION] }, first: 20) { nodes { id reference } } }',
    );
    const found = list.cases.nodes[0];
    assert.ok(found, 'a demo case in preparation');
    theCase = found;
    const detail = await pageGraphql(coord.page, 'query($id: ID!) { case(id: $id) { participants { id } } }', { id: found.id });
    await pageGraphql(
      coord.page,
      'mutation($input: RecordRiskAssessmentInput!) { recordRiskAssessment(input: $input) { case { id } } }',
      { input: { caseId: found.id, riskTo: ['VICTIM'], level: 'LOW', reviewOn: `${year + 1}-12-31` } },
    );
    for (const p of detail.case.participants) {
      await pageGraphql(coord.page, 'mutation($input: RecordConsentInput!) { recordConsent(input: $input) { case { id } } }', {
        input: { caseId: found.id, participantId: p.id, purpose: 'TAKING_PART', given: true, method: 'WRITTEN' },
      });
    }
    await pageGraphql(coord.page, 'mutation($input: MoveCaseInput!) { moveCase(input: $input) { case { stage } } }', {
      input: { caseId: found.id, to: 'INTERVENTION' },
    });

    const { page, assertClean } = await e2e.signedIn(t, 'volunteer');
    await page.goto(`${e2e.server.url}/cases/${found.id}`);
    await page.getByRole('heading', { level: 1, name: found.reference }).waitFor();
    await (await caseSection(page, 'meetings')).getByText('No meetings scheduled.').waitFor();

    await openDisclosure(page, 'Schedule a meeting');
    await page.getByRole('button', { name: 'Schedule the meeting' }).click();
    await page.locator('.error-summary').getByText('Choose the kind of meeting').waitFor();
    await assertAccessible(page, 'the meeting form with errors');

    await page.getByRole('group', { name: 'What kind of meeting?' }).getByLabel('Conference', { exact: true }).check();
    assert.equal(await page.locator('#meeting-day').getAttribute('type'), 'date');
    assert.equal(await page.locator('#meeting-start').getAttribute('type'), 'time');
    await page.getByLabel('Date').fill(meetingDay);
    await page.getByLabel('Starts at').fill('14:30');
    await page.getByLabel('Ends at').fill('16:00');
    await page.getByLabel('Venue address').fill('Peterborough Town Hall, Bridge Street, PE1 1HF');
    await page.getByLabel('Room (optional)').fill('Committee room 2');
    await page.getByLabel('Access notes (optional)').fill('Step-free entrance on Bridge Street');
    const invite = page.getByRole('group', { name: 'Participants to invite' });
    await invite.getByLabel(VICTIM).check();
    await invite.getByLabel(OFFENDER).check();
    await page.getByRole('button', { name: 'Schedule the meeting' }).click();
    await bannerSays(page, 'The conference has been scheduled and the invitations sent.');
    const meetings = page.getByRole('list', { name: 'Meetings' });
    await meetings.getByText(`2:30pm on 15 July ${year} to 4:00pm`).waitFor();
    const card = meetingCard(page, 'Conference', '15 July');
    await card.getByText(`${VICTIM}, ${OFFENDER}`).first().waitFor();
    // Not started yet: nothing to record.
    assert.equal(await card.getByRole('button', { name: 'Record what happened' }).count(), 0);
    await assertAccessible(page, 'the case page with a meeting');

    const downloading = page.waitForEvent('download');
    await meetings.getByRole('button', { name: 'Add to calendar' }).click();
    const download = await downloading;
    assert.match(download.suggestedFilename(), /\.ics$/);
    const ics = await readFile(await download.path(), 'utf8');
    assert.match(ics, /BEGIN:VCALENDAR/);
    assert.match(ics, new RegExp(`DTSTART:${year}0715T133000Z`), 'starts at 13:30 UTC (2:30pm BST)');
    assert.match(ics, new RegExp(`DTEND:${year}0715T150000Z`));

    await openDisclosure(page, 'Record something agreed');
    await page.getByRole('group', { name: 'What was agreed?' }).getByLabel('Reparation').check();
    await page.getByLabel('Who will do it?').selectOption({ index: 1 });
    await page.getByLabel('What will they do?').fill('Pay for the repair of the car windows');
    await page.getByLabel('By when? (optional)').fill(`${year}-08-31`);
    await page.getByRole('button', { name: 'Record the item' }).click();
    await bannerSays(page, 'The agreement item has been recorded.');
    const agreed = page.getByRole('list', { name: 'What was agreed' });
    await agreed.getByText('Pay for the repair of the car windows').waitFor();
    await agreed.getByText(`31 August ${year}`).waitFor();
    await assertAccessible(page, 'the case page with an agreement item');

    const menu = await openMenu(page);
    await menu.getByRole('link', { name: 'My meetings' }).click();
    await page.waitForURL(`${e2e.server.url}/my-meetings`);
    await page.getByText(`2:30pm on 15 July ${year} to 4:00pm`).waitFor();
    assert.match(await page.getByLabel('Calendar address').inputValue(), /\/calendar\/[^/]+\.ics$/);
    await assertAccessible(page, 'my meetings');
    assertClean();
  });

  test('after the conference, the facilitator records on her phone that it was held and who came', async (t) => {
    assert.ok(theCase, 'the first test scheduled a conference');
    // The day after the conference.
    await e2e.setClock(`${year}-07-16T09:00:00Z`);
    const { page, assertClean } = await e2e.signedIn(t, 'volunteer');
    await page.goto(`${e2e.server.url}/cases/${theCase.id}`);
    await page.getByRole('heading', { level: 1, name: theCase.reference }).waitFor();
    await caseSection(page, 'meetings');
    const card = meetingCard(page, 'Conference', '15 July');
    await card.getByText('What happened not recorded').waitFor();
    // It has started: no moving or cancelling it, and the outcome waits for it.
    assert.equal(await card.getByRole('button', { name: 'Cancel the meeting' }).count(), 0);
    assert.equal(await card.locator('summary', { hasText: 'Change the time or place' }).count(), 0);
    const stage = await caseSection(page, 'stage');
    await stage.locator('.inset-text').getByText('Record that the conference or restorative session was held').waitFor();
    // The agreement is recorded: no reason for its absence is asked for.
    assert.equal(await page.getByLabel('Reason there is no agreement').count(), 0);

    await caseSection(page, 'meetings');

    await card.getByRole('button', { name: 'Record what happened' }).click();
    const form = card.getByRole('form', { name: 'Record what happened' });
    await form.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Record what happened', 'the form’s heading takes focus');
    await form.getByRole('button', { name: 'Save what happened' }).click();
    await card.locator('.error-summary').getByText('Say whether the meeting took place').waitFor();
    await form.getByRole('group', { name: 'Did the meeting take place?' }).getByLabel('Yes').check();
    const who = form.getByRole('group', { name: 'Who came?' });
    // Everyone invited: the participants and the staff.
    await who.getByLabel(FACILITATOR).waitFor();
    await form.getByRole('button', { name: 'Save what happened' }).click();
    await card.locator('.error-summary').getByText('Select the participants who came').waitFor();
    await assertAccessible(page, 'recording what happened, with errors');
    await who.getByLabel(VICTIM).check();
    await who.getByLabel(OFFENDER).check();
    await who.getByLabel(FACILITATOR).check();
    await form.getByLabel('How did it go? (optional)').fill('Both spoke; Kyle apologised and offered to pay for the windows.');
    await form.getByRole('button', { name: 'Save what happened' }).click();
    await bannerSays(page, 'The conference is recorded as held.');
    await caseSection(page, 'meetings');

    await card.locator('.tag', { hasText: 'Held' }).waitFor();
    const came = card.locator('.summary-list__row', { hasText: 'Who came' });
    for (const name of [VICTIM, OFFENDER, FACILITATOR]) await came.getByText(name).waitFor();
    await card.getByText('Kyle apologised and offered to pay for the windows.').waitFor();
    assert.equal(await card.getByRole('button', { name: 'Record what happened' }).count(), 0);
    assert.equal(await card.getByRole('button', { name: 'Add to calendar' }).count(), 0);
    // The case was read again: the move to the outcome waits for nothing now.
    await caseSection(page, 'stage');
    await stage.getByRole('button', { name: 'Move to “Outcome agreed”' }).waitFor();
    assert.equal(await stage.locator('.inset-text').count(), 0);
    await assertAccessible(page, 'the case page with the conference held');
    assertClean();
  });

  test('the supervisor’s checklist shows what the record holds, and signs off once it holds everything', async (t) => {
    assert.ok(theCase, 'the first test scheduled a conference');
    const { page, assertClean } = await e2e.signedIn(t, 'supervisor');
    await page.getByRole('link', { name: 'Sign-off queue' }).click();
    await page.waitForURL(`${e2e.server.url}/sign-offs`);
    const task = page.locator('section.card').filter({ hasText: `Conference, ${theCase.reference}` });
    await task.getByRole('button', { name: 'Work through the checklist' }).click();

    // What the record shows, under each item.
    await task.getByText(/Risk assessed on .+ \(low risk\); review due by 31 December/).waitFor();
    await task.getByText(new RegExp(`${VICTIM}: agreed to take part on`)).waitFor();
    await task.getByText(new RegExp(`${OFFENDER}: agreed to take part on`)).waitFor();
    await task.getByText(`Pay for the repair of the car windows (due 31 August ${year})`).waitFor();
    // No contact since the conference: the wellbeing follow-up cannot be ticked, and says why.
    const wellbeing = task.getByLabel('Wellbeing follow-up arranged');
    assert.equal(await wellbeing.isDisabled(), true, 'an item the record does not show cannot be ticked');
    await task.getByText('No contact is logged since the conference').waitFor();
    assert.equal(await task.getByLabel('Risk reviewed').isDisabled(), false);
    await task.getByRole('button', { name: 'Sign off' }).click();
    await page.locator('.error-summary').getByText(/You cannot sign off yet: the record does not show wellbeing follow-up arranged/).waitFor();
    await assertAccessible(page, 'the checklist with an item the record does not show');

    // A page read before the record changed: the server refuses the item and the error summary
    // links to its box. (The evidence is doctored on its way to the page to stand for that.)
    const doctor = async (route) => {
      const body = route.request().postDataJSON();
      if (body?.operationName !== 'SignOffEvidence') return route.continue();
      const response = await route.fetch();
      const json = await response.json();
      for (const e of json.data.signOffEvidence) {
        e.met = true;
        e.missing = null;
      }
      return route.fulfill({ response, json });
    };
    await page.route('**/graphql', doctor);
    await task.getByRole('button', { name: 'Check the record again' }).click();
    await task.getByText('No contact is logged since the conference').waitFor({ state: 'detached' });
    for (const label of ['Risk reviewed', 'Consent confirmed', 'Agreement recorded', 'Wellbeing follow-up arranged']) {
      await task.getByLabel(label).check();
    }
    await page.unroute('**/graphql', doctor);
    await task.getByRole('button', { name: 'Sign off' }).click();
    const refusal = page.locator('.error-summary').getByRole('link', { name: /wellbeing was checked afterwards: No contact is logged since the conference/ });
    await refusal.waitFor();
    await refusal.click();
    assert.match((await page.evaluate(() => document.activeElement?.id)) ?? '', /^checklist-.+-wellbeingFollowUp$/, 'the link goes to its box');
    await task.locator('.error-message', { hasText: 'No contact is logged since the conference' }).waitFor();
    // The record is read again: the refused box stays ticked only to be unticked, then cannot be ticked.
    await task.getByText('Cannot be ticked: No contact is logged since the conference').waitFor();
    await wellbeing.uncheck();
    assert.equal(await wellbeing.isDisabled(), true);
    await assertAccessible(page, 'the checklist with an item refused');

    // The facilitator rings the victim and logs it; the record now shows the follow-up.
    {
      const facilitator = await e2e.signedIn(t, 'volunteer');
      await facilitator.page.goto(`${e2e.server.url}/cases/${theCase.id}`);
      await facilitator.page.getByRole('heading', { level: 1, name: theCase.reference }).waitFor();
      await openDisclosure(facilitator.page, 'Log a contact');
      await facilitator.page.getByLabel('Who with? (optional)').selectOption({ label: VICTIM });
      await facilitator.page.locator('#contact-channel').selectOption({ label: 'Phone call' });
      await facilitator.page.getByLabel('What was said or done?').fill('Rang Aisha after the conference: she is doing well.');
      await facilitator.page.getByRole('button', { name: 'Log the contact' }).click();
      await bannerSays(facilitator.page, 'The contact has been logged.');
      facilitator.assertClean();
    }
    await task.getByRole('button', { name: 'Check the record again' }).click();
    await task.getByText(new RegExp(`Contact on 16 July ${year} by phone`, 'i')).waitFor();
    assert.equal(await wellbeing.isDisabled(), false);
    for (const label of ['Risk reviewed', 'Consent confirmed', 'Agreement recorded', 'Wellbeing follow-up arranged']) {
      await task.getByLabel(label).check();
    }
    await assertAccessible(page, 'the checklist with every item shown by the record');
    await task.getByRole('button', { name: 'Sign off' }).click();
    await bannerSays(page, `The conference on ${theCase.reference} is signed off.`);
    assert.equal(await page.locator('section.card').filter({ hasText: `Conference, ${theCase.reference}` }).count(), 0);

    await page.goto(`${e2e.server.url}/cases/${theCase.id}`);
    // The tab holding the item itself: the section may show for a moment before the tabs settle.
    const signedOff = page.locator('#signoffs').getByText('Conference signed off');
    await showTabOf(page, signedOff);
    await signedOff.waitFor();
    await assertAccessible(page, 'the case page with a sign-off');
    assertClean();
  });

  test('a meeting entered afterwards sends no invitation; one that did not happen never reaches the queue', async (t) => {
    assert.ok(theCase, 'the first test scheduled a conference');
    const { page, assertClean } = await e2e.signedIn(t, 'volunteer');
    await page.goto(`${e2e.server.url}/cases/${theCase.id}`);
    await page.getByRole('heading', { level: 1, name: theCase.reference }).waitFor();

    // A preparation meeting two days ago, not entered at the time.
    await openDisclosure(page, 'Schedule a meeting');
    await page.getByRole('group', { name: 'What kind of meeting?' }).getByLabel('Preparation meeting').check();
    await page.getByLabel('This meeting has already taken place').check();
    await page.getByText('no invitations will be sent').waitFor();
    await page.getByLabel('Date').fill(`${year}-07-14`);
    await page.getByLabel('Starts at').fill('10:00');
    await page.getByLabel('Ends at').fill('11:00');
    await page.getByLabel('Venue address').fill('Thorpe Wood Police Station, Peterborough PE3 6SQ');
    await page.getByRole('group', { name: 'Participants who were invited' }).getByLabel(OFFENDER).check();
    await assertAccessible(page, 'the meeting form for one already held');
    await page.getByRole('button', { name: 'Save and record what happened' }).click();

    // Straight to what happened, with focus on it.
    const prep = meetingCard(page, 'Preparation meeting', '14 July');
    const form = prep.getByRole('form', { name: 'Record what happened' });
    await prep.getByText('The meeting is saved. No invitations were sent.').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Record what happened');
    await form.getByRole('group', { name: 'Did the meeting take place?' }).getByLabel('Yes').check();
    await form.getByRole('group', { name: 'Who came?' }).getByLabel(OFFENDER).check();
    await form.getByRole('button', { name: 'Save what happened' }).click();
    await bannerSays(page, 'The preparation meeting is recorded as held.');
    await caseSection(page, 'meetings');
    await prep.locator('.tag', { hasText: 'Held' }).waitFor();

    // A conference for later this week, with its invitations.
    await openDisclosure(page, 'Schedule a meeting');
    await page.getByRole('group', { name: 'What kind of meeting?' }).getByLabel('Conference', { exact: true }).check();
    await page.getByLabel('Date').fill(`${year}-07-20`);
    await page.getByLabel('Starts at').fill('10:00');
    await page.getByLabel('Ends at').fill('12:00');
    await page.getByLabel('Venue address').fill('Peterborough Town Hall, Bridge Street, PE1 1HF');
    const invite = page.getByRole('group', { name: 'Participants to invite' });
    await invite.getByLabel(VICTIM).check();
    await invite.getByLabel(OFFENDER).check();
    await page.getByRole('button', { name: 'Schedule the meeting' }).click();
    await bannerSays(page, 'The conference has been scheduled and the invitations sent.');
    // Its invitation reaches the facilitator; none ever went for the meeting entered afterwards.
    await e2e.server.waitForMail(demoEmail('volunteer'), 15_000, new RegExp(`DTSTART:${year}0720T090000Z`));
    const sent = await outbox();
    assert.equal(sent.filter((m) => m.includes(`DTSTART:${year}0714T090000Z`)).length, 0, 'no invitation for a meeting entered afterwards');

    assertClean();

    // The day after it, it is recorded as not having happened, with the reason (signed in again:
    // five days have passed on the server's clock).
    await e2e.setClock(`${year}-07-21T09:00:00Z`);
    const later = await e2e.signedIn(t, 'volunteer', { next: `/cases/${theCase.id}` });
    {
      const { page } = later;
      await page.getByRole('heading', { level: 1, name: theCase.reference }).waitFor();
      await caseSection(page, 'meetings');
      const conference = meetingCard(page, 'Conference', '20 July');
      await conference.getByRole('button', { name: 'Record what happened' }).click();
      const outcome = conference.getByRole('form', { name: 'Record what happened' });
      await outcome.getByRole('group', { name: 'Did the meeting take place?' }).getByLabel('No').check();
      await outcome.getByRole('button', { name: 'Save what happened' }).click();
      await conference.locator('.error-summary').getByText('Say why the meeting did not happen').waitFor();
      await assertAccessible(page, 'recording a meeting that did not happen, with an error');
      await outcome.getByLabel('Why did it not happen?').fill('Aisha was unwell on the day; to be rearranged.');
      await outcome.getByRole('button', { name: 'Save what happened' }).click();
      await bannerSays(page, 'The conference is recorded as not having happened.');
      await caseSection(page, 'meetings');
      await conference.locator('.tag', { hasText: 'Did not happen' }).waitFor();
      await conference.locator('.summary-list__row', { hasText: 'Why it did not happen' }).getByText('Aisha was unwell on the day').waitFor();
      assert.equal(await conference.getByRole('button', { name: 'Cancel the meeting' }).count(), 0);
      await assertAccessible(page, 'the case page with a meeting that did not happen');
      later.assertClean();
    }

    // Nothing of this case waits for the supervisor: the one held was signed off, this one did not happen.
    const supervisor = await e2e.signedIn(t, 'supervisor');
    await supervisor.page.getByRole('link', { name: 'Sign-off queue' }).click();
    await supervisor.page.waitForURL(`${e2e.server.url}/sign-offs`);
    await supervisor.page.getByRole('heading', { level: 1, name: 'Sign-off queue' }).waitFor();
    await supervisor.page.locator('.loading').waitFor({ state: 'detached' });
    assert.equal(await supervisor.page.locator('section.card').filter({ hasText: theCase.reference }).count(), 0);
    const queue = await pageGraphql(supervisor.page, '{ signOffQueue { case { id } meetingId } }');
    assert.equal(queue.signOffQueue.filter((x) => x.case.id === theCase?.id).length, 0);
    await assertAccessible(supervisor.page, 'the sign-off queue');
    supervisor.assertClean();
  });
});
