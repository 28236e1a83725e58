// Published editions of the performance report, on phone-sized screens with axe on every page:
// the co-ordinator publishes last month's edition (the questions, "check your answers", and the
// server's refusals in the error summary: a period that has not ended, one already published, a
// correction without a good reason), then publishes a correction; the commissioner finds both in
// the published reports, reads the current one with small numbers hidden ("[c]"), downloads its
// CSV, and is sent from the live report to the editions.
//
// Run: npm run build && node --test e2e/editions.test.mjs   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, bannerSays, heading, openMenu, sharedServerAndBrowser } from './browser.mjs';

const e2e = sharedServerAndBrowser();

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Today in London, as numbers. */
function londonToday() {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
  const [y, m] = day.split('-').map(Number);
  return { y, m };
}

/** Last calendar month, which has ended, and this one, which has not. */
function months() {
  const { y, m } = londonToday();
  const [ly, lm] = m === 1 ? [y - 1, 12] : [y, m - 1];
  const pad = (n) => String(n).padStart(2, '0');
  return {
    last: { year: String(ly), month: pad(lm), words: `${MONTHS[lm - 1]} ${ly}` },
    current: { year: String(y), month: pad(m), words: `${MONTHS[m - 1]} ${y}` },
  };
}

describe('published editions', () => {
  test('the co-ordinator publishes an edition and a correction; the commissioner reads them', async (t) => {
    const { last, current } = months();
    const url = e2e.server.url;
    let firstId = '';
    let correctionId = '';

    // ---- The co-ordinator: from the menu's reports to the published ones, none yet.
    const coord = await e2e.signedIn(t, 'coordinator');
    {
      const { page } = coord;
      const menu = await openMenu(page);
      await menu.getByRole('list', { name: 'Reports', exact: true }).getByRole('link', { name: 'Published reports' }).click();
      await page.waitForURL(`${url}/editions`);
      assert.equal(await heading(page), 'Published reports');
      await page.getByText('No report has been published yet.').waitFor();
      await page.getByRole('link', { name: 'Live report, any period' }).waitFor();
      await assertAccessible(page, 'the empty list of published reports');

      await page.getByRole('link', { name: 'Publish an edition' }).click();
      await page.waitForURL(`${url}/editions/publish`);
      assert.equal(await heading(page), 'Publish an edition');

      // Nothing chosen: the browser's own check, in the error summary, linked to the question.
      await page.getByRole('button', { name: 'Continue' }).click();
      const summary = page.locator('.error-summary');
      await summary.getByRole('link', { name: 'Choose monthly or half-yearly' }).waitFor();
      assert.match(await page.title(), /^Error: /);
      await assertAccessible(page, 'the publish form with an error');
      await summary.getByRole('link', { name: 'Choose monthly or half-yearly' }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'kind');

      // This month has not ended: the server says so, by the month question.
      const which = page.getByRole('group', { name: 'Which report?' });
      await which.getByLabel('Monthly').check();
      await page.getByRole('combobox', { name: 'Month' }).selectOption(current.month);
      await page.getByRole('combobox', { name: 'Year' }).selectOption(current.year);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { level: 1, name: 'Check your answers before publishing' }).waitFor();
      await page.getByRole('button', { name: 'Publish the edition' }).click();
      await summary.getByRole('link', { name: /That period has not ended yet/ }).waitFor();
      await page.locator('#from-month-error').getByText('That period has not ended yet').waitFor();
      await assertAccessible(page, 'the publish form with the server’s error');

      // Last month, with two tables besides the totals; check the answers, change one, publish.
      await page.getByRole('combobox', { name: 'Month' }).selectOption(last.month);
      await page.getByRole('combobox', { name: 'Year' }).selectOption(last.year);
      const tables = page.getByRole('group', { name: 'Tables besides the totals' });
      await tables.getByLabel('Month', { exact: true }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      const answers = page.locator('dl.summary-list');
      await answers.getByText(last.words, { exact: true }).waitFor();
      await answers.getByText('All cases, by month', { exact: true }).waitFor();
      await assertAccessible(page, 'check your answers');
      await page.getByRole('button', { name: 'Change the tables' }).click();
      await tables.getByLabel('Area', { exact: true }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await answers.getByText('All cases, by month, by area', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Publish the edition' }).click();
      await page.waitForURL(/\/editions\/[0-9a-f-]{36}$/);
      firstId = page.url().split('/').pop() ?? '';
      await bannerSays(page, `The edition for ${last.words} is published.`);
      await page.getByRole('heading', { level: 1, name: last.words, exact: true }).waitFor();
      await page.getByText('[c]: hidden so that no one can be identified').waitFor();
      for (const name of ['All cases', 'By month', 'By area']) {
        await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
      }
      await page.getByRole('table', { name: 'Referrals', exact: true }).waitFor();
      await page.getByRole('table', { name: 'Referrals, by area' }).waitFor();
      await assertAccessible(page, 'a published edition', { strict: true });

      // The same period again: the server refuses, and the form links to what is published.
      await page.goto(`${url}/editions/publish`);
      await page.getByRole('group', { name: 'Which report?' }).getByLabel('Monthly').check();
      await page.getByRole('combobox', { name: 'Month' }).selectOption(last.month);
      await page.getByRole('combobox', { name: 'Year' }).selectOption(last.year);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('button', { name: 'Publish the edition' }).click();
      await summary.getByText(/already published/).waitFor();
      await page.getByRole('link', { name: `edition already published for ${last.words}` }).click();
      await page.waitForURL(`${url}/editions/${firstId}`);

      // A correction asks why; the server wants 10 characters at least.
      await page.getByRole('link', { name: 'Publish a correction' }).click();
      await page.waitForURL(`${url}/editions/${firstId}/correct`);
      await page.getByRole('heading', { level: 1, name: 'Publish a correction' }).waitFor();
      await page.getByRole('button', { name: 'Continue' }).click();
      await summary.getByRole('link', { name: 'Say why the edition is corrected' }).waitFor();
      await page.getByLabel('Why is it corrected?').fill('Typo fix');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('button', { name: 'Publish the correction' }).click();
      await summary.getByRole('link', { name: /in 10 to 1,000 characters/ }).waitFor();
      await assertAccessible(page, 'the correction form with the server’s error');
      await page.getByLabel('Why is it corrected?').fill('Two referrals were recorded against the wrong area.');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator('dl.summary-list').getByText('Two referrals were recorded against the wrong area.').waitFor();
      await page.getByRole('button', { name: 'Publish the correction' }).click();
      await page.waitForURL((u) => /\/editions\/[0-9a-f-]{36}$/.test(u.pathname) && !u.pathname.endsWith(firstId));
      correctionId = page.url().split('/').pop() ?? '';
      await bannerSays(page, `The correction for ${last.words} is published.`);
      await page.getByRole('link', { name: `The earlier edition for ${last.words}` }).click();
      await page.waitForURL(`${url}/editions/${firstId}`);
      await page.getByText('A correction has replaced this edition.').waitFor();
      assert.equal(await page.getByRole('link', { name: 'Publish a correction' }).count(), 0);
      await assertAccessible(page, 'a replaced edition');
      coord.assertClean();
    }

    // ---- The commissioner reads them: the correction is current, the first one replaced.
    {
      const { page, assertClean } = await e2e.signedIn(t, 'commissioner');
      await page.getByRole('link', { name: 'Performance reports' }).click();
      await page.waitForURL(`${url}/editions`);
      assert.equal(await page.getByRole('link', { name: 'Publish an edition' }).count(), 0);
      assert.equal(await page.getByRole('link', { name: 'Live report, any period' }).count(), 0);
      const items = page.locator('.record-list__item');
      await items.first().waitFor();
      assert.equal(await items.count(), 2);
      // Newest first: the correction, with its reason; then the edition it replaced.
      await items.nth(0).getByText('Current', { exact: true }).waitFor();
      await items.nth(0).getByText('Two referrals were recorded against the wrong area.').waitFor();
      await items.nth(1).getByText('Replaced by a correction').waitFor();
      await assertAccessible(page, 'the commissioner’s published reports');

      await items.nth(0).getByRole('link', { name: last.words, exact: true }).click();
      await page.waitForURL(`${url}/editions/${correctionId}`);
      await page.getByRole('heading', { level: 1, name: last.words, exact: true }).waitFor();
      await page.getByText('[c]: hidden so that no one can be identified').waitFor();
      await page.getByRole('table', { name: 'Referrals, by month' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Publish a correction' }).count(), 0);
      await assertAccessible(page, 'the commissioner’s edition', { strict: true });

      // The CSV and the printable page, with the session cookie.
      const csv = await page.context().request.get(`${url}${await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')}`);
      assert.equal(csv.status(), 200);
      assert.match(await csv.text(), /^All cases,referrals,received,total,/m);
      const print = await page.context().request.get(`${url}${await page.getByRole('link', { name: 'Printable page' }).getAttribute('href')}`);
      assert.equal(print.status(), 200);
      assert.match(await print.text(), /\[c\]: hidden so that no one can be identified/);

      // No live report for the commissioner: not in the menu, and an old link opens the editions.
      const menu = await openMenu(page);
      assert.equal(await menu.getByRole('link', { name: 'Reports', exact: true }).count(), 0);
      await menu.getByRole('link', { name: 'Published reports' }).waitFor();
      await page.goto(`${url}/reports`);
      await page.waitForURL(`${url}/editions`);
      assert.equal(await heading(page), 'Published reports');
      // Nor may they publish.
      await page.goto(`${url}/editions/publish`);
      assert.equal(await heading(page), 'You cannot use this page');
      assertClean();
    }
  });
});
