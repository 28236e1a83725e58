// The safe-contact profile on the staff screens (issue #18, R-ST-4) in a real browser against the
// real server, on a phone-sized screen with axe on every page. Someone refers themselves (by the
// public GraphQL API, as the form sends it) to be e-mailed or phoned only on weekday evenings and
// on Sunday afternoons, with no voicemail, on a Wednesday morning by the server's clock. The
// co-ordinator opens the case: beside the phone number, before the number to call, the server's
// words to know first — "No voicemail", and that it is not a safe time to call now. She changes
// their contact details and safe times on their own page (a phone number the server refuses is
// shown by its field; the Sunday afternoons, none of the form's windows, are shown and kept),
// makes them discreet, written to in Polish with an interpreter, and sees it saved and the new
// words to know before calling. The case's Messages tab, opened from the address the server's
// push notices link to (#messages), shows the acknowledgement e-mail held until the evening.
//
// Run: npm run build && node --test e2e/safe-contact.test.mjs   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, bannerSays, heading, openCaseTab, pageGraphql, sharedServerAndBrowser } from './browser.mjs';

const e2e = sharedServerAndBrowser({ testClock: true });
const WEDNESDAY_MORNING = '2027-07-14T09:30:00Z'; // 10:30 in London (BST)

const unique = Date.now().toString(36).toUpperCase();
const person = {
  name: `Dana Safecall ${unique}`,
  email: `dana.${unique.toLowerCase()}@example.org`,
  phone: '07700 900123',
};

const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI'];

/**
 * The warning's words as seen (without "Before you call:", there for screen readers).
 * @param {import('playwright-core').Locator} warning
 */
const warningWords = async (warning) => (await warning.innerText()).replace(/^Before you call:\s*/, '').trim();

/**
 * A self-referral as the public form sends it, with no session.
 * @param {string} url
 */
async function referByApi(url) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation ($input: SelfReferralFormInput!) { submitSelfReferral(input: $input) { reference acknowledgementSent } }',
      variables: {
        input: {
          role: 'VICTIM',
          person: {
            fullName: person.name,
            email: person.email,
            phone: person.phone,
            contactChannels: ['EMAIL', 'PHONE'],
            mayLeaveMessage: false,
            discreet: false,
            // Weekday evenings (the form's window) and Sunday afternoons (none of the form's).
            safeWindows: [
              { days: WEEKDAYS, from: '17:00', to: '20:00' },
              { days: ['SUN'], from: '14:00', to: '16:00' },
            ],
            locale: 'en',
          },
          offence: { offenceCategory: 'theft', area: 'fenland' },
          consentToContact: true,
          locale: 'en',
        },
      },
    }),
  });
  const answer = await res.json();
  assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
  return answer.data.submitSelfReferral.reference;
}

describe('the safe-contact profile on the staff screens', () => {
  test('the co-ordinator sees what to know before calling, changes the profile and reads the case’s messages', async (t) => {
    await e2e.setClock(WEDNESDAY_MORNING);
    const reference = await referByApi(e2e.server.url);
    assert.match(reference, /^RJ\d{2}-[0-9A-Z]{5}$/);

    const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
    const found = await pageGraphql(page, 'query ($r: String!) { triage(filter: { reference: $r }) { nodes { case { id } } } }', {
      r: reference,
    });
    const caseId = found.triage.nodes[0].case.id;
    const caseUrl = `${e2e.server.url}/cases/${caseId}`;

    // ---- Beside the phone number: what to know before calling, before the number ----------
    await page.goto(`${caseUrl}#people`);
    await page.getByRole('heading', { level: 1, name: reference }).waitFor();
    const card = page.locator('.card', { has: page.getByRole('heading', { level: 3, name: person.name }) });
    const phoneRow = card.locator('.summary-list__row', { has: page.locator('dt', { hasText: /^Phone$/ }) });
    await phoneRow.waitFor();
    const call = phoneRow.getByRole('link', { name: person.phone });
    assert.equal(await call.getAttribute('href'), 'tel:07700900123');
    const first = phoneRow.locator('.warning-text');
    assert.equal(await warningWords(first), 'No voicemail: do not leave a message');
    await phoneRow.getByText(/^Not a safe time to call now: next safe Wed 14 Jul 17:00/).waitFor();
    // The words come before the number to call.
    const order = await phoneRow.evaluate((row) => {
      const warning = row.querySelector('.warning-text');
      const link = row.querySelector('a[href^="tel:"]');
      return warning && link ? warning.compareDocumentPosition(link) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
    });
    assert.ok(order, 'the warning is before the tel: link');
    await card.getByText('Mon to Fri, 17:00 to 20:00', { exact: false }).first().waitFor();
    await assertAccessible(page, 'the case page: people, before calling');

    // ---- Change their contact details and safe times ---------------------------------------
    await card.getByRole('link', { name: `Change contact details and safe times for ${person.name}` }).click();
    await page.waitForURL(`${caseUrl}/people/**/contact`);
    assert.equal(await heading(page), 'Change contact details and safe times');
    assert.equal(await page.title(), 'Change contact details and safe times – RJ Hub');
    // Pre-filled from what the server holds.
    const channels = page.getByRole('group', { name: 'How can the Hub contact them safely?' });
    assert.equal(await channels.getByLabel('Email', { exact: true }).isChecked(), true);
    assert.equal(await channels.getByLabel('Phone call', { exact: true }).isChecked(), true);
    assert.equal(await page.locator('#person-email').inputValue(), person.email);
    assert.equal(await page.locator('#person-phone').inputValue(), person.phone);
    const times = page.getByRole('group', { name: 'When is it safe to contact them?' });
    assert.equal(await times.getByLabel('Weekday evenings (5pm to 8pm)').isChecked(), true);
    assert.equal(await times.getByLabel('Weekday mornings (9am to 12pm)').isChecked(), false);
    // Their Sunday afternoons are none of the form's windows: shown in the server's words, ticked.
    const sunday = times.getByRole('checkbox').nth(4);
    assert.match((await times.locator('label').nth(4).innerText()).trim(), /^Sun\b.*14:00 to 16:00$/);
    assert.equal(await sunday.isChecked(), true);
    const voicemail = page.getByRole('group', { name: 'Can we leave a voicemail?' });
    assert.equal(await voicemail.getByLabel('No', { exact: true }).isChecked(), true);
    const discreet = page.getByLabel('Do not mention restorative justice to anyone else');
    assert.equal(await discreet.isChecked(), false);
    const written = page.getByLabel('Which language should the Hub write to them in?');
    assert.equal(await written.inputValue(), 'en');
    // As the server gives them (English first), each named in itself.
    assert.deepEqual(await written.locator('option').allInnerTexts(), ['English', 'Easy Read', 'Lietuvių', 'Polski', 'Português', 'Română', 'Русский']);
    await assertAccessible(page, 'change contact details and safe times');

    // A phone number the server refuses: its message, by the field and in the summary.
    await page.locator('#person-phone').fill('not a number');
    await page.getByRole('button', { name: 'Save contact details and safe times' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    const summaryLink = summary.locator('a[href="#person-phone"]');
    await summaryLink.waitFor();
    const phoneError = (await page.locator('#person-phone-error').innerText()).replace(/^Error:\s*/, '').trim();
    assert.ok(phoneError.length > 0);
    assert.equal((await summaryLink.innerText()).trim(), phoneError);
    assert.match(await page.title(), /^Error: /);
    await assertAccessible(page, 'change contact details with the server’s error');

    // Weekday evenings (and Sundays, kept), discreet, written to in Polish, with an interpreter.
    await page.locator('#person-phone').fill(person.phone);
    await discreet.check();
    await written.selectOption({ label: 'Polski' });
    await page.locator('#person-preferredLanguage option[value="pl"]').waitFor({ state: 'attached' });
    await page.getByLabel('Preferred language (optional)').selectOption('pl');
    await page.getByLabel('They need an interpreter').check();
    await page.getByRole('button', { name: 'Save contact details and safe times' }).click();
    await bannerSays(page, `${person.name}’s contact details and safe times have been saved.`);
    assert.equal(await page.locator('.error-summary').count(), 0);
    const before = page.locator('section', { has: page.getByRole('heading', { name: 'Before anyone calls them' }) });
    assert.equal(await warningWords(before.locator('.warning-text')), 'No voicemail: do not leave a message');
    await before.getByText('Do not mention restorative justice to anyone else who answers or sees a message').waitFor();
    await before.getByText('Needs an interpreter (pl)').waitFor();
    await before.getByText(/^Not a safe time to call now: next safe Wed 14 Jul 17:00/).waitFor();
    // The form shows what was saved.
    assert.equal(await discreet.isChecked(), true);
    assert.equal(await written.inputValue(), 'pl');
    assert.equal(await times.getByRole('checkbox').nth(4).isChecked(), true);
    await assertAccessible(page, 'contact details and safe times saved');

    // What the server keeps: every field, the Sunday afternoons kept.
    const kept = await pageGraphql(
      page,
      'query ($id: ID!) { case(id: $id) { participants { person { fullName email phone contactChannels mayLeaveMessage discreet locale preferredLanguage interpreterNeeded safeWindows { days from to } } } } }',
      { id: caseId },
    );
    const saved = kept.case.participants.find((p) => p.person.fullName === person.name).person;
    assert.deepEqual({ ...saved, contactChannels: [...saved.contactChannels].sort() }, {
      fullName: person.name,
      email: person.email,
      phone: person.phone,
      contactChannels: ['EMAIL', 'PHONE'],
      mayLeaveMessage: false,
      discreet: true,
      locale: 'pl',
      preferredLanguage: 'pl',
      interpreterNeeded: true,
      safeWindows: [
        { days: WEEKDAYS, from: '17:00', to: '20:00' },
        { days: ['SUN'], from: '14:00', to: '16:00' },
      ],
    });

    // Back on the case page, beside the number: the new words.
    await page.getByRole('link', { name: `Back to case ${reference}` }).first().click();
    await page.waitForURL(`${caseUrl}#people`);
    const again = page.locator('.card', { has: page.getByRole('heading', { level: 3, name: person.name }) });
    const row = again.locator('.summary-list__row', { has: page.locator('dt', { hasText: /^Phone$/ }) });
    await row.getByText('Do not mention restorative justice to anyone else who answers or sees a message').waitFor();
    assert.equal(await warningWords(row.locator('.warning-text')), 'No voicemail: do not leave a message');
    await again.locator('.summary-list__row', { has: page.locator('dt', { hasText: 'Written messages in' }) }).getByText('Polski').waitFor();

    // ---- The case's messages, from the address the push notices link to ---------------------
    await page.goto(`${caseUrl}#messages`);
    await page.getByRole('heading', { level: 1, name: reference }).waitFor();
    const tab = page.getByRole('tab', { name: 'Messages', exact: true });
    assert.equal(await tab.getAttribute('aria-selected'), 'true');
    const messages = page.locator('#messages');
    await messages.getByRole('heading', { level: 2, name: 'Messages' }).waitFor();
    const ack = messages.locator('.messages__item', { has: page.getByRole('heading', { level: 3, name: /acknowledg/i }) }).first();
    await ack.waitFor();
    const tag = (await ack.locator('.tag').innerText()).trim();
    assert.match(tag, /^Held until (\d{1,2}:\d{2}(am|pm)|midday) on \d{1,2} \w+ 2027$/);
    assert.match(tag, /5:00pm on 14 July 2027$/, 'held until the first safe time, this evening');
    assert.ok(await ack.locator('.messages__reason').count(), 'the reason it is held is shown');
    const fact = (name) => ack.locator('.messages__fact', { has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) }).locator('dd');
    assert.equal((await fact('To').innerText()).trim(), `${person.name} (Victim)`);
    assert.equal((await fact('By').innerText()).trim(), 'Email');
    assert.match((await fact('In').innerText()).trim(), /^(English|Polski)$/);
    await assertAccessible(page, 'the case page: messages');

    // The tabs still go where they did.
    await openCaseTab(page, 'People and consent');
    await page.locator('#people').waitFor();
    assertClean();
  });
});
