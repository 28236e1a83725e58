// The service end to end in a real browser against the real server, on phone-sized screens with
// axe on every page: a victim refers themselves on the public page; the co-ordinator finds the
// referral in the inbox, assesses it as suitable, records the risk assessment and the victim's
// consent and offers the case to the demo volunteer; she accepts it on her phone; the case moves
// on and she schedules a conference (the invitation lands in the server's outbox) and records
// what was agreed; after the conference (the server's test clock moves on) she records on her
// phone that it was held and who came; the case supervisor's checklist shows what the record
// holds, the wellbeing follow-up not tickable until she logs her call to the victim, and signs it
// off; the co-ordinator's Reports dashboard counts the referral, offers its CSV and
// prints without the app's controls; and once the month is over (the clock moves on again) the
// co-ordinator publishes its edition, which the commissioner reads with small numbers hidden.
//
// One server for the file; each person has their own browser context.
//
// Run: npm run build && node --test e2e/journey.test.mjs   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  assertAccessible,
  bannerSays,
  heading,
  openDisclosure,
  openMenu,
  openPhone,
  pageGraphql,
  pageGraphqlAnswer,
  referYourself,
  sharedServerAndBrowser,
  showTabOf,
} from './browser.mjs';

const e2e = sharedServerAndBrowser({ testClock: true });

const unique = Date.now().toString(36).toUpperCase();
const victim = {
  name: `Morgan Journey ${unique}`,
  email: `morgan.${unique.toLowerCase()}@example.org`,
};

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

/** The report's total of referrals received this month, as the server counts it. */
async function referralsThisMonth(page) {
  const data = await pageGraphql(
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
    const coord = await e2e.signedIn(t, 'coordinator');
    const before = await referralsThisMonth(coord.page);

    // ---- A victim refers themselves on the public page.
    const visitor = await openPhone(e2e.browser, t);
    const reference = await referYourself(visitor.page, e2e.server, { name: victim.name, email: victim.email });
    visitor.assertClean();
    assert.match(reference, /^RJ\d{2}-[0-9A-Z]{5}$/);

    // ---- The co-ordinator finds it in the inbox, assesses it, records risk and consent, offers it.
    let caseUrl = '';
    {
      const { page } = coord;
      await page.getByRole('link', { name: 'Intake inbox' }).first().click();
      await page.waitForURL(`${e2e.server.url}/inbox`);
      const row = page.locator('.record-list__item', { has: page.getByRole('link', { name: reference }) });
      await row.getByText('Self-referral').waitFor();
      await assertAccessible(page, 'the intake inbox');
      await row.getByRole('link', { name: reference }).click();
      await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
      caseUrl = page.url();
      await page.getByRole('heading', { level: 1, name: reference }).waitFor();
      await caseSection(page, 'people');
      await page.getByRole('heading', { name: victim.name }).waitFor();
      await assertAccessible(page, 'the new case');

      await caseSection(page, 'assessment');
      await page
        .getByRole('group', { name: 'Is restorative justice suitable for this case?' })
        .getByLabel('Suitable', { exact: true })
        .check();
      await page.getByRole('button', { name: 'Record the assessment' }).click();
      await bannerSays(page, 'The case is assessed as suitable.');

      await openDisclosure(page, 'Record a risk assessment');
      await page.getByRole('group', { name: 'Who is the risk to?' }).getByLabel('The victim').check();
      await page.getByRole('group', { name: 'Level of risk' }).getByLabel('Low').check();
      await page.getByLabel('Review by').fill('2099-12-31');
      await page.getByRole('button', { name: 'Record the risk assessment' }).click();
      await bannerSays(page, 'The risk assessment has been recorded.');

      await openDisclosure(page, 'Record consent given or withdrawn');
      await page.getByLabel('Whose consent?').selectOption({ label: victim.name });
      await page.getByRole('group', { name: 'What is it for?' }).getByLabel('Taking part').check();
      await page.getByRole('group', { name: 'Given or withdrawn?' }).getByLabel('Given').check();
      await page.getByLabel('How?').selectOption({ label: 'In writing' });
      await page.getByRole('button', { name: 'Record the consent' }).click();
      await bannerSays(page, 'The consent has been recorded.');

      await openDisclosure(page, 'Offer the case to facilitators');
      const suggested = page.getByRole('group', { name: 'Suggested facilitators' });
      await suggested.getByLabel('Agnieszka Nowak').check();
      await page.getByLabel('What it will ask of them (optional)').fill('A conference in Fenland within a month');
      await page.getByRole('button', { name: 'Send the offer' }).click();
      await bannerSays(page, 'The case has been offered to Agnieszka Nowak.');
      await caseSection(page, 'allocation');
      await page.getByRole('list', { name: 'Offers' }).getByText('Not answered yet').waitFor();
      await assertAccessible(page, 'the case with an open offer');
      coord.assertClean();
    }

    // ---- The volunteer accepts it on her phone: no names before she does.
    const volunteer = await e2e.signedIn(t, 'volunteer');
    {
      const { page } = volunteer;
      await page.getByRole('link', { name: 'Offers' }).first().click();
      await page.waitForURL(`${e2e.server.url}/offers`);
      const card = page.locator('section.card', { hasText: 'A conference in Fenland within a month' });
      await card.waitFor();
      assert.equal((await page.locator('main').innerText()).includes(victim.name), false, 'the offer is anonymised');
      await assertAccessible(page, 'the offers page');
      await card.getByRole('button', { name: 'Accept' }).click();
      await page.waitForURL(caseUrl);
      await bannerSays(page, 'You accepted the offer.');
      await page.getByRole('heading', { level: 1, name: reference }).waitFor();
      await assertAccessible(page, 'the accepted case');
    }

    // ---- The co-ordinator sees the answer, names the case supervisor and moves the case on.
    {
      const { page } = coord;
      await page.reload();
      await (await caseSection(page, 'allocation')).getByText('Agnieszka Nowak, since').waitFor();
      await openDisclosure(page, 'Choose a case supervisor');
      await page.getByLabel('Case supervisor').selectOption({ label: 'Gareth Lewis' });
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await bannerSays(page, 'Gareth Lewis now supervises the case.');
      await caseSection(page, 'stage');
      await page.getByRole('button', { name: 'Move to “Preparing participants”' }).click();
      await bannerSays(page, 'The case moved to “Preparing participants”.');
      await caseSection(page, 'stage');
      await page.getByRole('button', { name: 'Move to “Restorative intervention”' }).click();
      await bannerSays(page, 'The case moved to “Restorative intervention”.');
      await assertAccessible(page, 'the case at the intervention');
      coord.assertClean();
    }

    // ---- The volunteer schedules the conference and records what was agreed.
    const meetingDay = londonDay(7);
    {
      const { page } = volunteer;
      await page.reload();
      await page.getByRole('heading', { level: 1, name: reference }).waitFor();
      await openDisclosure(page, 'Schedule a meeting');
      await page.getByRole('group', { name: 'What kind of meeting?' }).getByLabel('Conference', { exact: true }).check();
      await page.getByLabel('Date').fill(meetingDay);
      await page.getByLabel('Starts at').fill('10:00');
      await page.getByLabel('Ends at').fill('11:30');
      await page.getByLabel('Venue address').fill('March Library, City Road, March PE15 9LT');
      await page.getByRole('group', { name: 'Participants to invite' }).getByLabel(victim.name).check();
      await page.getByRole('button', { name: 'Schedule the meeting' }).click();
      await bannerSays(page, 'The conference has been scheduled and the invitations sent.');
      await caseSection(page, 'meetings');
      await page.getByRole('list', { name: 'Meetings' }).getByText(/10:00am on/).waitFor();
      await assertAccessible(page, 'the case with a conference');

      await openDisclosure(page, 'Record something agreed');
      await page.getByRole('group', { name: 'What was agreed?' }).getByLabel('Reparation').check();
      await page.getByLabel('Who will do it?').selectOption({ index: 1 });
      await page.getByLabel('What will they do?').fill('Replace the stolen bicycle lights');
      await page.getByRole('button', { name: 'Record the item' }).click();
      await bannerSays(page, 'The agreement item has been recorded.');
      await caseSection(page, 'agreement');
      await page.getByRole('list', { name: 'What was agreed' }).getByText('Replace the stolen bicycle lights').waitFor();
      await assertAccessible(page, 'the case with an agreement item');
      volunteer.assertClean();
    }
    // The victim agreed to e-mail: their invitation is in the outbox, with the calendar part
    // (after the acknowledgement of their self-referral).
    const invite = await e2e.server.waitForMail(victim.email, 15_000, /text\/calendar/i);
    assert.match(invite, /text\/calendar; method=REQUEST/i);

    // ---- The day after the conference, the volunteer records on her phone that it was held.
    const [y, m, d] = meetingDay.split('-').map(Number);
    await e2e.setClock(new Date(Date.UTC(y, m - 1, d + 1, 9)).toISOString());
    // Signed in again: a week has passed on the server's clock.
    const facilitator = await e2e.signedIn(t, 'volunteer', { next: caseUrl.slice(e2e.server.url.length) });
    {
      const { page } = facilitator;
      await page.getByRole('heading', { level: 1, name: reference }).waitFor();
      await caseSection(page, 'meetings');
      const card = page.getByRole('list', { name: 'Meetings' }).locator('.card', { hasText: 'Conference' });
      await card.getByText('What happened not recorded').waitFor();
      await card.getByRole('button', { name: 'Record what happened' }).click();
      const form = card.getByRole('form', { name: 'Record what happened' });
      await form.getByRole('group', { name: 'Did the meeting take place?' }).getByLabel('Yes').check();
      const who = form.getByRole('group', { name: 'Who came?' });
      await who.getByLabel(victim.name).check();
      await who.getByLabel('Agnieszka Nowak').check();
      await assertAccessible(page, 'recording what happened at the conference');
      await form.getByRole('button', { name: 'Save what happened' }).click();
      await bannerSays(page, 'The conference is recorded as held.');
      await caseSection(page, 'meetings');
      await card.locator('.tag', { hasText: 'Held' }).waitFor();
      await card.locator('.summary-list__row', { hasText: 'Who came' }).getByText(victim.name).waitFor();
      facilitator.assertClean();
    }

    // ---- The case supervisor's checklist: what the record shows; no wellbeing call logged yet.
    const supervisor = await e2e.signedIn(t, 'supervisor');
    const task = supervisor.page.locator('section.card').filter({ hasText: `Conference, ${reference}` });
    {
      const { page } = supervisor;
      await page.getByRole('link', { name: 'Sign-off queue' }).click();
      await page.waitForURL(`${e2e.server.url}/sign-offs`);
      await task.getByRole('button', { name: 'Work through the checklist' }).click();
      await task.getByText(/Risk assessed on .+ \(low risk\); review due by 31 December 2099/).waitFor();
      await task.getByText(`${victim.name}: agreed to take part on`).waitFor();
      await task.getByText('Replace the stolen bicycle lights (no due date)').waitFor();
      await task.getByText('Cannot be ticked: No contact is logged since the conference').waitFor();
      assert.equal(await task.getByLabel('Wellbeing follow-up arranged').isDisabled(), true, 'nothing shows the follow-up yet');
      await assertAccessible(page, 'the sign-off checklist with what the record shows');
    }

    // ---- The volunteer rings the victim to see how they are, and logs it.
    {
      const { page } = facilitator;
      await openDisclosure(page, 'Log a contact');
      await page.getByLabel('Who with? (optional)').selectOption({ label: victim.name });
      await page.locator('#contact-channel').selectOption({ label: 'Phone call' });
      await page.getByLabel('What was said or done?').fill('Called after the conference: they are glad they took part.');
      await page.getByRole('button', { name: 'Log the contact' }).click();
      await bannerSays(page, 'The contact has been logged.');
      facilitator.assertClean();
    }

    // ---- The supervisor checks the record again and signs the conference off.
    {
      const { page, assertClean } = supervisor;
      await task.getByRole('button', { name: 'Check the record again' }).click();
      await task.getByText(/Contact on .+ by phone/i).waitFor();
      for (const label of ['Risk reviewed', 'Consent confirmed', 'Agreement recorded', 'Wellbeing follow-up arranged']) {
        await task.getByLabel(label).check();
      }
      await assertAccessible(page, 'the sign-off checklist');
      await task.getByRole('button', { name: 'Sign off' }).click();
      await bannerSays(page, `The conference on ${reference} is signed off.`);
      assertClean();
    }

    // ---- The co-ordinator's Reports dashboard counts the referral.
    {
      const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
      await page.getByRole('link', { name: 'Reports' }).first().click();
      await page.waitForURL(`${e2e.server.url}/reports`);
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
      const res = await page.context().request.get(`${e2e.server.url}${href}`);
      assert.equal(res.status(), 200);
      assert.match(await res.text(), new RegExp(`^referrals,received,total,${before + 1},`, 'm'));

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
      await bannerSays(page, 'The victim-satisfaction baseline is now 72.5%.');
      await page.locator('#section-satisfaction').locator('xpath=..').getByText('72.5%').waitFor();
      assertClean();
    }

    // ---- Once the month is over, the co-ordinator publishes its edition, grouped by area.
    const { from: monthFrom, to: monthTo } = thisMonth();
    const [ty, tm, td] = monthTo.split('-').map(Number);
    await e2e.setClock(new Date(Math.max(Date.UTC(y, m - 1, d + 1, 9), Date.UTC(ty, tm - 1, td + 1, 10))).toISOString());
    let editionId = '';
    {
      const { page } = await e2e.signedIn(t, 'coordinator');
      const data = await pageGraphql(
        page,
        'mutation($input: PublishReportEditionInput!) { publishReportEdition(input: $input) { edition { id } } }',
        { input: { kind: 'MONTH', from: monthFrom, groupings: ['AREA'] } },
      );
      editionId = data.publishReportEdition.edition.id;
    }

    // ---- The commissioner reads the published edition, never the live report: small numbers read "[c]".
    {
      const { page, assertClean } = await e2e.signedIn(t, 'commissioner');
      const menu = await openMenu(page);
      assert.equal(await menu.getByRole('link', { name: 'Reports', exact: true }).count(), 0, 'no live report in the menu');
      await menu.getByRole('link', { name: 'Published reports' }).waitFor();
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('link', { name: 'Performance reports' }).click();
      await page.waitForURL(`${e2e.server.url}/editions`);
      const month = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(Date.UTC(ty, tm - 1, 1)),
      );
      const item = page.locator('.record-list__item', { has: page.getByRole('link', { name: month, exact: true }) });
      await item.getByText('Current', { exact: true }).waitFor();
      await assertAccessible(page, 'the commissioner’s published reports');
      await item.getByRole('link', { name: month, exact: true }).click();
      await page.waitForURL(`${e2e.server.url}/editions/${editionId}`);
      await page.getByRole('heading', { level: 1, name: month, exact: true }).waitFor();
      await page.getByText('[c]: hidden so that no one can be identified').waitFor();
      const byArea = page.getByRole('table', { name: 'Referrals, by area' });
      await byArea.getByRole('columnheader').filter({ hasText: 'Fenland' }).waitFor();
      // This referral and the demo's: fewer than five in Fenland that month, hidden as the server says.
      await byArea.getByRole('cell', { name: '[c]', exact: true }).first().waitFor();
      assert.equal(await page.getByText('<5').count(), 0);
      assert.equal(await page.getByRole('link', { name: 'Publish a correction' }).count(), 0);
      await assertAccessible(page, 'the commissioner’s edition');

      // The edition's CSV, with the session cookie.
      const href = (await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')) ?? '';
      assert.equal(href, `/reports/editions/${editionId}.csv`);
      const res = await page.context().request.get(`${e2e.server.url}${href}`);
      assert.equal(res.status(), 200);
      const csv = await res.text();
      assert.match(csv, /^Table,Section,Measure,Group,Figure,Unit,What it counts$/m);
      assert.match(csv, /^All cases,referrals,received,total,/m);
      assert.match(csv, /^area,referrals,received,[^,]+,\[c\],/m);

      // The live report is not theirs: an old link to it opens the published reports, and the
      // server refuses it too.
      await page.goto(`${e2e.server.url}/reports`);
      await page.waitForURL(`${e2e.server.url}/editions`);
      const live = await pageGraphqlAnswer(
        page,
        'query($input: PerformanceReportInput!) { performanceReport(input: $input) { groups } }',
        { input: { from: monthFrom, to: monthTo } },
      );
      assert.equal(live.errors?.[0]?.extensions?.code, 'FORBIDDEN');
      assertClean();
    }
  });
});
