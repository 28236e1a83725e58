// Shared by the browser tests: Debian's Chromium on a phone-sized screen, axe for WCAG 2.2 AA,
// and the small steps every test takes (sign in, open the menu).
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { DEMO_PASSWORD } from './server.mjs';

export const PHONE = { width: 390, height: 844 };
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * A fresh phone-sized browser profile; `assertClean` fails the test on any CSP violation or
 * page error seen so far.
 * @param {import('playwright-core').Browser} browser
 * @param {import('node:test').TestContext} t
 */
export async function openPhone(browser, t) {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  t.after(async () => {
    await context.close();
  });
  return {
    page,
    /** Asserts nothing went wrong in the page so far. */
    assertClean() {
      assert.deepEqual(problems, [], 'the page logged CSP violations or errors');
    },
  };
}

/** No serious or critical WCAG 2.2 AA violation on the page as it is now. */
export async function assertAccessible(page, where) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe found serious or critical WCAG violations on ${where}`,
  );
}

export async function heading(page) {
  return (await page.locator('h1').textContent())?.trim();
}

export async function signIn(page, email, password = DEMO_PASSWORD) {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The phone header hides the menu behind a button. */
export async function openMenu(page) {
  const button = page.getByRole('button', { name: 'Menu' });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  return page.getByRole('navigation', { name: 'Menu' });
}
