// The public pages in the county's languages (issue #18) in a real browser against the real
// server, on a phone-sized screen with axe on every page: someone opens the public page,
// switches it to Polish with the language switcher, and refers themselves in Polish page by page
// (a check's message, e-mail as the way of contact, a safe time to call, "check your answers",
// switching language in the middle without losing anything) to the confirmation in Polish; the
// acknowledgement e-mail in the server's outbox is in Polish too, rendered by the server from
// the same locales/pl.ftl. Then `?lang=ru` opens the page in Russian, Easy Read is English to
// the browser (`lang="en-GB"`, the whole app's), and staff screens stay English.
//
// The words expected are read from locales/*.ftl with @fluent/bundle, as the app reads them.
//
// Run: npm run build && node --test e2e/languages.test.mjs   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { assertAccessible, heading, openPhone, signIn, sharedServerAndBrowser } from './browser.mjs';
import { demoEmail } from './server.mjs';

// The acknowledgement is e-mailed only within the person's safe times (R-ST-4): the server's
// clock is a Wednesday evening, UK time, and they say weekday evenings are safe.
const e2e = sharedServerAndBrowser({ testClock: true });
const WEDNESDAY_EVENING = '2027-07-14T17:30:00Z'; // 18:30 in London (BST)

const LOCALES = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'locales');

/**
 * Message `key` ("id" or "id.attribute") of locales/<code>.ftl, as the app formats it.
 * @param {string} code
 */
function wordsOf(code) {
  const bundle = new FluentBundle(code.split('-x-')[0], { useIsolating: false });
  bundle.addResource(new FluentResource(readFileSync(resolve(LOCALES, `${code}.ftl`), 'utf8')));
  /**
   * @param {string} key
   * @param {Record<string, string | number>} [args]
   */
  return (key, args) => {
    const [id, attribute] = key.split('.');
    const message = bundle.getMessage(id);
    const pattern = attribute ? message?.attributes[attribute] : message?.value;
    assert.ok(pattern, `${code}.ftl has ${key}`);
    return bundle.formatPattern(pattern, args);
  };
}

const en = wordsOf('en');
const pl = wordsOf('pl');
const ru = wordsOf('ru');
const easy = wordsOf('en-x-easyread');

/** "It is <strong>free</strong>." as the page shows it. */
const plain = (text) => text.replace(/<\/?strong>/g, '');

/** The languages the switcher offers, each named in its own language. */
const SWITCHER = [
  { name: 'English', lang: 'en-GB', hreflang: 'en' },
  { name: 'Easy Read', lang: 'en-GB', hreflang: 'en-x-easyread' },
  { name: 'Polski', lang: 'pl', hreflang: 'pl' },
  { name: 'Lietuvių', lang: 'lt', hreflang: 'lt' },
  { name: 'Română', lang: 'ro', hreflang: 'ro' },
  { name: 'Português', lang: 'pt', hreflang: 'pt' },
  { name: 'Русский', lang: 'ru', hreflang: 'ru' },
];

const unique = Date.now().toString(36).toUpperCase();
const person = {
  name: `Zofia Nowak ${unique}`,
  email: `zofia.${unique.toLowerCase()}@example.org`,
  safeTimes: `Nie w czwartki (${unique})`,
};

/** The page's language, as the browser (and a screen reader) reads it. */
const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);

/**
 * An e-mail header's value, unfolded and with its RFC 2047 encoded words decoded (the bytes of
 * adjacent words together: a character may be split between two).
 * @param {string} mail
 * @param {string} name
 */
function header(mail, name) {
  const head = mail.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  assert.ok(line, `the e-mail has a ${name} header`);
  const word = /=\?([^?]+)\?([bq])\?([^?]*)\?=/gi;
  /** @param {string} encoding @param {string} text */
  const bytesOf = (encoding, text) =>
    encoding.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, /** @type {string} */ hex) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        );
  return line
    .slice(name.length + 1)
    .trim()
    .replace(/=\?[^?]+\?[bq]\?[^?]*\?=(?:\s*=\?[^?]+\?[bq]\?[^?]*\?=)*/gi, (run) => {
      const words = [...run.matchAll(word)];
      const bytes = Buffer.concat(words.map((w) => bytesOf(w[2], w[3])));
      return new TextDecoder(words[0][1]).decode(bytes);
    });
}

describe('languages', () => {
  test('someone switches the public page to Polish, refers themselves in Polish and is acknowledged in Polish', async (t) => {
    await e2e.setClock(WEDNESDAY_EVENING);
    const { page, assertClean } = await openPhone(e2e.browser, t);
    const here = (path = '') => `${e2e.server.url}/refer-yourself${path}`;
    const switcher = () => page.getByRole('navigation', { name: pl('language-switcher') });
    const next = async (path) => {
      await page.getByRole('button', { name: pl('continue'), exact: true }).click();
      await page.waitForURL(here(path));
      assert.equal(await htmlLang(page), 'pl', `${path} is in Polish`);
    };

    // In English first (the browser asks for en-GB), with every language offered near the top.
    await page.goto(`${e2e.server.url}/`);
    assert.equal(await heading(page), en('home-heading'));
    assert.equal(await htmlLang(page), 'en-GB');
    const languages = page.getByRole('navigation', { name: en('language-switcher') });
    const links = languages.getByRole('link');
    assert.equal(await links.count(), SWITCHER.length);
    for (const [i, want] of SWITCHER.entries()) {
      const link = links.nth(i);
      assert.equal((await link.textContent())?.trim(), want.name);
      assert.equal(await link.getAttribute('lang'), want.lang, `${want.name}'s lang`);
      assert.equal(await link.getAttribute('hreflang'), want.hreflang, `${want.name}'s hreflang`);
      assert.equal(await link.getAttribute('aria-current'), want.name === 'English' ? 'true' : null);
    }
    // After "Exit this page" and the emergency line.
    /** Whether `first` comes before `second` on the page. */
    const precedes = async (first, second) =>
      first.evaluate((a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING), await second.elementHandle());
    assert.equal(await precedes(page.getByText(en('emergency'), { exact: true }), languages), true, 'after the emergency line');
    assert.equal(await precedes(languages, page.locator('h1')), true, 'above the heading');

    // Polski.
    await languages.getByRole('link', { name: 'Polski' }).click();
    await page.waitForURL(`${e2e.server.url}/?lang=pl`);
    await page.getByRole('heading', { level: 1, name: pl('home-heading') }).waitFor();
    assert.notEqual(pl('home-heading'), en('home-heading'));
    assert.equal(await htmlLang(page), 'pl');
    assert.equal(await page.title(), `${pl('home-title')} – RJ Hub`);
    assert.equal(await switcher().getByRole('link', { name: 'Polski' }).getAttribute('aria-current'), 'true');
    assert.equal(await switcher().getByRole('link', { name: 'English' }).getAttribute('aria-current'), null);
    await page.getByText(plain(pl('home-who-free')), { exact: true }).waitFor();
    await page.getByText(pl('emergency')).waitFor();
    await page.getByRole('button', { name: pl('exit-this-page') }).waitFor();
    await page.getByRole('link', { name: pl('home-staff') }).waitFor();
    await page.getByRole('link', { name: pl('skip-link') }).waitFor({ state: 'attached' });
    await assertAccessible(page, 'the public page in Polish');

    await page.getByRole('link', { name: pl('home-start') }).click();
    await page.waitForURL(here());

    // 1. How you were affected, with this page's check in Polish.
    assert.equal(await htmlLang(page), 'pl', 'the choice is kept from page to page');
    assert.equal(await heading(page), pl('page-affected'));
    assert.equal(await page.title(), `${pl('refer-title', { page: pl('page-affected') })} – RJ Hub`);
    assert.equal(await page.getByRole('link', { name: pl('back'), exact: true }).getAttribute('href'), '/');
    await page.getByRole('button', { name: pl('continue'), exact: true }).click();
    const summary = page.locator('.error-summary');
    await summary.getByRole('heading', { name: pl('error-summary-title') }).waitFor();
    assert.equal(await summary.getByRole('link', { name: pl('error-role') }).getAttribute('href'), '#role');
    await page.locator('#role-error').getByText(pl('error-role')).waitFor();
    assert.equal(await page.title(), pl('title-error', { title: `${pl('refer-title', { page: pl('page-affected') })} – RJ Hub` }));
    await assertAccessible(page, 'how you were affected, in Polish, with an error');
    await page.getByLabel(pl('role-victim')).check();
    await next('/what-happened');

    // 2. What happened: the service's lists in Polish (a place's name stays as it is).
    assert.equal(await heading(page), pl('page-what-happened'));
    await page.locator('#offenceCategory option[value="theft"]').waitFor({ state: 'attached' });
    await page.getByLabel(pl('offence-category')).selectOption({ label: pl('list-offenceCategories-theft') });
    await page.getByLabel(pl('area')).selectOption({ label: 'Fenland' });
    await page.getByRole('group', { name: pl('reported') }).getByLabel(pl('not-sure')).check();
    await assertAccessible(page, 'what happened, in Polish');
    await next('/person-responsible');

    // 3. The person responsible.
    assert.equal(await heading(page), pl('page-person-responsible'));
    await page.getByLabel(pl('no'), { exact: true }).check();
    await page.getByLabel(pl('contact-if-identified')).check();
    await assertAccessible(page, 'the person responsible, in Polish');
    await next('/your-name');

    // 4. Your name.
    assert.equal(await heading(page), pl('page-name'));
    await page.getByLabel(pl('page-name')).fill(person.name);
    await assertAccessible(page, 'your name, in Polish');
    await next('/contact');

    // 5. How we may contact you: e-mail, a safe time, no messages, and discretion (R-ST-4).
    assert.equal(await heading(page), pl('page-contact'));
    const channels = page.getByRole('group', { name: pl('channels') });
    await channels.getByLabel(pl('channel-EMAIL'), { exact: true }).check();
    await page.getByLabel(pl('email'), { exact: true }).fill('zofia-at-example');
    await page.getByRole('button', { name: pl('continue'), exact: true }).click();
    await summary.getByRole('link', { name: pl('error-email-format') }).waitFor();
    await assertAccessible(page, 'how we may contact you, in Polish, with an error');
    await page.getByLabel(pl('email'), { exact: true }).fill(person.email);
    const windows = page.getByRole('group', { name: pl('safe-windows') });
    await windows.getByText(pl('safe-windows.hint')).waitFor();
    await windows.getByLabel(pl('window-weekday-evenings')).check();
    await page.getByLabel(pl('safe-times')).fill(person.safeTimes);
    await page.getByRole('group', { name: pl('may-leave-message') }).getByLabel(pl('no'), { exact: true }).check();
    await page.getByRole('group', { name: pl('say-who-we-are') }).getByLabel(pl('no'), { exact: true }).check();
    await assertAccessible(page, 'how we may contact you, in Polish');

    // Switching language keeps the page and the answers, and back again.
    await switcher().getByRole('link', { name: 'English' }).click();
    await page.waitForURL(here('/contact?lang=en'));
    await page.getByRole('heading', { level: 1, name: en('page-contact') }).waitFor();
    assert.equal(await htmlLang(page), 'en-GB');
    assert.equal(await page.getByLabel(en('email'), { exact: true }).inputValue(), person.email);
    assert.equal(await page.getByLabel(en('window-weekday-evenings')).isChecked(), true);
    await page.getByRole('navigation', { name: en('language-switcher') }).getByRole('link', { name: 'Polski' }).click();
    await page.waitForURL(here('/contact?lang=pl'));
    await page.getByRole('heading', { level: 1, name: pl('page-contact') }).waitFor();
    assert.equal(await htmlLang(page), 'pl');
    assert.equal(await page.getByLabel(pl('safe-times')).inputValue(), person.safeTimes);
    await next('/language-and-support');

    // 6. Language and support: the languages' names in Polish.
    assert.equal(await heading(page), pl('page-support'));
    await page.locator('#preferredLanguage option[value="pl"]').waitFor({ state: 'attached' });
    await page.getByLabel(pl('language')).selectOption({ label: pl('list-languages-pl') });
    await page.getByLabel(pl('interpreter')).check();
    await assertAccessible(page, 'language and support, in Polish');
    await next('/check-your-answers');

    // 7. Check your answers, in Polish, with "Change" saying what it changes.
    assert.equal(await heading(page), pl('page-check'));
    const answer = (key) =>
      page
        .locator('.summary-list__row')
        .filter({ has: page.locator('dt').getByText(key, { exact: true }) })
        .locator('dd')
        .first();
    const shown = async (key) => (await answer(key).textContent())?.trim();
    assert.equal(await shown(pl('row-role')), pl('role-victim'));
    assert.equal(await shown(pl('row-offence-category')), pl('list-offenceCategories-theft'));
    assert.equal(await shown(pl('row-area')), 'Fenland');
    assert.equal(await shown(pl('row-reported')), pl('not-sure'));
    assert.equal(await shown(pl('row-offender-known')), pl('no'));
    assert.equal(await shown(pl('row-contact-if-identified')), pl('yes'));
    assert.equal(await shown(pl('row-name')), person.name);
    assert.equal(await shown(pl('row-channels')), pl('channel-EMAIL'));
    assert.equal(await shown(pl('row-email')), person.email);
    assert.equal(await shown(pl('row-safe-windows')), pl('window-weekday-evenings'));
    assert.equal(await shown(pl('row-safe-times')), person.safeTimes);
    assert.equal(await shown(pl('row-may-leave-message')), pl('no'));
    assert.equal(await shown(pl('row-say-who-we-are')), pl('no'));
    assert.equal(await shown(pl('row-language')), pl('list-languages-pl'));
    assert.equal(await shown(pl('row-interpreter')), pl('yes'));
    assert.equal(await shown(pl('row-summary')), pl('not-answered'));
    await page.getByRole('heading', { level: 2, name: pl('answers-about-you') }).waitFor();
    await assertAccessible(page, 'check your answers, in Polish');

    const change = page.getByRole('link', { name: `${pl('change')} ${pl('row-name.change')}`, exact: true });
    await change.click();
    await page.waitForURL(here('/your-name?return=check'));
    assert.equal(await heading(page), pl('page-name'));
    assert.equal(await page.getByLabel(pl('page-name')).inputValue(), person.name);
    await next('/check-your-answers');
    await next('/send');

    // 8. Send.
    assert.equal(await heading(page), pl('page-send'));
    await page.getByLabel(pl('consent')).check();
    await assertAccessible(page, 'send your referral, in Polish');
    // The referral says which language it was made in.
    const sending = page.waitForRequest((r) => /SubmitSelfReferral/.test(r.postData() ?? ''));
    await page.getByRole('button', { name: pl('send'), exact: true }).click();
    const sent = JSON.parse((await sending).postData() ?? '{}').variables.input;
    assert.equal(sent.locale, 'pl');
    assert.equal(sent.person.locale, 'pl');
    assert.deepEqual(sent.person.safeWindows, [{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], from: '17:00', to: '20:00' }]);
    assert.equal(sent.person.discreet, true);

    // The confirmation, in Polish: the page's own "what happens next" (the server's is English).
    await page.getByRole('heading', { level: 1, name: pl('page-sent') }).waitFor();
    assert.equal(await htmlLang(page), 'pl');
    const reference = (await page.locator('.reference').textContent())?.trim() ?? '';
    assert.match(reference, /^RJ\d{2}-[0-9A-Z]{5}$/);
    assert.equal(await page.title(), `${pl('page-sent')} – RJ Hub`);
    await page.getByText(pl('sent-email')).waitFor();
    await page.getByText(pl('sent-next')).waitFor();
    await page.getByText(plain(pl('sent-quote', { reference })), { exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: pl('sent-next-heading') }).waitFor();
    const text = await page.locator('#main-content').innerText();
    assert.equal(text.includes('Thank you. The RJ co-ordinator'), false, 'not the server’s English');
    for (const value of [person.name, person.email, person.safeTimes]) {
      assert.equal(text.includes(value), false, `the confirmation shows "${value}"`);
    }
    await assertAccessible(page, 'the confirmation, in Polish');
    assertClean();

    // What the server keeps: the safe time, discretion.
    const coordinator = await openPhone(e2e.browser, t);
    await coordinator.page.goto(`${e2e.server.url}/sign-in`);
    await signIn(coordinator.page, demoEmail('coordinator'));
    await coordinator.page.waitForURL(`${e2e.server.url}/`);
    assert.equal(await htmlLang(coordinator.page), 'en-GB', 'staff screens are English');
    const answerOf = await coordinator.page.evaluate(async (r) => {
      const res = await fetch('/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            'query($r: String!) { triage(filter: { reference: $r }) { nodes { case { participants { person { locale discreet mayLeaveMessage safeTimes safeWindows { days from to } } } } } } }',
          variables: { r },
        }),
      });
      return res.json();
    }, reference);
    assert.equal(answerOf.errors, undefined, JSON.stringify(answerOf.errors));
    const kept = answerOf.data.triage.nodes[0].case.participants[0].person;
    assert.equal(kept.discreet, true);
    assert.equal(kept.mayLeaveMessage, false);
    assert.equal(kept.safeTimes, person.safeTimes);
    assert.deepEqual(kept.safeWindows, [{ days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], from: '17:00', to: '20:00' }]);

    // ---- THE SERVER'S SIDE (issue #18) -------------------------------------------------------
    // The server writes in Polish: it kept the referral's language, and the acknowledgement
    // e-mail's subject is the `ack-email-subject` message of locales/pl.ftl with the reference.
    // This needs a server (RJHUB_BIN) built with locales/pl.ftl, which renders its messages from
    // locales/: one that does not write Polish yet refuses `locale: "pl"` (the page then sends
    // the referral without it, and these fail).
    assert.equal(kept.locale, 'pl', 'the server kept the language the referral was made in');
    const mail = await e2e.server.waitForMail(person.email);
    assert.ok(mail.includes(reference), 'the acknowledgement carries the reference');
    assert.equal(header(mail, 'Subject'), pl('ack-email-subject', { reference }), 'the acknowledgement’s subject is in Polish');
    assert.notEqual(pl('ack-email-subject', { reference }), en('ack-email-subject', { reference }));
  });

  test('?lang=ru opens the public page in Russian, Easy Read is English to the browser, and staff screens stay English', async (t) => {
    const { page, assertClean } = await openPhone(e2e.browser, t);

    await page.goto(`${e2e.server.url}/?lang=ru`);
    await page.getByRole('heading', { level: 1, name: ru('home-heading') }).waitFor();
    assert.equal(await htmlLang(page), 'ru');
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
    assert.equal(await page.title(), `${ru('home-title')} – RJ Hub`);
    const switcher = page.getByRole('navigation', { name: ru('language-switcher') });
    assert.equal(await switcher.getByRole('link', { name: 'Русский' }).getAttribute('aria-current'), 'true');
    await page.getByRole('button', { name: ru('exit-this-page') }).waitFor();
    await assertAccessible(page, 'the public page in Russian');

    // The self-referral keeps the language, and its checks speak it.
    await page.getByRole('link', { name: ru('home-start') }).click();
    await page.waitForURL(`${e2e.server.url}/refer-yourself`);
    assert.equal(await heading(page), ru('page-affected'));
    assert.equal(await htmlLang(page), 'ru');
    await page.getByRole('button', { name: ru('continue'), exact: true }).click();
    await page.locator('.error-summary').getByRole('link', { name: ru('error-role') }).waitFor();
    await assertAccessible(page, 'how you were affected, in Russian, with an error');

    // Easy Read: its own words, English to the browser and to screen readers.
    await switcher.getByRole('link', { name: 'Easy Read' }).click();
    await page.waitForURL(`${e2e.server.url}/refer-yourself?lang=en-x-easyread`);
    await page.getByRole('heading', { level: 1, name: easy('page-affected') }).waitFor();
    assert.notEqual(easy('page-affected'), en('page-affected'));
    assert.equal(await htmlLang(page), 'en-GB', 'Easy Read is English (British, as the whole app)');
    assert.equal(
      await page.getByRole('navigation', { name: easy('language-switcher') }).getByRole('link', { name: 'Easy Read' }).getAttribute('aria-current'),
      'true',
    );
    await assertAccessible(page, 'how you were affected, in Easy Read');
    await page.goto(`${e2e.server.url}/`);
    await page.getByRole('heading', { level: 1, name: easy('home-heading') }).waitFor();
    await assertAccessible(page, 'the public page in Easy Read');

    // Staff sign in: English, whatever the public pages were in.
    await page.goto(`${e2e.server.url}/?lang=pl`);
    await page.getByRole('heading', { level: 1, name: pl('home-heading') }).waitFor();
    await page.getByRole('link', { name: pl('home-staff') }).click();
    await page.waitForURL(`${e2e.server.url}/sign-in`);
    await page.getByLabel('Email address').waitFor();
    assert.equal(await htmlLang(page), 'en-GB');
    assert.equal(await page.getByRole('navigation', { name: pl('language-switcher') }).count(), 0);
    await assertAccessible(page, 'the sign-in page after a Polish public page');
    assertClean();
  });
});
