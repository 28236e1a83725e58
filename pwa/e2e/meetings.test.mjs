// Meetings, agreements and sign-off in a real browser against the real server, on a phone-sized
// screen with axe on every new page: on the demo case allocated to the volunteer (brought to the
// intervention through the API), she schedules a conference in British Summer Time with the
// native date and time inputs and downloads its .ics (DTSTART in UTC, an hour earlier), and
// records an outcome agreement item; after the conference has taken place (the server's test
// clock moves on), the case supervisor signs it off from the queue with the checklist.
//
// Run: npm run build && npm run test:e2e   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertAccessible, launchBrowser, openMenu, openPhone, signIn } from './browser.mjs';
import { demoEmail, startServer } from './server.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** The server reads "now" from this file; missing means the real time. */
const clockFile = join(tmpdir(), `rjhub-meetings-clock-${process.pid}`);

before(async () => {
  server = await startServer({ env: { RJHUB_TEST_CLOCK_FILE: clockFile } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await rm(clockFile, { force: true });
});

async function signedIn(t, who) {
  const phone = await openPhone(browser, t);
  await phone.page.goto(`${server.url}/sign-in`);
  await signIn(phone.page, demoEmail(who));
  await phone.page.waitForURL(`${server.url}/`);
  return phone;
}

async function done(page, text) {
  await page.locator('.notification-banner').getByText(text).waitFor();
}

/** A GraphQL call with the page's session. */
async function gql(page, query, variables = {}) {
  const answer = await page.evaluate(
    async ([q, v]) => {
      const res = await fetch('/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: q, variables: v }),
      });
      return res.json();
    },
    [query, variables],
  );
  assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
  return answer.data;
}

// Next July: British Summer Time, so 2:30pm in London is 13:30 UTC.
const year = new Date().getUTCFullYear() + 1;
const meetingDay = `${year}-07-15`;

/** @type {{ id: string, reference: string } | undefined} */
let theCase;

describe('meetings, agreements and sign-off', () => {
  test('the facilitator schedules a conference, downloads the invite and records an agreement item', async (t) => {
    // Setup as the co-ordinator: the demo police referral in preparation (Agnieszka Nowak leads
    // it, Gareth Lewis supervises it) gets its risk assessment and consents and moves on.
    const coord = await signedIn(t, 'coordinator');
    const list = await gql(
      coord.page,
      'query { cases(filter: { stages: [PREPARATION] }, first: 20) { nodes { id reference } } }',
    );
    const found = list.cases.nodes[0];
    assert.ok(found, 'a demo case in preparation');
    theCase = found;
    const detail = await gql(coord.page, 'query($id: ID!) { case(id: $id) { participants { id } } }', { id: found.id });
    await gql(
      coord.page,
      'mutation($input: RecordRiskAssessmentInput!) { recordRiskAssessment(input: $input) { case { id } } }',
      { input: { caseId: found.id, riskTo: ['VICTIM'], level: 'LOW', reviewOn: `${year + 1}-12-31` } },
    );
    for (const p of detail.case.participants) {
      await gql(coord.page, 'mutation($input: RecordConsentInput!) { recordConsent(input: $input) { case { id } } }', {
        input: { caseId: found.id, participantId: p.id, purpose: 'TAKING_PART', given: true, method: 'WRITTEN' },
      });
    }
    await gql(coord.page, 'mutation($input: MoveCaseInput!) { moveCase(input: $input) { case { stage } } }', {
      input: { caseId: found.id, to: 'INTERVENTION' },
    });

    const { page, assertClean } = await signedIn(t, 'volunteer');
    await page.goto(`${server.url}/cases/${found.id}`);
    await page.getByRole('heading', { level: 1, name: found.reference }).waitFor();
    await page.locator('#meetings').getByText('No meetings scheduled.').waitFor();

    await page.locator('summary', { hasText: 'Schedule a meeting' }).click();
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
    await page.getByRole('button', { name: 'Schedule the meeting' }).click();
    await done(page, 'The conference has been scheduled and the invitations sent.');
    const meetings = page.getByRole('list', { name: 'Meetings' });
    await meetings.getByText(`2:30pm on 15 July ${year} to 4:00pm`).waitFor();
    await assertAccessible(page, 'the case page with a meeting');

    const downloading = page.waitForEvent('download');
    await meetings.getByRole('button', { name: 'Add to calendar' }).click();
    const download = await downloading;
    assert.match(download.suggestedFilename(), /\.ics$/);
    const ics = await readFile(await download.path(), 'utf8');
    assert.match(ics, /BEGIN:VCALENDAR/);
    assert.match(ics, new RegExp(`DTSTART:${year}0715T133000Z`), 'starts at 13:30 UTC (2:30pm BST)');
    assert.match(ics, new RegExp(`DTEND:${year}0715T150000Z`));

    await page.locator('summary', { hasText: 'Record something agreed' }).click();
    await page.getByRole('group', { name: 'What was agreed?' }).getByLabel('Reparation').check();
    await page.getByLabel('Who will do it?').selectOption({ index: 1 });
    await page.getByLabel('What will they do?').fill('Pay for the repair of the car windows');
    await page.getByLabel('By when? (optional)').fill(`${year}-08-31`);
    await page.getByRole('button', { name: 'Record the item' }).click();
    await done(page, 'The agreement item has been recorded.');
    const agreed = page.getByRole('list', { name: 'What was agreed' });
    await agreed.getByText('Pay for the repair of the car windows').waitFor();
    await agreed.getByText(`31 August ${year}`).waitFor();
    await assertAccessible(page, 'the case page with an agreement item');

    const menu = await openMenu(page);
    await menu.getByRole('link', { name: 'My meetings' }).click();
    await page.waitForURL(`${server.url}/my-meetings`);
    await page.getByText(`2:30pm on 15 July ${year} to 4:00pm`).waitFor();
    assert.match(await page.getByLabel('Calendar address').inputValue(), /\/calendar\/[^/]+\.ics$/);
    await assertAccessible(page, 'my meetings');
    assertClean();
  });

  test('the supervisor signs off the conference from the queue', async (t) => {
    assert.ok(theCase, 'the first test scheduled a conference');
    // The day after the conference.
    await writeFile(clockFile, `${year}-07-16T09:00:00Z`);
    const { page, assertClean } = await signedIn(t, 'supervisor');
    await page.getByRole('link', { name: 'Sign-off queue' }).click();
    await page.waitForURL(`${server.url}/sign-offs`);
    const task = page.locator('section.card').filter({ hasText: `Conference, ${theCase.reference}` });
    await task.getByRole('button', { name: 'Work through the checklist' }).click();
    await task.getByRole('button', { name: 'Sign off' }).click();
    await page.locator('.error-summary').getByText('Tick every item of the checklist').waitFor();
    await assertAccessible(page, 'the sign-off queue with the checklist');
    for (const label of ['Risk reviewed', 'Consent confirmed', 'Agreement recorded', 'Wellbeing follow-up arranged']) {
      await task.getByLabel(label).check();
    }
    await task.getByRole('button', { name: 'Sign off' }).click();
    await done(page, `The conference on ${theCase.reference} is signed off.`);
    assert.equal(await page.locator('section.card').filter({ hasText: `Conference, ${theCase.reference}` }).count(), 0);

    await page.goto(`${server.url}/cases/${theCase.id}`);
    await page.locator('#signoffs').getByText('Conference signed off').waitFor();
    await assertAccessible(page, 'the case page with a sign-off');
    assertClean();
  });
});
