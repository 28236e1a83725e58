// The service end to end in a real browser against the real server, on phone-sized screens with
// axe on every page: a victim refers themselves on the public page; the co-ordinator finds the
// referral in the inbox, assesses it as suitable, records the risk assessment and the victim's
// consent and offers the case to the demo volunteer; she accepts it on her phone; the case moves
// on and she schedules a conference (the invitation lands in the server's outbox) and records
// what was agreed; after the conference (the server's test clock moves on) the case supervisor
// signs it off; and the co-ordinator's Reports dashboard counts the referral, offers its CSV and
// prints without the app's controls.
//
// One server for the file; each person has their own browser context.
//
// Run: npm run build && node --test e2e/journey.test.mjs   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertAccessible, heading, launchBrowser, openPhone, signIn } from './browser.mjs';
import { demoEmail, startServer } from './server.mjs';

/** @type {import('playwright-core').Browser} */
let browser;
/** @type {Awaited<ReturnType<typeof startServer>>} */
let server;
/** The server reads "now" from this file; missing means the real time. */
const clockFile = join(tmpdir(), `rjhub-journey-clock-${process.pid}`);

before(async () => {
  await rm(clockFile, { force: true });
  server = await startServer({ env: { RJHUB_TEST_CLOCK_FILE: clockFile } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await rm(clockFile, { force: true });
});

const unique = Date.now().toString(36).toUpperCase();
const victim = {
  name: `Morgan Journey ${unique}`,
  email: `morgan.${unique.toLowerCase()}@example.org`,
};

/** A London calendar day, `plusDays` from today: "2026-05-14". */
function londonDay(plusDays = 0) {
  const at = new Date(Date.now() + plusDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** This month in London, as the dashboard's first preset gives it. */
function thisMonth() {
  const today = londonDay();
  const [y, m] = today.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${today.slice(0, 7)}-01`, to: `${today.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}

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

async function disclose(page, summary) {
  await page.locator('summary', { hasText: summary }).click();
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

/** The report's total of referrals received this month, as the server counts it. */
async function referralsThisMonth(page) {
  const data = await gql(
    page,
    'query($input: PerformanceReportInput!) { performanceReport(input: $input) { figures { section measure group value } } }',
    { input: thisMonth() },
  );
  const f = data.performanceReport.figures.find((x) => x.section === 'referrals' && x.measure === 'received' && x.group === 'total');
  return f?.value ?? 0;
}

describe('the journey', () => {
  test('from a self-referral to a signed-off conference, counted in the reports', async (t) => {
    // ---- The co-ordinator is at work; what the report counts before the referral arrives.
    const coord = await signedIn(t, 'coordinator');
    const before = await referralsThisMonth(coord.page);

    // ---- A victim refers themselves on the public page.
    const visitor = await openPhone(browser, t);
    {
      const { page } = visitor;
      await page.goto(`${server.url}/`);
      await assertAccessible(page, 'the public page');
      await page.getByRole('link', { name: 'Refer yourself' }).click();
      await page.waitForURL(`${server.url}/refer-yourself`);
      await page.locator('#offenceCategory option[value="theft"]').waitFor({ state: 'attached' });
      await page.getByLabel('Your full name').fill(victim.name);
      await page.getByLabel('It happened to me').check();
      const channels = page.getByRole('group', { name: 'How can we contact you safely?' });
      await channels.getByLabel('Email', { exact: true }).check();
      await page.getByLabel('Your email address').fill(victim.email);
      await page.getByLabel('What kind of crime or conflict was it?').selectOption({ label: 'Theft' });
      await page.getByLabel('Where did it happen?').selectOption({ label: 'Fenland' });
      await page.getByLabel('I agree that the RJ Hub may contact me').check();
      await assertAccessible(page, 'the filled self-referral form');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('heading', { level: 1, name: 'Referral sent' }).waitFor();
      await assertAccessible(page, 'the self-referral confirmation');
      visitor.assertClean();
    }
    const reference = (await visitor.page.locator('.reference').textContent())?.trim() ?? '';
    assert.match(reference, /^RJ\d{2}-[0-9A-Z]{5}$/);

    // ---- The co-ordinator finds it in the inbox, assesses it, records risk and consent, offers it.
    let caseUrl = '';
    {
      const { page } = coord;
      await page.getByRole('link', { name: 'Intake inbox' }).first().click();
      await page.waitForURL(`${server.url}/inbox`);
      const row = page.locator('.record-list__item', { has: page.getByRole('link', { name: reference }) });
      await row.getByText('Self-referral').waitFor();
      await assertAccessible(page, 'the intake inbox');
      await row.getByRole('link', { name: reference }).click();
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      caseUrl = page.url();
      await page.getByRole('heading', { level: 1, name: reference }).waitFor();
      await page.getByRole('heading', { name: victim.name }).waitFor();
      await assertAccessible(page, 'the new case');

      await page
        .getByRole('group', { name: 'Is restorative justice suitable for this case?' })
        .getByLabel('Suitable', { exact: true })
        .check();
      await page.getByRole('button', { name: 'Record the assessment' }).click();
      await done(page, 'The case is assessed as suitable.');

      await disclose(page, 'Record a risk assessment');
      await page.getByRole('group', { name: 'Who is the risk to?' }).getByLabel('The victim').check();
      await page.getByRole('group', { name: 'Level of risk' }).getByLabel('Low').check();
      await page.getByLabel('Review by').fill('2099-12-31');
      await page.getByRole('button', { name: 'Record the risk assessment' }).click();
      await done(page, 'The risk assessment has been recorded.');

      await disclose(page, 'Record consent given or withdrawn');
      await page.getByLabel('Whose consent?').selectOption({ label: victim.name });
      await page.getByRole('group', { name: 'What is it for?' }).getByLabel('Taking part').check();
      await page.getByRole('group', { name: 'Given or withdrawn?' }).getByLabel('Given').check();
      await page.getByLabel('How?').selectOption({ label: 'In writing' });
      await page.getByRole('button', { name: 'Record the consent' }).click();
      await done(page, 'The consent has been recorded.');

      await disclose(page, 'Offer the case to facilitators');
      const suggested = page.getByRole('group', { name: 'Suggested facilitators' });
      await suggested.getByLabel('Agnieszka Nowak').check();
      await page.getByLabel('What it will ask of them (optional)').fill('A conference in Fenland within a month');
      await page.getByRole('button', { name: 'Send the offer' }).click();
      await done(page, 'The case has been offered to Agnieszka Nowak.');
      await page.getByRole('list', { name: 'Offers' }).getByText('Not answered yet').waitFor();
      await assertAccessible(page, 'the case with an open offer');
      coord.assertClean();
    }

    // ---- The volunteer accepts it on her phone: no names before she does.
    const volunteer = await signedIn(t, 'volunteer');
    {
      const { page } = volunteer;
      await page.getByRole('link', { name: 'Offers' }).first().click();
      await page.waitForURL(`${server.url}/offers`);
      const card = page.locator('section.card', { hasText: 'A conference in Fenland within a month' });
      await card.waitFor();
      assert.equal((await page.locator('main').innerText()).includes(victim.name), false, 'the offer is anonymised');
      await assertAccessible(page, 'the offers page');
      await card.getByRole('button', { name: 'Accept' }).click();
      await page.waitForURL(caseUrl);
      await done(page, 'You accepted the offer.');
      await page.getByRole('heading', { level: 1, name: reference }).waitFor();
      await assertAccessible(page, 'the accepted case');
    }

    // ---- The co-ordinator sees the answer, names the case supervisor and moves the case on.
    {
      const { page } = coord;
      await page.reload();
      await page.getByText('Agnieszka Nowak, since').waitFor();
      await disclose(page, 'Choose a case supervisor');
      await page.getByLabel('Case supervisor').selectOption({ label: 'Gareth Lewis' });
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await done(page, 'Gareth Lewis now supervises the case.');
      await page.getByRole('button', { name: 'Move to “Preparing participants”' }).click();
      await done(page, 'The case moved to “Preparing participants”.');
      await page.getByRole('button', { name: 'Move to “Restorative intervention”' }).click();
      await done(page, 'The case moved to “Restorative intervention”.');
      await assertAccessible(page, 'the case at the intervention');
      coord.assertClean();
    }

    // ---- The volunteer schedules the conference and records what was agreed.
    const meetingDay = londonDay(7);
    {
      const { page } = volunteer;
      await page.reload();
      await page.getByRole('heading', { level: 1, name: reference }).waitFor();
      await disclose(page, 'Schedule a meeting');
      await page.getByRole('group', { name: 'What kind of meeting?' }).getByLabel('Conference', { exact: true }).check();
      await page.getByLabel('Date').fill(meetingDay);
      await page.getByLabel('Starts at').fill('10:00');
      await page.getByLabel('Ends at').fill('11:30');
      await page.getByLabel('Venue address').fill('March Library, City Road, March PE15 9LT');
      await page.getByRole('group', { name: 'Participants to invite' }).getByLabel(victim.name).check();
      await page.getByRole('button', { name: 'Schedule the meeting' }).click();
      await done(page, 'The conference has been scheduled and the invitations sent.');
      await page.getByRole('list', { name: 'Meetings' }).getByText(/10:00am on/).waitFor();
      await assertAccessible(page, 'the case with a conference');

      await disclose(page, 'Record something agreed');
      await page.getByRole('group', { name: 'What was agreed?' }).getByLabel('Reparation').check();
      await page.getByLabel('Who will do it?').selectOption({ index: 1 });
      await page.getByLabel('What will they do?').fill('Replace the stolen bicycle lights');
      await page.getByRole('button', { name: 'Record the item' }).click();
      await done(page, 'The agreement item has been recorded.');
      await page.getByRole('list', { name: 'What was agreed' }).getByText('Replace the stolen bicycle lights').waitFor();
      await assertAccessible(page, 'the case with an agreement item');
      volunteer.assertClean();
    }
    // The victim agreed to e-mail: their invitation is in the outbox, with the calendar part.
    const invite = await server.waitForMail(victim.email);
    assert.match(invite, /text\/calendar; method=REQUEST/i);

    // ---- The day after the conference, the case supervisor signs it off.
    const [y, m, d] = meetingDay.split('-').map(Number);
    await writeFile(clockFile, new Date(Date.UTC(y, m - 1, d + 1, 9)).toISOString());
    {
      const { page, assertClean } = await signedIn(t, 'supervisor');
      await page.getByRole('link', { name: 'Sign-off queue' }).click();
      await page.waitForURL(`${server.url}/sign-offs`);
      const task = page.locator('section.card').filter({ hasText: `Conference, ${reference}` });
      await task.getByRole('button', { name: 'Work through the checklist' }).click();
      for (const label of ['Risk reviewed', 'Consent confirmed', 'Agreement recorded', 'Wellbeing follow-up arranged']) {
        await task.getByLabel(label).check();
      }
      await assertAccessible(page, 'the sign-off checklist');
      await task.getByRole('button', { name: 'Sign off' }).click();
      await done(page, `The conference on ${reference} is signed off.`);
      assertClean();
    }

    // ---- The co-ordinator's Reports dashboard counts the referral.
    {
      const { page, assertClean } = await signedIn(t, 'coordinator');
      await page.getByRole('link', { name: 'Reports' }).first().click();
      await page.waitForURL(`${server.url}/reports`);
      assert.equal(await heading(page), 'Reports');
      const table = page.getByRole('table', { name: 'Referrals', exact: true });
      const received = table.getByRole('row', { name: /Referrals received/ }).getByRole('cell');
      await received.first().waitFor();
      assert.equal((await received.first().textContent())?.trim(), String(before + 1), 'the referral is counted this month');
      // The chart library arrives after the page, and its drawing is hidden from screen readers.
      await page.locator('.report-chart canvas').first().waitFor();
      assert.equal(await page.locator('.report-chart').first().getAttribute('aria-hidden'), 'true');
      await page.getByRole('table', { name: 'From referral to meeting' }).getByRole('row', { name: /Restorative meeting held/ }).waitFor();
      await assertAccessible(page, 'the reports dashboard');

      // The CSV has the same figures, for the same period.
      const csv = page.getByRole('link', { name: 'Download CSV' });
      const href = (await csv.getAttribute('href')) ?? '';
      const { from, to } = thisMonth();
      assert.equal(href, `/reports/performance.csv?from=${from}&to=${to}&groupBy=none`);
      const res = await page.context().request.get(`${server.url}${href}`);
      assert.equal(res.status(), 200);
      assert.match(await res.text(), new RegExp(`^referrals,received,total,${before + 1}$`, 'm'));

      // Grouped by month: a column per month, the total last.
      await page.getByLabel('Break the figures down by').selectOption({ label: 'Month' });
      await page.getByRole('button', { name: 'Show the report' }).click();
      await page.getByRole('table', { name: 'Referrals, by month' }).getByRole('columnheader', { name: 'Total' }).waitFor();
      await assertAccessible(page, 'the reports dashboard by month');

      // Printing leaves out the app's header and the controls.
      await page.getByRole('button', { name: 'Print' }).waitFor();
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('header.header').isVisible(), false);
      assert.equal(await page.getByRole('button', { name: 'Show the report' }).isVisible(), false);
      assert.equal(await page.getByRole('table', { name: 'Referrals, by month' }).isVisible(), true);
      await page.emulateMedia({ media: 'screen' });

      // The co-ordinator sets the victim-satisfaction baseline the figures are compared with.
      await page.getByLabel('Victims satisfied across services (percent)').fill('120');
      await page.getByRole('button', { name: 'Save the baseline' }).click();
      await page.locator('.error-summary').getByText('Enter a percentage from 0 to 100').waitFor();
      await page.getByLabel('Victims satisfied across services (percent)').fill('72.5');
      await page.getByRole('button', { name: 'Save the baseline' }).click();
      await done(page, 'The victim-satisfaction baseline is now 72.5%.');
      await page.locator('#section-satisfaction').locator('xpath=..').getByText('72.5%').waitFor();
      assertClean();
    }

    // ---- The commissioner reads the same report as aggregates: small numbers read "<5".
    {
      const { page, assertClean } = await signedIn(t, 'commissioner');
      await page.getByRole('link', { name: 'Performance reports' }).click();
      await page.waitForURL(`${server.url}/reports`);
      await page.getByText('Numbers from 1 to 4 are shown as “<5”').waitFor();
      await page.getByLabel('Break the figures down by').selectOption({ label: 'Area' });
      await page.getByRole('button', { name: 'Show the report' }).click();
      const byArea = page.getByRole('table', { name: 'Referrals, by area' });
      const fenland = byArea.getByRole('columnheader').filter({ hasText: 'Fenland' });
      await fenland.waitFor();
      // This referral and the demo's: fewer than five in Fenland this month, as the server says.
      await byArea.getByRole('cell', { name: '<5', exact: true }).first().waitFor();
      await assertAccessible(page, 'the commissioner’s reports');
      assertClean();
    }
  });
});
