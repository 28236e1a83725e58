// Shared by the browser tests: Debian's Chromium on a phone-sized screen, axe for WCAG 2.2 AA,
// one server and one browser per test file, and the small steps every test takes (sign in, open
// the menu, wait for the success banner, call the GraphQL API with the page's session).
//
//   const e2e = sharedServerAndBrowser();
//   test('…', async (t) => {
//     const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
//     const data = await pageGraphql(page, '{ me { name } }');
//   });
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import { DEMO_PASSWORD, demoEmail, startServer } from './server.mjs';

/** @typedef {import('playwright-core').Browser} Browser */
/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('node:test').TestContext} TestContext */
/** @typedef {Awaited<ReturnType<typeof startServer>>} Server */

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
 * @param {Browser} browser
 * @param {TestContext} t
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

/**
 * No serious or critical WCAG 2.2 AA violation on the page as it is now, read from its top: axe
 * measures a link partly under a sticky element ("Exit this page" on the public pages) as too
 * small a target when the page happens to be scrolled beneath it. With `strict`, no violation of
 * any rule axe runs, whatever its impact, best practices included (landmarks with names of their
 * own, `landmark-unique`; headings in order).
 * @param {Page} page
 * @param {string} where
 * @param {{ strict?: boolean }} [options]
 */
export async function assertAccessible(page, where, { strict = false } = {}) {
  await page.evaluate(() => window.scrollTo(0, 0));
  const builder = new AxeBuilder({ page });
  const results = await (strict ? builder : builder.withTags(WCAG_TAGS)).analyze();
  const bad = strict ? results.violations : results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe found ${strict ? '' : 'serious or critical WCAG '}violations on ${where}`,
  );
}

export async function heading(page) {
  return (await page.locator('h1').textContent())?.trim();
}

export async function signIn(page, email, password = DEMO_PASSWORD) {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * A fresh phone signed in as a demo user (`'coordinator'`, `'volunteer'`, …) from the sign-in
 * page, once it has landed: on the home page, or on `next` when given (then it is passed to the
 * sign-in page as `?next=`, as when a signed-out user follows a link).
 * @param {Browser} browser
 * @param {{ url: string }} server
 * @param {TestContext} t
 * @param {string} who
 * @param {{ next?: string }} [options]
 */
export async function signedIn(browser, server, t, who, { next } = {}) {
  const phone = await openPhone(browser, t);
  await phone.page.goto(next ? `${server.url}/sign-in?next=${encodeURIComponent(next)}` : `${server.url}/sign-in`);
  await signIn(phone.page, demoEmail(who));
  await phone.page.waitForURL(`${server.url}${next ?? '/'}`);
  return phone;
}

/**
 * One server and one browser for the whole test file: registers the file's `before` (start them)
 * and `after` (stop them) and returns getters for them, with `signedIn` bound to them.
 * With `testClock`, the server reads "now" from a file `setClock` writes (the real time until
 * then). `env` adds to the server's settings; with `localhost` it is browsed as
 * http://localhost:PORT (see startServer: passkeys need a host name).
 * @param {{ testClock?: boolean, env?: Record<string, string>, localhost?: boolean }} [options]
 */
export function sharedServerAndBrowser({ testClock = false, env: extraEnv = {}, localhost = false } = {}) {
  /** @type {Server | undefined} */
  let server;
  /** @type {Browser | undefined} */
  let browser;
  /** @type {string | undefined} */
  let clockDir;

  before(async () => {
    /** @type {Record<string, string>} */
    const env = { ...extraEnv };
    if (testClock) {
      clockDir = await mkdtemp(join(tmpdir(), 'rjhub-e2e-clock-'));
      env.RJHUB_TEST_CLOCK_FILE = join(clockDir, 'now');
    }
    server = await startServer({ env, localhost });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (clockDir) await rm(clockDir, { recursive: true, force: true });
  });

  const started = () => {
    if (!server || !browser) throw new Error('the server and the browser start in before()');
    return { server, browser };
  };

  return {
    get server() {
      return started().server;
    },
    get browser() {
      return started().browser;
    },
    /**
     * {@link signedIn} with this file's server and browser.
     * @param {TestContext} t
     * @param {string} who
     * @param {{ next?: string }} [options]
     */
    signedIn(t, who, options) {
      const { server, browser } = started();
      return signedIn(browser, server, t, who, options);
    },
    /**
     * Sets the server's clock (with `testClock`): an ISO 8601 instant, "2027-07-16T09:00:00Z".
     * @param {string} now
     */
    async setClock(now) {
      if (!clockDir) throw new Error('sharedServerAndBrowser({ testClock: true }) sets the clock');
      await writeFile(join(clockDir, 'now'), now);
    },
  };
}

/**
 * The whole GraphQL answer, `{ data, errors }`, to a request the page sends with its own session.
 * For a call that may fail; {@link pageGraphql} is for one that must not.
 * @param {Page} page
 * @param {string} query
 * @param {Record<string, unknown>} [variables]
 * @returns {Promise<{ data?: any, errors?: any[] }>}
 */
export function pageGraphqlAnswer(page, query, variables = {}) {
  return page.evaluate(
    async ({ query, variables }) => {
      const res = await fetch('/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return res.json();
    },
    { query, variables },
  );
}

/**
 * The data of a GraphQL request the page sends with its own session; fails the test on any error.
 * @param {Page} page
 * @param {string} query
 * @param {Record<string, unknown>} [variables]
 */
export async function pageGraphql(page, query, variables = {}) {
  const answer = await pageGraphqlAnswer(page, query, variables);
  assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
  return answer.data;
}

/** Waits for the success banner App.svelte shows after an action on the page to say `text`. */
export async function bannerSays(page, text) {
  await page.locator('.notification-banner').getByText(text).waitFor();
}

/**
 * Opens a disclosure ("Log a contact") by its summary; on the case page, first the tab of the
 * record it is on (as a user would), if another tab is showing.
 */
export async function openDisclosure(page, summary) {
  const toggle = page.locator('summary', { hasText: summary });
  await showTabOf(page, toggle);
  await toggle.click();
}

/**
 * The case page shows its record a tab at a time ("Overview", "People and consent", "Contacts",
 * "Assessment and risk", "Allocation", "Meetings and outcome", "Complaints"): opens one by name.
 * @param {Page} page
 * @param {string} name
 */
export async function openCaseTab(page, name) {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await page.locator(`#${await tab.getAttribute('aria-controls')}`).waitFor();
}

/**
 * Shows the case page's tab holding this element (which may be in a tab not showing).
 * @param {Page} page
 * @param {import('playwright-core').Locator} locator
 */
export async function showTabOf(page, locator) {
  await locator.first().waitFor({ state: 'attached' });
  if (await locator.first().isVisible()) return;
  const panel = await locator.first().evaluate((el) => el.closest('[role="tabpanel"]')?.id ?? null);
  if (panel) await page.locator(`[role="tab"][aria-controls="${panel}"]`).click();
}

/**
 * The phone header hides the menu behind a button; opened, it lists every group's links (Cases,
 * People and training, Reports, Admin, Your account).
 */
export async function openMenu(page) {
  const button = page.getByRole('button', { name: 'Menu' });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  return page.getByRole('navigation', { name: 'Menu' });
}

/**
 * A member of the public refers themselves, from the public page to the confirmation, page by
 * page with axe on each (the whole journey, with its checks, is in intake.test.mjs). They were
 * harmed themselves and may be e-mailed; `offence` and `area` are labels from the lists.
 * Returns the reference on the confirmation.
 * @param {Page} page
 * @param {{ url: string }} server
 * @param {{ name: string, email: string, offence?: string, area?: string }} answers
 */
export async function referYourself(page, server, { name, email, offence = 'Theft', area = 'Fenland' }) {
  await page.goto(`${server.url}/`);
  await assertAccessible(page, 'the public page');
  await page.getByRole('link', { name: 'Refer yourself' }).click();
  await page.waitForURL(`${server.url}/refer-yourself`);
  const next = async (path, where) => {
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${server.url}/refer-yourself${path}`);
    await assertAccessible(page, where);
  };

  await page.getByLabel('It happened to me').check();
  await next('/what-happened', 'the self-referral: what happened');
  await page.locator('#offenceCategory option[value="theft"]').waitFor({ state: 'attached' });
  await page.getByLabel('What kind of crime or conflict was it?').selectOption({ label: offence });
  await page.getByLabel('Where did it happen?').selectOption({ label: area });
  await next('/person-responsible', 'the self-referral: the person responsible');
  await next('/your-name', 'the self-referral: your name');
  await page.getByLabel('What is your name?').fill(name);
  await next('/contact', 'the self-referral: how we may contact you');
  await page.getByRole('group', { name: 'How can we contact you safely?' }).getByLabel('Email', { exact: true }).check();
  await page.getByLabel('Your email address').fill(email);
  await next('/language-and-support', 'the self-referral: language and support');
  await next('/check-your-answers', 'the self-referral: check your answers');
  await next('/send', 'the self-referral: send');
  await page.getByLabel('I agree that the RJ Hub may contact me').check();
  await page.getByRole('button', { name: 'Send referral' }).click();
  await page.getByRole('heading', { level: 1, name: 'Referral sent' }).waitFor();
  await assertAccessible(page, 'the self-referral confirmation');
  return (await page.locator('.reference').textContent())?.trim() ?? '';
}
