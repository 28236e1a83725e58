// The live Reports dashboard in a real browser against the real server, on a phone-sized screen:
// reached from the menu's "Reports" group, and clean under every axe rule, best practices
// included — each section and each table's scrolling region has a name of its own (axe
// `landmark-unique`), for the co-ordinator and for a supervisor, with a breakdown and without.
//
// Run: npm run build && node --test e2e/reports.test.mjs   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, heading, openMenu, sharedServerAndBrowser } from './browser.mjs';

const e2e = sharedServerAndBrowser();

/** Every landmark's role and name on the page: none may repeat. */
function landmarks(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('section[aria-labelledby], [role="region"]')].map((el) => {
      const ids = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
      const name = el.getAttribute('aria-label') ?? ids.map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ');
      return name;
    }),
  );
}

describe('the live report', () => {
  for (const who of ['coordinator', 'supervisor']) {
    test(`the ${who} opens it from the menu; every landmark has a name of its own`, async (t) => {
      const { page, assertClean } = await e2e.signedIn(t, who);
      const menu = await openMenu(page);
      await menu.getByRole('list', { name: 'Reports', exact: true }).getByRole('link', { name: 'Reports', exact: true }).click();
      await page.waitForURL(`${e2e.server.url}/reports`);
      assert.equal(await heading(page), 'Reports');
      await page.getByRole('heading', { level: 2, name: /^Performance, / }).waitFor();
      await page.getByRole('region', { name: /^Table: / }).first().waitFor();
      const names = await landmarks(page);
      assert.ok(names.length > 9, 'sections and tables');
      assert.deepEqual(
        names.filter((n, i) => names.indexOf(n) !== i),
        [],
        'no two landmarks share a name',
      );
      await assertAccessible(page, 'the live report', { strict: true });

      // Broken down by month: the tables' regions say so, and still no two are alike.
      await page.getByLabel('Break the figures down by').selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Show the report' }).click();
      await page.getByRole('region', { name: /^Table: .+, by / }).first().waitFor();
      await assertAccessible(page, 'the live report broken down', { strict: true });
      assertClean();
    });
  }
});
