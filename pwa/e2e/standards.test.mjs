// The RJC practice standards (R-ST-1) in a real browser against the real server, on a phone-sized
// screen with axe on every state: the demo volunteer reads her standards on "My training" (each
// with its tag and the server's words, her level, the CPD year), logs CPD hours — the checks in the
// browser and the server's refusal shown in the error summary — and sees the hours go up, the
// entry in her CPD log and gone again with "Remove"; her home page lists what is due this week.
// With the server's clock moved past her supervision's due date: it is overdue, in red, on her
// training page and at the top of her week; the co-ordinator sees it on her record, sets her
// practice level, and allocating her to a case asks why, then goes ahead with the reason.
//
// Run: npm run build && node --test e2e/standards.test.mjs   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, bannerSays, openDisclosure, pageGraphql, sharedServerAndBrowser, showTabOf } from './browser.mjs';

const e2e = sharedServerAndBrowser({ testClock: true });

const STANDARDS = `{ myRecord { standards { level items { kind status dueOn words } cpdYear { hours approvedHours requiredHours endsOn } } cpdLog { id activity } } }`;
const WEEK = `{ myWeek { overdue words caseReference url } }`;

const KIND = { ACCREDITATION: 'Accreditation', SUPERVISION: 'Supervision', OBSERVED_PRACTICE: 'Observed practice', CPD: 'Continuing professional development (CPD)' };
const STATUS = { MET: 'Met', DUE_SOON: 'Due soon', OVERDUE: 'Overdue' };

const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const UK_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** "2027-01-04" → "4 January 2027". */
const ukDay = (day) => UK_DATE.format(new Date(`${day}T12:00:00Z`));
/** The server's words as the page shows them, a sentence. */
const sentence = (words) => words.charAt(0).toUpperCase() + words.slice(1);
/** "2.5 hours", "1 hour", "45 minutes". */
const hours = (h) => (h > 0 && h < 1 ? `${Math.round(h * 60)} minutes` : h === 1 ? '1 hour' : `${h} hours`);

/** The item of the "Practice standards" list for one standard. */
function standardItem(page, kind) {
  return page
    .getByRole('list', { name: 'Practice standards' })
    .getByRole('listitem')
    .filter({ has: page.getByText(KIND[kind], { exact: true }) });
}

/** Every standard the server gives is on the page: its name, its tag and its words. */
async function assertStandardsShown(page, standards) {
  for (const s of standards.items) {
    const item = standardItem(page, s.kind);
    await item.locator('.tag').getByText(STATUS[s.status], { exact: true }).waitFor();
    await item.getByText(sentence(s.words), { exact: true }).waitFor();
  }
}

/** "CPD this year" as the page shows it. */
async function cpdThisYear(page) {
  const row = page.locator('.summary-list__row').filter({ has: page.getByText('CPD this year', { exact: true }) });
  return (await row.locator('dd').textContent())?.replace(/\s+/g, ' ').trim();
}

describe('practice standards (R-ST-1)', () => {
  test('on her phone a volunteer sees her practice standards, logs CPD hours and sees them go up', async (t) => {
    const { page, assertClean } = await e2e.signedIn(t, 'volunteer');
    const before = (await pageGraphql(page, STANDARDS)).myRecord;
    const year = before.standards.cpdYear;
    assert.ok(year, 'the demo volunteer is accredited, so she has a CPD year');

    await page.getByRole('link', { name: 'My training' }).first().click();
    await page.waitForURL(`${e2e.server.url}/my-training`);
    await page.getByRole('heading', { level: 2, name: 'Practice standards' }).waitFor();
    await assertStandardsShown(page, before.standards);
    // Supervision, with the date it falls due.
    const supervision = before.standards.items.find((s) => s.kind === 'SUPERVISION');
    assert.ok(supervision?.dueOn, 'supervision has a due date');
    const supervisionItem = standardItem(page, 'SUPERVISION');
    await supervisionItem.getByText(ukDay(supervision.dueOn), { exact: true }).waitFor();
    assert.match(supervision.words, /^supervision /);
    // The level and the CPD year.
    await page.locator('.summary-list__row').filter({ hasText: 'Practice level' }).getByText('Foundation').waitFor();
    assert.ok((await cpdThisYear(page))?.startsWith(`${hours(year.hours)} logged of ${hours(year.requiredHours)}`));
    await page.locator('.summary-list__row').filter({ hasText: 'RJC-approved' }).getByText(hours(year.approvedHours), { exact: false }).first().waitFor();
    await page.locator('.summary-list__row').filter({ hasText: 'CPD year ends' }).getByText(ukDay(year.endsOn), { exact: false }).waitFor();
    await page.getByRole('list', { name: 'CPD log' }).getByText(before.cpdLog[0].activity, { exact: true }).waitFor();
    await assertAccessible(page, 'my training with the practice standards');

    // The browser's checks first, in the error summary and by each field.
    await openDisclosure(page, 'Log CPD');
    await page.getByLabel('Date you did it').waitFor();
    await page.getByRole('button', { name: 'Log CPD' }).click();
    const summary = page.locator('.error-summary');
    await summary.getByText('Enter how many hours it took').waitFor();
    await summary.getByText('Enter what you did').waitFor();
    await page.locator('#cpd-activity-error').getByText('Enter what you did').waitFor();
    assert.match(await page.title(), /^Error: /);
    await assertAccessible(page, 'the CPD form with errors');

    // A date still to come.
    const tomorrow = LONDON_DAY.format(new Date(Date.now() + 86_400_000));
    await page.getByLabel('Date you did it').fill(tomorrow);
    await page.getByLabel('Hours').fill('2.5');
    await page.getByLabel('What you did').fill('Refresher on shuttle RJ');
    await page.getByRole('button', { name: 'Log CPD' }).click();
    await summary.getByText('Log CPD once you have done it').waitFor();
    assert.equal(await summary.locator('li').count(), 1);
    await assertAccessible(page, 'the CPD form with a date to come');

    // The server's refusal: CPD counts for two years; its message links to the date.
    const longAgo = LONDON_DAY.format(new Date(Date.now() - 3 * 365 * 86_400_000));
    await page.getByLabel('Date you did it').fill(longAgo);
    await page.getByRole('button', { name: 'Log CPD' }).click();
    await summary.getByRole('link', { name: 'CPD counts for the last two years only' }).waitFor();
    await page.locator('#cpd-done-on-error').getByText('CPD counts for the last two years only').waitFor();
    await assertAccessible(page, 'the CPD form refused by the server');
    await summary.getByRole('link', { name: 'CPD counts for the last two years only' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'cpd-done-on');

    // 2.5 RJC-approved hours today.
    await page.getByLabel('Date you did it').fill(LONDON_DAY.format(new Date()));
    await page.getByLabel('Provider (optional)').fill('Restorative Justice Council');
    await page.getByLabel('RJC-approved').check();
    await page.getByRole('button', { name: 'Log CPD' }).click();
    await bannerSays(page, '2.5 hours of CPD have been logged.');
    assert.equal(await page.title(), 'My training – RJ Hub');
    assert.equal(await summary.count(), 0);
    assert.ok((await cpdThisYear(page))?.startsWith(`${hours(year.hours + 2.5)} logged of ${hours(year.requiredHours)}`), 'the CPD hours go up by 2.5');
    await page.locator('.summary-list__row').filter({ hasText: 'RJC-approved' }).getByText(hours(year.approvedHours + 2.5), { exact: false }).first().waitFor();
    const log = page.getByRole('list', { name: 'CPD log' });
    const entry = log.getByRole('listitem').filter({ hasText: 'Refresher on shuttle RJ' });
    await entry.getByText('RJC-approved', { exact: true }).waitFor();
    await entry.getByText('2.5 hours', { exact: true }).waitFor();
    await entry.getByText('Restorative Justice Council').waitFor();
    const after = (await pageGraphql(page, STANDARDS)).myRecord;
    assert.equal(after.standards.cpdYear.hours, year.hours + 2.5);
    assert.equal(after.standards.cpdYear.approvedHours, year.approvedHours + 2.5);
    await assertStandardsShown(page, after.standards);
    await assertAccessible(page, 'my training after logging CPD');

    // Logged by mistake: removed, and the hours go back.
    await entry.getByRole('button', { name: /^Remove “Refresher on shuttle RJ”/ }).click();
    await bannerSays(page, '“Refresher on shuttle RJ”');
    await log.getByText('Refresher on shuttle RJ', { exact: true }).waitFor({ state: 'detached' });
    assert.ok((await cpdThisYear(page))?.startsWith(`${hours(year.hours)} logged of ${hours(year.requiredHours)}`), 'and back down');
    await assertAccessible(page, 'my training after removing a CPD entry');
    assertClean();
  });

  test('a volunteer’s home lists what is due from her this week, or says nothing is', async (t) => {
    const { page, assertClean } = await e2e.signedIn(t, 'volunteer');
    const { myWeek } = await pageGraphql(page, WEEK);
    await page.getByRole('heading', { level: 2, name: 'Due this week' }).waitFor();
    if (myWeek.length === 0) {
      await page.getByText('Nothing is due from you this week').waitFor();
    } else {
      const list = page.getByRole('list', { name: 'Due this week' });
      const items = list.getByRole('listitem');
      await items.first().waitFor();
      assert.equal(await items.count(), myWeek.length);
      for (const [i, due] of myWeek.entries()) {
        const item = items.nth(i);
        await item.getByText(due.words, { exact: true }).waitFor();
        assert.equal(await item.getByText('Overdue', { exact: true }).count(), due.overdue ? 1 : 0, `${due.words}: tagged overdue or not`);
        const link = due.caseReference ? item.getByRole('link', { name: due.caseReference }) : item.getByRole('link', { name: due.words });
        assert.equal(await link.getAttribute('href'), due.url);
      }
    }
    await assertAccessible(page, 'the volunteer’s home with her week');
    assertClean();
  });

  test('supervision past its date is overdue in red on her record and her week, and allocating her asks why', async (t) => {
    // Sign in to read the date, then move the server's clock 3 days past it.
    const first = await e2e.signedIn(t, 'volunteer');
    const { myRecord } = await pageGraphql(first.page, STANDARDS);
    const due = myRecord.standards.items.find((s) => s.kind === 'SUPERVISION')?.dueOn;
    assert.ok(due, 'supervision has a due date');
    const [y, m, d] = due.split('-').map(Number);
    await e2e.setClock(new Date(Date.UTC(y, m - 1, d + 3, 9)).toISOString());
    first.assertClean();

    const volunteer = await e2e.signedIn(t, 'volunteer');
    const vp = volunteer.page;
    // At the top of her week, in red.
    const week = vp.getByRole('list', { name: 'Due this week' });
    const late = week.getByRole('listitem').filter({ hasText: 'Supervision overdue by 3 days' });
    await late.locator('.tag.tag--red').getByText('Overdue', { exact: true }).waitFor();
    assert.equal(await late.getByRole('link', { name: 'Supervision overdue by 3 days' }).getAttribute('href'), '/my-training');
    await assertAccessible(vp, 'the volunteer’s home with supervision overdue');
    await late.getByRole('link', { name: 'Supervision overdue by 3 days' }).click();
    await vp.waitForURL(`${e2e.server.url}/my-training`);
    const supervision = standardItem(vp, 'SUPERVISION');
    await supervision.locator('.tag.tag--red').getByText('Overdue', { exact: true }).waitFor();
    await supervision.getByText('Supervision overdue by 3 days', { exact: true }).waitFor();
    await supervision.getByText(ukDay(due), { exact: true }).waitFor();
    await assertAccessible(vp, 'my training with supervision overdue');
    volunteer.assertClean();

    // The co-ordinator sees it on her record and records her level.
    const coordinator = await e2e.signedIn(t, 'coordinator', { next: '/training/facilitators' });
    const cp = coordinator.page;
    await cp.getByRole('list', { name: 'Facilitators' }).getByRole('link', { name: 'Agnieszka Nowak' }).click();
    await cp.getByRole('heading', { level: 1, name: 'Agnieszka Nowak' }).waitFor();
    await standardItem(cp, 'SUPERVISION').getByText('Supervision overdue by 3 days', { exact: true }).waitFor();
    await assertAccessible(cp, 'a training record with supervision overdue');
    await openDisclosure(cp, 'Change the practice level');
    await cp.getByLabel('RJC practice level').selectOption('INTERMEDIATE');
    await cp.getByRole('button', { name: 'Save the level' }).click();
    await bannerSays(cp, 'Agnieszka Nowak’s practice level is now intermediate.');
    await cp.locator('.summary-list__row').filter({ hasText: 'Practice level' }).getByText('Intermediate').waitFor();
    assert.match((await cpdThisYear(cp)) ?? '', / of 12 hours/);
    await assertAccessible(cp, 'a training record after setting the practice level');

    // Allocating her to a case: the server says who and what, and asks why.
    await cp.goto(`${e2e.server.url}/enquiries/new`);
    await cp.locator('#referralSource option[value="self_referral"]').waitFor({ state: 'attached' });
    await cp.getByLabel('Where did the enquiry come from?').selectOption({ label: 'Self-referral' });
    await cp.getByRole('group', { name: 'Who is asking?' }).getByLabel('Victim', { exact: true }).check();
    await cp.getByLabel('Full name').fill('Sam Okafor');
    await cp.getByRole('group', { name: 'How can the Hub contact them safely?' }).getByLabel('Email', { exact: true }).check();
    await cp.getByLabel('Email address').fill('sam.okafor@example.org');
    await cp.getByRole('button', { name: 'Record the enquiry' }).click();
    await cp.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await cp.getByRole('button', { name: 'Convert to a referral' }).click();
    await bannerSays(cp, 'The enquiry is now a referral.');
    const assessment = cp.locator('#assessment');
    await showTabOf(cp, assessment);
    await cp.getByRole('group', { name: 'Is restorative justice suitable for this case?' }).getByLabel('Suitable', { exact: true }).check();
    await cp.getByRole('button', { name: 'Record the assessment' }).click();
    await bannerSays(cp, 'assessed as suitable');

    await openDisclosure(cp, 'Allocate a lead facilitator');
    await cp.getByLabel('Lead facilitator').selectOption({ label: 'Agnieszka Nowak, Volunteer' });
    await cp.getByRole('button', { name: 'Allocate', exact: true }).click();
    const refusal = 'Agnieszka Nowak: supervision overdue by 3 days. Say why you are allocating anyway; the reason is recorded.';
    const allocation = cp.locator('#allocation');
    await allocation.locator('.error-summary').getByRole('link', { name: refusal }).waitFor();
    const reason = cp.getByLabel('Why are you allocating anyway?');
    await reason.waitFor();
    await allocation.locator('#allocate-override-reason-error').getByText(refusal).waitFor();
    await assertAccessible(cp, 'the allocation asking why');
    // Without a reason it asks again.
    await cp.getByRole('button', { name: 'Allocate', exact: true }).click();
    await allocation.locator('.error-summary').getByText('Say why you are allocating anyway', { exact: true }).waitFor();
    await allocation.getByText(refusal).waitFor();
    await reason.fill('She speaks Polish with the victim; supervision is booked for Friday.');
    await cp.getByRole('button', { name: 'Allocate', exact: true }).click();
    await bannerSays(cp, 'Agnieszka Nowak is allocated as lead facilitator.');
    await assertAccessible(cp, 'the case page after allocating anyway');
    coordinator.assertClean();
  });
});
