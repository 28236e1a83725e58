// Data protection in a real browser against the real server, on a phone-sized screen with axe on
// every new page: a case supervisor opening a case they do not supervise must say why (the
// reason goes to the audit log), and then reads it without any way to change it; the data
// protection officer finds a person by name and sees who has seen their record, when and why —
// the co-ordinator's reads and the supervisor's, with the reason they gave — with the CSV and
// the subject access export beside it. One server for the file.
//
// Run: npm run build && npm run test:e2e   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, heading, openCaseTab, pageGraphql, sharedServerAndBrowser } from './browser.mjs';

const e2e = sharedServerAndBrowser();

const REASON = 'Covering for a colleague on leave this week';

/** @type {{ id: string, reference: string, person: { id: string, fullName: string } } | undefined} */
let theCase;

describe('data protection', () => {
  test('a supervisor says why before opening a case they do not supervise, and reads it only', async (t) => {
    // As the co-ordinator: a demo case nobody supervises, with someone in it. The co-ordinator
    // also opens its page, so there is a read to find later.
    const coord = await e2e.signedIn(t, 'coordinator');
    const list = await pageGraphql(coord.page, '{ cases(first: 50) { edges { node { id reference stage supervisorName } } } }');
    const unsupervised = list.cases.edges.map((e) => e.node).filter((n) => !n.supervisorName);
    for (const n of unsupervised) {
      const detail = await pageGraphql(coord.page, 'query($id: ID!) { case(id: $id) { participants { person { id fullName } } } }', {
        id: n.id,
      });
      const person = detail.case.participants[0]?.person;
      if (person) {
        theCase = { id: n.id, reference: n.reference, person };
        break;
      }
    }
    assert.ok(theCase, 'a demo case with no supervisor and a participant');
    await coord.page.goto(`${e2e.server.url}/cases/${theCase.id}`);
    await coord.page.getByRole('heading', { level: 1, name: theCase.reference }).waitFor();
    coord.assertClean();

    const { page, assertClean } = await e2e.signedIn(t, 'supervisor');
    await page.goto(`${e2e.server.url}/cases/${theCase.id}`);
    await page.getByRole('heading', { level: 1, name: 'This case is outside your own work' }).waitFor();
    await page.getByText('The data protection officer reads it').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Back' }).getAttribute('href'), '/cases');
    assert.match(await page.title(), /^This case is outside your own work – RJ Hub$/);
    await assertAccessible(page, 'the justification page');

    await page.getByLabel('Why do you need to open this case?').fill('Cover');
    await page.getByRole('button', { name: 'Open the case' }).click();
    await page.locator('.error-summary').getByText('Say in 10 to 500 characters why you need to open this case').waitFor();
    await page.locator('#justification-error').getByText('Say in 10 to 500 characters').waitFor();
    assert.match(await page.title(), /^Error: /);
    await assertAccessible(page, 'the justification page with an error');

    await page.getByLabel('Why do you need to open this case?').fill(REASON);
    await page.getByRole('button', { name: 'Open the case' }).click();
    await page.getByRole('heading', { level: 1, name: theCase.reference }).waitFor();
    await page.getByText('You opened this case outside your own work.').waitFor();
    await openCaseTab(page, 'People and consent');
    await page.locator('#people .card__title', { hasText: theCase.person.fullName }).waitFor();
    // Read only: the server's viewerCan is all false, so nothing is offered.
    assert.equal(await page.getByRole('button', { name: /^Move to/ }).count(), 0);
    assert.equal(await page.locator('main summary', { hasText: 'Log a contact' }).count(), 0);
    assert.equal(await page.locator('main summary', { hasText: /^(Record|Log|Add|Allocate|Choose|Change|Stop)/ }).count(), 0);
    assert.equal(await page.getByText('Move to “Closed”').count(), 0);
    await assertAccessible(page, 'a case opened with a reason');

    // The reason holds for an hour on the server (each read still audited with it): opening the
    // page again shows the case, still marked as opened outside their own work.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: theCase.reference }).waitFor();
    await page.getByText('You opened this case outside your own work.').waitFor();
    assert.equal(await page.getByRole('button', { name: /^Move to/ }).count(), 0);
    assertClean();
  });

  test('the data protection officer finds a person and sees who has seen their record', async (t) => {
    assert.ok(theCase, 'the first test found a case');
    const { page, assertClean } = await e2e.signedIn(t, 'dpo');
    await page.getByRole('heading', { level: 2, name: 'Data protection' }).waitFor();
    await assertAccessible(page, 'the data protection officer’s home page');
    await page.getByRole('link', { name: 'Who has seen a person’s record' }).click();
    await page.waitForURL(`${e2e.server.url}/data-protection`);
    assert.equal(await heading(page), 'Who has seen a person’s record');
    await assertAccessible(page, 'the person search');

    await page.getByLabel('Search by name').fill('J');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('.error-summary').getByText('Enter at least 2 letters of their name').waitFor();
    await assertAccessible(page, 'the person search with an error');

    await page.getByLabel('Search by name').fill(theCase.person.fullName);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const found = page.getByRole('list', { name: 'People found' }).locator('li', { hasText: theCase.reference });
    await found.waitFor();
    await assertAccessible(page, 'the person search with results');
    await found.getByRole('link', { name: theCase.person.fullName }).click();
    await page.waitForURL(/\/data-protection\/people\/[0-9a-f-]{36}\?name=/);
    assert.equal(await heading(page), theCase.person.fullName);
    assert.ok(page.url().includes(`/data-protection/people/${theCase.person.id}?`), 'the person’s own page');

    const table = page.getByRole('table', { name: 'Who has seen this record' });
    const coordinatorRow = table.locator('tbody tr', { hasText: 'Priya Shah' }).filter({ hasText: theCase.reference });
    await coordinatorRow.filter({ hasText: 'The case page' }).first().waitFor();
    assert.ok((await coordinatorRow.first().textContent())?.includes('Co-ordination'), 'the co-ordinator’s purpose');
    // The supervisor's read outside their own work, with the reason they gave.
    const justified = table.locator('tbody tr', { hasText: 'Gareth Lewis' });
    await justified.getByText('Outside their own work (reason given)').first().waitFor();
    await justified.getByText(REASON).first().waitFor();
    // The search itself is a data protection read of the person.
    await table.locator('tbody tr', { hasText: 'Ruth Adeyemi' }).getByText('Person search').first().waitFor();

    const csv = page.getByRole('link', { name: /^Download as CSV/ });
    const csvHref = await csv.getAttribute('href');
    assert.equal(csvHref, `/privacy/access-log/${theCase.person.id}.csv`);
    const file = await page.request.get(`${e2e.server.url}${csvHref}`);
    assert.equal(file.status(), 200);
    assert.match(file.headers()['content-type'] ?? '', /text\/csv/);
    assert.ok((await file.text()).includes('Priya Shah'), 'the CSV names the co-ordinator');
    assert.equal(
      await page.getByRole('link', { name: /^Subject access export/ }).getAttribute('href'),
      `/privacy/subject-access/${theCase.person.id}`,
    );
    assert.equal(
      await page.getByRole('link', { name: /^Download the export/ }).getAttribute('href'),
      `/privacy/subject-access/${theCase.person.id}?format=json`,
    );
    await assertAccessible(page, 'who has seen a person’s record');

    // The data protection officer sees no case.
    await page.goto(`${e2e.server.url}/cases/${theCase.id}`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    assertClean();
  });

  test('the co-ordinator goes from a person on the case page to who has seen their record', async (t) => {
    assert.ok(theCase, 'the first test found a case');
    const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
    await page.goto(`${e2e.server.url}/cases/${theCase.id}#people`);
    const card = page.locator('#people .card', { hasText: theCase.person.fullName });
    await card.getByRole('link', { name: `Who has seen their record (${theCase.person.fullName})` }).click();
    await page.waitForURL(/\/data-protection\/people\//);
    assert.equal(await heading(page), theCase.person.fullName);
    await page.getByRole('table', { name: 'Who has seen this record' }).locator('tbody tr', { hasText: 'Ruth Adeyemi' }).first().waitFor();
    await assertAccessible(page, 'who has seen a person’s record, for the co-ordinator');
    assertClean();
  });
});
