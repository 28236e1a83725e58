// The facilitator's own profile, in a real browser against the real server on a phone-sized
// screen with axe on every state: the demo volunteer opens it from her home page, adds a language
// and says how well she speaks it (asked for in the browser if not given), a free evening, a
// different case load, cultural and community knowledge and dates away; an error the server
// finds (too long an answer) is shown by its field; a saved profile is still there after reload.
//
// Run: npm run build && node --test e2e/profile.test.mjs   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, openMenu, sharedServerAndBrowser } from './browser.mjs';

const e2e = sharedServerAndBrowser();

describe('the facilitator profile', () => {
  test('a facilitator edits her profile and it is kept', async (t) => {
    const { page, assertClean } = await e2e.signedIn(t, 'volunteer');

    // One tap from home, and in the menu.
    const menu = await openMenu(page);
    await menu.getByRole('link', { name: 'Your profile' }).waitFor();
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.locator('main').getByRole('link', { name: 'Your profile' }).click();
    await page.waitForURL(`${e2e.server.url}/profile`);
    await page.getByRole('heading', { level: 1, name: 'Your facilitator profile' }).waitFor();
    const languages = page.getByRole('group', { name: 'Languages you can run a case in' });
    await languages.getByRole('checkbox').first().waitFor();
    await assertAccessible(page, 'the profile page');

    // A language she has not ticked yet.
    const boxes = languages.getByRole('checkbox');
    let added = '';
    for (let i = 0; i < (await boxes.count()); i++) {
      const box = boxes.nth(i);
      if (!(await box.isChecked())) {
        const id = await box.getAttribute('id');
        added = ((await page.locator(`label[for="${id}"]`).textContent()) ?? '').trim();
        await box.check();
        break;
      }
    }
    assert.ok(added, 'a language to add');
    // Ticking it asks how well (a question revealed under it).
    const level = page.getByLabel(`How well do you speak ${added}?`);
    await level.waitFor();
    assert.equal(await level.inputValue(), '', 'not chosen yet');
    await page.getByLabel('Saturday evening').check();
    await page.getByLabel('How many cases can you work on at a time?').fill('3');
    await page.getByRole('group', { name: 'Are you taking new cases?' }).getByLabel('Yes, offer me cases').check();

    // Dates away: checked in the browser first.
    await page.getByRole('button', { name: 'Add dates you are away' }).click();
    const first = page.getByLabel('First day');
    assert.equal(await first.evaluate((el) => el === document.activeElement), true, 'focus moves to the new dates');
    await first.fill('2027-08-10');
    await page.getByLabel('Last day').fill('2027-08-01');
    await page.getByLabel('Note (optional)').fill('On holiday');

    // The server's own check: too long an answer, shown by its field.
    const knowledge = page.getByLabel('Cultural knowledge (optional)');
    await knowledge.fill('x'.repeat(2001));
    await page.getByLabel('Community knowledge (optional)').fill('Fenland traveller sites');
    await page.getByRole('button', { name: 'Save your profile' }).click();
    await page.locator('.error-summary').getByText('The last day must be the same as or after the first day').waitFor();
    await page.locator('.error-summary').getByRole('link', { name: `Choose how well you speak ${added}` }).click();
    assert.equal(await level.evaluate((el) => el === document.activeElement), true, 'the link focuses the question');
    assert.equal(await page.title(), 'Error: Your facilitator profile – RJ Hub');
    await assertAccessible(page, 'the profile page with a language to grade');
    await level.selectOption({ label: 'Working: can hold a conversation' });
    await page.getByLabel('Last day').fill('2027-08-24');
    await page.getByRole('button', { name: 'Save your profile' }).click();
    const summary = page.locator('.error-summary');
    await summary.getByText('2000 characters or fewer').waitFor();
    await page.locator('#profile-cultural-knowledge-error').getByText('2000 characters or fewer').waitFor();
    // The summary links to the field it is about.
    await summary.getByRole('link', { name: /2000 characters or fewer/ }).click();
    assert.equal(await knowledge.evaluate((el) => el === document.activeElement), true, 'the link focuses the field');
    await assertAccessible(page, 'the profile page with an error from the server');

    await knowledge.fill('Polish community in Peterborough');
    await page.getByRole('button', { name: 'Save your profile' }).click();
    const banner = page.locator('.notification-banner');
    await banner.getByText('Your profile has been saved.').waitFor();
    assert.equal(await banner.evaluate((el) => el === document.activeElement), true, 'the success banner takes focus');
    assert.equal(await page.locator('.error-summary').count(), 0);
    await assertAccessible(page, 'the profile page after saving');

    // Kept on the server: a fresh read shows every answer.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your facilitator profile' }).waitFor();
    await languages.getByLabel(added, { exact: true }).waitFor();
    assert.equal(await languages.getByLabel(added, { exact: true }).isChecked(), true, `${added} is kept`);
    assert.equal(await level.inputValue(), 'WORKING', 'with how well she speaks it');
    assert.equal(await page.getByLabel('Community knowledge (optional)').inputValue(), 'Fenland traveller sites');
    assert.equal(await page.getByLabel('Saturday evening').isChecked(), true);
    assert.equal(await page.getByLabel('How many cases can you work on at a time?').inputValue(), '3');
    assert.equal(await knowledge.inputValue(), 'Polish community in Peterborough');
    assert.equal(await page.getByLabel('First day').inputValue(), '2027-08-10');
    assert.equal(await page.getByLabel('Last day').inputValue(), '2027-08-24');
    assert.equal(await page.getByLabel('Note (optional)').inputValue(), 'On holiday');
    assertClean();
  });

  test('only facilitators have a profile page', async (t) => {
    const { page } = await e2e.signedIn(t, 'referrer');
    await page.goto(`${e2e.server.url}/profile`);
    await page.getByRole('heading', { level: 1, name: 'You cannot use this page' }).waitFor();
  });
});
