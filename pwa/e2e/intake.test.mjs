// Intake in a real browser against the real server, on a phone-sized screen with axe on every
// page: a member of the public refers themselves a page at a time (check your answers, changing
// one, a reload in the middle, the confirmation with how to get in touch); the co-ordinator
// finds the referral in the inbox, reads the safe-contact profile and assesses it; each page's
// checks and the server's, shown on the page that asks; a refusal and a dropped connection;
// "Start again" and "Exit this page"; a referrer files a referral, follows its status, and
// cannot open the case.
//
// The demo data may hold sample cases: tests find their own records by reference.
//
// Run: npm run build && npm run test:e2e   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, heading, openCaseTab, openMenu, openPhone, pageGraphql, pageGraphqlAnswer, sharedServerAndBrowser } from './browser.mjs';

const e2e = sharedServerAndBrowser();

const REFERENCE = /^RJ\d{2}-[0-9A-Z]{5}$/;

// What the member of the public sends in the first test; the second finds it.
const unique = Date.now().toString(36).toUpperCase();
const person = {
  name: `Alex Marlowe ${unique}`,
  email: `alex.${unique.toLowerCase()}@example.org`,
  phone: '07700 900 982',
  safeTimes: `Weekday mornings before 11am (${unique})`,
};
/** @type {string | undefined} */
let selfReferralReference;

/** Where "Exit this page" goes. */
const EXIT_URL = 'https://www.bbc.co.uk/weather';

/** The service's contact details, as the server gives them to anyone. */
async function serviceContact(page) {
  const data = await pageGraphql(page, '{ serviceContact { phone email openingHours } }');
  return data.serviceContact;
}

/** The phone number (to call in one tap), the e-mail address and the opening hours are shown in `where`. */
async function contactShown(where, contact) {
  const phone = where.getByRole('link', { name: contact.phone });
  assert.equal(await phone.getAttribute('href'), `tel:${contact.phone.replace(/\D/g, '')}`);
  const email = where.getByRole('link', { name: contact.email });
  assert.equal(await email.getAttribute('href'), `mailto:${contact.email}`);
  await where.getByText(contact.openingHours, { exact: true }).waitFor();
}

/** Whether `locator` comes before the page's h1. */
async function aboveHeading(page, locator) {
  const h1 = await page.locator('h1').elementHandle();
  return locator.evaluate((el, heading) => !!(el.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING), h1);
}

/** The lists behind the selects arrive after the page: wait for an option to be there. */
async function listsLoaded(page, selectId, value) {
  await page.locator(`#${selectId} option[value="${value}"]`).waitFor({ state: 'attached' });
}

describe('intake', () => {
  test('a member of the public refers themselves page by page, changes an answer and sees only a reference and how to get in touch', async (t) => {
    const { page, assertClean } = await openPhone(e2e.browser, t);
    const here = (path = '') => `${e2e.server.url}/refer-yourself${path}`;
    const next = async (path) => {
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForURL(here(path));
    };

    await page.goto(`${e2e.server.url}/`);
    assert.equal(await heading(page), 'Restorative justice: a chance to be heard');
    await page.getByText('It is free.').waitFor();
    await page.getByRole('link', { name: 'Staff sign in' }).waitFor();
    assert.match(await page.title(), /^Restorative justice – RJ Hub$/);
    // "Exit this page" and the emergency line come before anything else on the page.
    await page.getByRole('button', { name: 'Exit this page' }).waitFor();
    assert.equal(await aboveHeading(page, page.getByText('In an emergency, call 999.')), true);
    // How to get in touch, as the server gives it.
    const contact = await serviceContact(page);
    await contactShown(page.locator('#main-content'), contact);
    await assertAccessible(page, 'the public page');

    await page.getByRole('link', { name: 'Refer yourself' }).click();
    await page.waitForURL(here());

    // 1. How you were affected: one question, which is the page's heading.
    assert.equal(await heading(page), 'How did the crime or conflict affect you?');
    assert.match(await page.title(), /^How did the crime or conflict affect you\? – Refer yourself – RJ Hub$/);
    assert.equal(await page.getByRole('link', { name: 'Back' }).getAttribute('href'), '/');
    await page.getByRole('button', { name: 'Exit this page' }).waitFor();
    assert.equal(await aboveHeading(page, page.getByText('In an emergency, call 999.')), true);
    await assertAccessible(page, 'how you were affected');
    await page.getByLabel('It happened to me').check();
    await next('/what-happened');

    // 2. What happened (all optional).
    assert.equal(await heading(page), 'What happened');
    await listsLoaded(page, 'offenceCategory', 'theft');
    await page.getByLabel('What kind of crime or conflict was it?').selectOption({ label: 'Theft' });
    await page.getByLabel('Where did it happen?').selectOption({ label: 'Fenland' });
    await assertAccessible(page, 'what happened');
    await next('/person-responsible');

    // 3. The person responsible, and "contact me if someone is identified" (R-IN-7).
    assert.equal(await heading(page), 'Do you know who was responsible?');
    await page.getByLabel('No', { exact: true }).check();
    await page.getByLabel('Contact me if someone is identified').check();
    await assertAccessible(page, 'the person responsible');
    await next('/your-name');

    // 4. Your name (first a short one: it is changed from check your answers below).
    assert.equal(await heading(page), 'What is your name?');
    assert.equal(await page.getByLabel('What is your name?').getAttribute('autocomplete'), 'name');
    assert.equal(await page.getByRole('link', { name: 'Back' }).getAttribute('href'), '/refer-yourself/person-responsible');
    await page.getByLabel('What is your name?').fill('Alex');

    // A reload in the middle loses nothing: the answers are kept in this tab (never localStorage).
    await page.reload();
    await page.getByLabel('What is your name?').waitFor();
    assert.equal(await page.getByLabel('What is your name?').inputValue(), 'Alex');
    assert.equal(await page.evaluate(() => localStorage.length), 0);
    assert.ok(await page.evaluate(() => sessionStorage.getItem('rjhub.selfReferral')));
    await assertAccessible(page, 'your name');
    await next('/contact');

    // 5. How we may contact you: the ways, the details each needs, safe times, messages.
    assert.equal(await heading(page), 'How we may contact you');
    const channels = page.getByRole('group', { name: 'How can we contact you safely?' });
    await channels.getByLabel('Email', { exact: true }).check();
    await page.getByLabel('Your email address').fill(person.email);
    assert.equal(await page.getByLabel('Your email address').getAttribute('autocomplete'), 'email');
    await channels.getByLabel('Phone call').check();
    await page.getByLabel('Your phone number').fill(person.phone);
    assert.equal(await page.getByLabel('Your phone number').getAttribute('autocomplete'), 'tel');
    // When it is safe (R-ST-4): none of the times ticked: e-mails at any time, calls and texts 8am to 9pm; and in their words.
    await page.getByRole('group', { name: 'When is it safe to contact you?' }).getByLabel('Weekday mornings (9am to 12pm)').waitFor();
    await page.getByLabel('Anything else about when to contact you (optional)').fill(person.safeTimes);
    await page.getByRole('group', { name: 'Can we leave a message? (optional)' }).getByLabel('No').check();
    await assertAccessible(page, 'how we may contact you');
    await next('/language-and-support');

    // 6. Language and support (optional).
    assert.equal(await heading(page), 'Language and support');
    await page.getByLabel('Which language would you like to use? (optional)').waitFor();
    await assertAccessible(page, 'language and support');
    await next('/check-your-answers');

    // 7. Check your answers, and change one: the page, then back here.
    assert.equal(await heading(page), 'Check your answers before sending your referral');
    const answer = (key) => page.locator('.summary-list__row', { has: page.locator('dt', { hasText: key }) }).locator('dd').first();
    assert.equal((await answer('How you were affected').textContent())?.trim(), 'It happened to me');
    assert.equal((await answer('Kind of crime or conflict').textContent())?.trim(), 'Theft');
    assert.equal((await answer('Where it happened').textContent())?.trim(), 'Fenland');
    assert.equal((await answer('Contact you if someone is identified').textContent())?.trim(), 'Yes');
    assert.equal((await answer('Your name').textContent())?.trim(), 'Alex');
    assert.equal((await answer('Ways we may contact you').textContent())?.trim(), 'Phone call, Email');
    assert.equal((await answer('Email address').textContent())?.trim(), person.email);
    assert.equal((await answer('Phone number').textContent())?.trim(), person.phone);
    assert.equal((await answer('When it is safe to contact you').textContent())?.trim(), 'No times of your own: we may email you at any time, and will only phone or text you between 8am and 9pm');
    assert.equal((await answer('Anything else about when to contact you').textContent())?.trim(), person.safeTimes);
    assert.equal((await answer('We may leave a message').textContent())?.trim(), 'No');
    await assertAccessible(page, 'check your answers');

    await page.getByRole('link', { name: 'Change your name' }).click();
    await page.waitForURL(here('/your-name?return=check'));
    assert.equal(await page.getByRole('link', { name: 'Back' }).getAttribute('href'), '/refer-yourself/check-your-answers');
    assert.equal(await page.getByLabel('What is your name?').inputValue(), 'Alex');
    await page.getByLabel('What is your name?').fill(person.name);
    await next('/check-your-answers');
    assert.equal((await answer('Your name').textContent())?.trim(), person.name);
    assert.equal((await answer('Kind of crime or conflict').textContent())?.trim(), 'Theft', 'the other answers stay');
    await next('/send');

    // 8. Consent and send.
    assert.equal(await heading(page), 'Send your referral');
    // The honeypot is there for robots: hidden from people and out of the tab order.
    const honeypot = page.locator('#website');
    assert.equal(await honeypot.getAttribute('tabindex'), '-1');
    assert.equal(await page.locator('.honeypot').getAttribute('aria-hidden'), 'true');
    assert.equal(await page.locator('label[for="website"]').textContent(), 'Leave this empty');
    await page.getByLabel('I agree that the RJ Hub may contact me').check();
    await assertAccessible(page, 'send your referral');
    assert.equal(await honeypot.inputValue(), '', 'the app never fills the honeypot');
    await page.getByRole('button', { name: 'Send referral' }).click();

    // The confirmation: the reference, what happens next, and how to get in touch quoting it.
    await page.getByRole('heading', { level: 1, name: 'Referral sent' }).waitFor();
    const reference = (await page.locator('.reference').textContent())?.trim() ?? '';
    assert.match(reference, REFERENCE);
    selfReferralReference = reference;
    await page.getByText('within 5 working days').first().waitFor();
    await page.getByText('We have sent an email with your reference to the address you gave.').waitFor();
    await page.getByText(`Quote your reference, ${reference}, when you get in touch.`).waitFor();
    await contactShown(page.locator('#main-content'), contact);
    await page.getByRole('button', { name: 'Exit this page' }).waitFor();
    assert.match(await page.title(), /^Referral sent – RJ Hub$/);
    assert.equal(page.url(), here('/sent'));

    // Nothing the person sent is on the page, in the address or in storage.
    const text = await page.locator('body').innerText();
    for (const value of [person.name, person.email, person.phone, person.safeTimes, 'Fenland', 'Theft']) {
      assert.equal(text.includes(value), false, `the confirmation shows "${value}"`);
    }
    assert.equal(await page.locator('input, textarea, select').count(), 0, 'the form is gone');
    assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
    await assertAccessible(page, 'the self-referral confirmation');

    // They chose e-mail: the acknowledgement, with the reference, is in the outbox.
    const mail = await e2e.server.waitForMail(person.email);
    assert.ok(mail.includes(reference), 'the acknowledgement carries the reference');

    // Back after sending: the answers are gone, so it is the start again.
    await page.goBack();
    await page.waitForURL(here());
    assert.equal(await page.getByLabel('It happened to me').isChecked(), false);
    assertClean();
  });

  test('the co-ordinator finds the self-referral in the inbox and assesses it', async (t) => {
    assert.ok(selfReferralReference, 'the self-referral test ran first');
    const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
    await page.getByRole('link', { name: 'Intake inbox' }).first().waitFor();

    const menu = await openMenu(page);
    await menu.getByRole('link', { name: 'Intake inbox' }).click();
    await page.waitForURL(`${e2e.server.url}/inbox`);
    assert.equal(await heading(page), 'Intake inbox');
    const row = page.locator('.record-list__item', { has: page.getByRole('link', { name: selfReferralReference }) });
    await row.waitFor();
    await row.getByText('Self-referral', { exact: true }).waitFor();
    await row.getByText('Referral received', { exact: true }).waitFor();
    await row.getByText('today', { exact: true }).waitFor();
    await assertAccessible(page, 'the intake inbox');
    // They asked to be contacted when an offender is identified: listed apart from those to assess.
    await page
      .getByRole('region', { name: /^Waiting for an offender to be identified \(\d+\)$/ })
      .getByRole('link', { name: selfReferralReference })
      .waitFor();
    const { triage } = await pageGraphql(page, 'query($r: String!) { triage(filter: { reference: $r }) { nodes { nextStep } } }', {
      r: selfReferralReference,
    });
    const nextStep = triage.nodes[0].nextStep;

    await row.getByRole('link', { name: selfReferralReference }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: selfReferralReference }).waitFor();
    assert.match(await page.title(), new RegExp(`^Case ${selfReferralReference} – RJ Hub$`));
    // Where it stands, above the record.
    const standing = page.getByRole('region', { name: 'Where the case stands' });
    await standing.getByText(nextStep, { exact: true }).waitFor();
    await standing.getByText('None allocated').waitFor();
    await page.getByText('Fenland').waitFor();

    // The participant and their safe-contact profile.
    await openCaseTab(page, 'People and consent');
    const card = page.locator('.card', { has: page.getByRole('heading', { name: person.name }) });
    await card.waitFor();
    await card.getByText('Victim').first().waitFor();
    await card.getByText('Phone call, Email').waitFor();
    await card.getByText(person.email).waitFor();
    await card.getByText(person.phone).waitFor();
    // In their words: under Safe times, and in what to know before calling them.
    await card.getByText(person.safeTimes).first().waitFor();
    const message = card.locator('.summary-list__row', { hasText: 'May we leave a message?' });
    assert.equal((await message.locator('dd').textContent())?.trim(), 'No');
    // Consent to be contacted, given on the form.
    await page.locator('#consent').getByText('Given').first().waitFor();
    await assertAccessible(page, 'the case page');

    // Assess: suitable. The case moves to "Being assessed", and the timeline says so.
    const timeline = page.locator('#timeline .timeline');
    assert.equal(await timeline.getByText('Moved to “Being assessed”').count(), 0);
    await openCaseTab(page, 'Assessment and risk');
    await page
      .getByRole('group', { name: 'Is restorative justice suitable for this case?' })
      .getByLabel('Suitable', { exact: true })
      .check();
    await page.getByRole('button', { name: 'Record the assessment' }).click();
    await page.locator('.notification-banner').getByText('The case is assessed as suitable.').waitFor();
    await page.locator('#assessment').getByText('Suitable', { exact: true }).waitFor();
    await openCaseTab(page, 'Contacts');
    await timeline.getByText('Moved to “Being assessed”').waitFor();
    await openCaseTab(page, 'Overview');
    await page.locator('#stage .tag').getByText('Being assessed').waitFor();
    await assertAccessible(page, 'the case page after the assessment');

    // The case stays in the inbox while it is being assessed.
    await page.goto(`${e2e.server.url}/inbox`);
    await page
      .locator('.record-list__item', { has: page.getByRole('link', { name: selfReferralReference }) })
      .getByText('Being assessed')
      .waitFor();
    assertClean();
  });

  test('each page of the self-referral checks its own answers, with the error summary linking to the field', async (t) => {
    const { page, assertClean } = await openPhone(e2e.browser, t);
    const here = (path = '') => `${e2e.server.url}/refer-yourself${path}`;
    const summary = page.locator('.error-summary');
    const continueWith = async (message, id) => {
      await page.getByRole('button', { name: 'Continue' }).click();
      const link = summary.getByRole('link', { name: message });
      await link.waitFor();
      assert.equal(await summary.evaluate((el) => el === document.activeElement), true, 'focus is on the summary');
      assert.equal(await link.getAttribute('href'), `#${id}`);
      await page.locator(`#${id}-error`).getByText(message).waitFor();
      return link;
    };

    // Skipping ahead starts at the first question still to answer.
    await page.goto(here('/your-name'));
    await page.waitForURL(here());
    assert.equal(await heading(page), 'How did the crime or conflict affect you?');

    let link = await continueWith('Choose how the crime or conflict affected you', 'role');
    assert.match(await page.title(), /^Error: How did the crime or conflict affect you\? – Refer yourself – RJ Hub$/);
    await assertAccessible(page, 'how you were affected, with an error');
    await link.click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'role');

    // Bereaved family (R-IN-5): the relationship is asked under the answer.
    await page.getByLabel('Someone close to me died as a result of a crime').check();
    await continueWith('Say how you are related to the person who died', 'relationship');
    await page.getByLabel('What was your relationship to them?').fill('Mother');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(here('/what-happened'));

    await listsLoaded(page, 'area', 'fenland');
    await page.getByLabel('Where did it happen?').selectOption({ label: 'Outside the county' });
    await continueWith('Say which area, outside the county', 'areaDetail');
    await page.getByLabel('Which area?').fill('Bedford');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(here('/person-responsible'));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(here('/your-name'));

    await continueWith('Enter your name', 'fullName');
    await page.getByLabel('What is your name?').fill('Sam Doe');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(here('/contact'));

    await continueWith('Choose at least one way we can contact you', 'contactChannels');
    await page.getByRole('group', { name: 'How can we contact you safely?' }).getByLabel('Phone call').check();
    await continueWith('Enter a phone number', 'phone');
    await assertAccessible(page, 'how we may contact you, with an error');
    // Not a phone number: only the server says so, and the page that asks it shows its message.
    await page.getByLabel('Your phone number').fill('call me');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(here('/language-and-support'));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(here('/check-your-answers'));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(here('/send'));

    await page.getByRole('button', { name: 'Send referral' }).click();
    link = summary.getByRole('link', { name: 'Tick the box to agree that we may contact you' });
    await link.waitFor();
    assert.match(await page.title(), /^Error: Send your referral – Refer yourself – RJ Hub$/);
    assert.equal(await link.getAttribute('href'), '#consentToContact');
    await assertAccessible(page, 'send your referral, with an error');
    await link.click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'consentToContact');
    assert.equal(page.url(), here('/send'));
    await page.getByLabel('I agree that the RJ Hub may contact me').check();
    await page.getByRole('button', { name: 'Send referral' }).click();

    await page.waitForURL(here('/contact?return=check'));
    const phoneLink = summary.getByRole('link', { name: /telephone number/ });
    await phoneLink.waitFor();
    assert.equal(await phoneLink.getAttribute('href'), '#phone');
    assert.equal(await summary.evaluate((el) => el === document.activeElement), true, 'focus is on the summary');
    await page.locator('#phone-error').waitFor();
    await assertAccessible(page, 'how we may contact you, with the server’s error');
    await page.getByLabel('Your phone number').fill('01632 960 001');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(here('/check-your-answers'));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(here('/send'));
    assert.equal(await page.getByLabel('I agree that the RJ Hub may contact me').isChecked(), true, 'consent is kept');
    await page.getByRole('button', { name: 'Send referral' }).click();
    await page.getByRole('heading', { level: 1, name: 'Referral sent' }).waitFor();
    // No e-mail was chosen, so none was sent.
    assert.equal(await page.getByText('We have sent an email').count(), 0);
    assertClean();
  });

  test('a refusal says how to get in touch, and a dropped connection keeps the answers with "Try again"', async (t) => {
    const { page, assertClean } = await openPhone(e2e.browser, t);
    const here = (path = '') => `${e2e.server.url}/refer-yourself${path}`;
    await page.goto(here());
    await page.getByLabel('It happened to me').check();
    for (const path of ['/what-happened', '/person-responsible', '/your-name']) {
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForURL(here(path));
    }
    await page.getByLabel('What is your name?').fill(`Robin Offline ${unique}`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(here('/contact'));
    await page.getByRole('group', { name: 'How can we contact you safely?' }).getByLabel('Letter').check();
    await page.getByLabel('Your address').fill('1 High Street\nMarch');
    assert.equal(await page.getByLabel('Your address').getAttribute('autocomplete'), 'street-address');
    await page.getByLabel('Postcode').fill('PE15 8AA');
    assert.equal(await page.getByLabel('Postcode').getAttribute('autocomplete'), 'postal-code');
    for (const path of ['/language-and-support', '/check-your-answers', '/send']) {
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForURL(here(path));
    }
    await page.getByLabel('I agree that the RJ Hub may contact me').check();
    const contact = await serviceContact(page);
    const summary = page.locator('.error-summary');

    // The server refuses (too many forms arriving at once): its words, and how to get in touch.
    const refusal = 'We could not take your form just now because a great many are arriving at once.';
    await page.route('**/graphql', (route) =>
      /SubmitSelfReferral/.test(route.request().postData() ?? '')
        ? route.fulfill({ json: { data: null, errors: [{ message: refusal, extensions: { code: 'TOO_MANY_REQUESTS' } }] } })
        : route.fallback(),
    );
    await page.getByRole('button', { name: 'Send referral' }).click();
    await summary.getByText(refusal).waitFor();
    await contactShown(summary, contact);
    await assertAccessible(page, 'send your referral, refused');
    await page.unroute('**/graphql');

    // The connection drops: nothing is lost, and the button says "Try again".
    await page.route('**/graphql', (route) =>
      /SubmitSelfReferral/.test(route.request().postData() ?? '') ? route.abort('internetdisconnected') : route.fallback(),
    );
    await page.getByRole('button', { name: 'Send referral' }).click();
    await summary.getByText('Your referral has not been sent: the connection dropped.').waitFor();
    await contactShown(summary, contact);
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    await assertAccessible(page, 'send your referral, with no connection');
    assert.match((await page.evaluate(() => sessionStorage.getItem('rjhub.selfReferral'))) ?? '', /Robin Offline/);
    // …even through a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Send your referral' }).waitFor();
    assert.equal(await page.getByLabel('I agree that the RJ Hub may contact me').isChecked(), true);
    await page.getByRole('button', { name: 'Send referral' }).click();
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    await page.unroute('**/graphql');

    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { level: 1, name: 'Referral sent' }).waitFor();
    assert.match((await page.locator('.reference').textContent())?.trim() ?? '', REFERENCE);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    assertClean();
  });

  test('"Start again" clears the answers', async (t) => {
    const { page, assertClean } = await openPhone(e2e.browser, t);
    const here = (path = '') => `${e2e.server.url}/refer-yourself${path}`;
    await page.goto(here());
    await page.getByLabel('I was affected in another way').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(here('/what-happened'));
    await page.getByRole('link', { name: 'Start again' }).click();
    await page.waitForURL(here());
    assert.equal(await page.getByLabel('I was affected in another way').isChecked(), false);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    assert.equal(await page.getByRole('link', { name: 'Start again' }).count(), 0, 'nothing to clear');
    assertClean();
  });

  test('"Exit this page", by its button or by pressing Shift 3 times, leaves for a neutral site and forgets the answers', async (t) => {
    const { page, assertClean } = await openPhone(e2e.browser, t);
    const here = (path = '') => `${e2e.server.url}/refer-yourself${path}`;
    // The neutral site is never really fetched.
    await page.route(`${EXIT_URL}**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Weather</title><h1>Weather</h1>' }),
    );
    const answersKept = () => page.evaluate(() => sessionStorage.getItem('rjhub.selfReferral'));

    // The button: a link styled as a button, with what it does and the shortcut for screen readers.
    await page.goto(here());
    await page.getByLabel('It happened to me').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(here('/what-happened'));
    assert.ok(await answersKept());
    const exit = page.getByRole('button', { name: 'Emergency Exit this page' });
    assert.equal(await exit.getAttribute('href'), EXIT_URL);
    const hintId = await exit.getAttribute('aria-describedby');
    assert.match((await page.locator(`#${hintId}`).textContent()) ?? '', /press the Shift key 3 times/);
    await exit.click();
    await page.waitForURL(EXIT_URL);
    // The exited page was replaced in the history: Back goes to the page before it.
    await page.goBack();
    await page.waitForURL(here());
    assert.equal(await answersKept(), null, 'the answers are forgotten');
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    assert.equal(await page.getByLabel('It happened to me').isChecked(), false);

    // Shift 3 times, each press counted out loud; another key in between starts the count again.
    await page.getByLabel('I was affected in another way').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(here('/what-happened'));
    const status = page.locator('.exit-this-page [role="status"]');
    await page.locator('h1').click();
    await page.keyboard.press('Shift');
    await status.getByText('Shift, press 2 more times to exit.').waitFor();
    await page.keyboard.press('a');
    await status.getByText('Exit this page expired.').waitFor();
    await page.keyboard.press('Shift');
    await status.getByText('Shift, press 2 more times to exit.').waitFor();
    await page.keyboard.press('Shift');
    await status.getByText('Shift, press 1 more time to exit.').waitFor();
    await assertAccessible(page, 'what happened, counting Shift presses');
    assertClean();
    await page.keyboard.press('Shift');
    await page.waitForURL(EXIT_URL);
    await page.goto(`${e2e.server.url}/`);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'the answers are forgotten');

    // On the public page too.
    await page.getByRole('heading', { level: 1, name: 'Restorative justice: a chance to be heard' }).waitFor();
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.waitForURL(EXIT_URL);
  });

  test('a referrer files a referral, follows its status, and cannot open the case', async (t) => {
    const { page, assertClean } = await e2e.signedIn(t, 'referrer');

    const menu = await openMenu(page);
    await menu.getByRole('link', { name: 'Make a referral' }).click();
    await page.waitForURL(`${e2e.server.url}/referrals/new`);
    assert.equal(await heading(page), 'Make a referral');
    await listsLoaded(page, 'referralSource', 'police');
    await page.getByText('You are referring as Cambridgeshire Constabulary').waitFor();

    const victimName = `Jordan Referred ${unique}`;
    await page.getByLabel('Referral source').selectOption({ label: 'Police officer / PCSO / police staff' });
    await page.getByLabel('The person harmed').check();
    await page.getByLabel('Full name').fill(victimName);
    await page.getByRole('group', { name: 'How can the Hub contact them safely?' }).getByLabel('Phone call').check();
    await page.getByLabel('Phone number').fill('01632 960 001');
    await page.getByLabel('Offence category (optional)').selectOption({ label: 'Burglary' });
    await page.getByLabel('The people I am referring agreed to be referred').check();
    await assertAccessible(page, 'the referral form');
    await page.getByRole('button', { name: 'Send the referral' }).click();

    await page.getByRole('heading', { level: 1, name: 'Referral sent' }).waitFor();
    const reference = (await page.locator('.reference').textContent())?.trim() ?? '';
    assert.match(reference, REFERENCE);
    assert.equal((await page.locator('body').innerText()).includes(victimName), false);
    await assertAccessible(page, 'the referral confirmation');

    await page.getByRole('link', { name: 'your referrals' }).click();
    await page.waitForURL(`${e2e.server.url}/referrals`);
    const row = page.locator('.record-list__item', { has: page.getByRole('heading', { name: reference }) });
    await row.getByText('Referral received').waitFor();
    await row.getByText('Police officer / PCSO / police staff').waitFor();
    assert.equal((await page.locator('body').innerText()).includes(victimName), false, 'status only, never people');
    await assertAccessible(page, 'the referrals list');

    // The referral's case exists, but a referrer may never open it: it is "not found" for them.
    const answer = await pageGraphqlAnswer(page, '{ myReferrals(first: 100) { nodes { id reference } } }');
    const id = answer.data.myReferrals.nodes.find((n) => n.reference === reference)?.id;
    assert.ok(id, 'the referral is in myReferrals');
    await page.goto(`${e2e.server.url}/cases/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    assert.equal((await page.locator('body').innerText()).includes(victimName), false);
    assert.match(await page.title(), /^Page not found – RJ Hub$/);
    await assertAccessible(page, 'a case the referrer may not see');
    assertClean();

    // …while the case is real: the co-ordinator opens it at the same address.
    const coordinator = await e2e.signedIn(t, 'coordinator', { next: `/cases/${id}` });
    await coordinator.page.getByRole('heading', { level: 1, name: reference }).waitFor();
    await openCaseTab(coordinator.page, 'People and consent');
    await coordinator.page.getByRole('heading', { name: victimName }).waitFor();
    coordinator.assertClean();
  });
});
