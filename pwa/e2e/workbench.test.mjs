// The co-ordinator's workbench in a real browser against the real server, on a phone-sized
// screen (and a desktop one where the layout differs), with axe on every page — every rule,
// best practices included: the home page's queues with the server's counts, a count opening
// exactly that many cases; the triage list's filter in the address (kept by a reload) and a
// saved filter picked again; the menu grouped by task; the case record's summary and its tabs;
// the allocation's "Not suggested" with a facilitator at her case limit and why.
//
// Run: npm run build && node --test e2e/workbench.test.mjs   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, bannerSays, openCaseTab, openMenu, pageGraphql, sharedServerAndBrowser } from './browser.mjs';

const e2e = sharedServerAndBrowser();

const DESKTOP = { width: 1280, height: 900 };

/** The references the server's triage list gives for a filter, in its order. */
async function triageRefs(page, filter) {
  const data = await pageGraphql(
    page,
    'query($filter: TriageFilterInput) { triage(filter: $filter, first: 100) { nodes { case { reference } } } }',
    { filter },
  );
  return data.triage.nodes.map((n) => n.case.reference);
}

/** The references on the triage list's phone cards, in order. */
async function cardRefs(page) {
  await page.locator('main [role="status"]').filter({ hasText: /Showing|No cases/ }).waitFor();
  return (await page.locator('.record-list__item .record-list__title').allTextContents()).map((t) => t.trim());
}

describe('the workbench', () => {
  test('the co-ordinator’s home shows each queue’s count, and a count opens exactly those cases', async (t) => {
    const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
    const { workbench } = await pageGraphql(page, '{ workbench { queues { queue label hint count } } }');
    assert.ok(workbench.queues.some((q) => q.count > 0), 'the demo has cases waiting');
    assert.ok(workbench.queues.some((q) => q.count === 0), 'and empty queues');

    const cards = page.getByRole('list', { name: 'What is waiting' });
    await cards.waitFor();
    for (const q of workbench.queues) {
      const card = cards.getByRole('listitem').filter({ hasText: q.label });
      if (q.count > 0) {
        const link = card.getByRole('link', { name: `${q.count} ${q.label}` });
        assert.equal(await link.getAttribute('href'), `/cases?queue=${q.queue}`);
        await card.getByText(q.hint).waitFor();
      } else {
        // Shown quietly: the count, without a link.
        await card.getByText('0', { exact: true }).waitFor();
        assert.equal(await card.getByRole('link').count(), 0, `${q.label}: no link to an empty list`);
      }
    }
    // The tasks that remain on the home page.
    for (const name of ['Intake inbox', 'All cases', 'Record an enquiry', 'Reports']) {
      await page.getByRole('list', { name: 'Tasks' }).getByRole('link', { name, exact: true }).waitFor();
    }
    await assertAccessible(page, 'the co-ordinator’s workbench', { strict: true });

    for (const q of workbench.queues.filter((w) => w.count > 0)) {
      await page.goto(`${e2e.server.url}/`);
      await cards.getByRole('link', { name: `${q.count} ${q.label}` }).click();
      await page.waitForURL(`${e2e.server.url}/cases?queue=${q.queue}`);
      const refs = await cardRefs(page);
      assert.equal(refs.length, q.count, `${q.label}: as many cases as the count`);
      assert.deepEqual(refs, await triageRefs(page, { queue: q.queue, oldestFirst: true }), `${q.label}: the queue's cases, oldest first`);
      await page.getByText(`Showing ${q.count === 1 ? '1 case' : `${q.count} cases`} in “${q.label}”`).waitFor();
      await assertAccessible(page, `the cases in “${q.label}”`, { strict: true });
    }
    assertClean();
  });

  test('a filter narrows the list, stays in the address through a reload, and can be saved and picked again', async (t) => {
    const { page, assertClean } = await e2e.signedIn(t, 'coordinator', { next: '/cases' });
    const all = await cardRefs(page);
    const fenland = await triageRefs(page, { area: 'fenland', stages: ['ENQUIRY', 'REFERRAL', 'ASSESSMENT', 'ALLOCATED', 'PREPARATION', 'INTERVENTION', 'OUTCOME', 'FOLLOW_UP'] });
    assert.ok(fenland.length > 0 && fenland.length < all.length, 'Fenland is some of the open cases');

    // On a phone the filters wait behind their toggle.
    await page.locator('summary', { hasText: 'Filter and sort' }).click();
    await page.getByLabel('Area').selectOption({ label: 'Fenland' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(`${e2e.server.url}/cases?area=fenland`);
    assert.deepEqual(await cardRefs(page), fenland, 'only the Fenland cases');
    for (const card of await page.locator('.record-list__item').all()) await card.getByText('Fenland', { exact: true }).waitFor();
    await assertAccessible(page, 'the cases in Fenland', { strict: true });

    await page.reload();
    assert.deepEqual(await cardRefs(page), fenland, 'the same after a reload');
    await page.locator('summary', { hasText: 'Filter and sort (1 filter set)' }).waitFor();
    assert.equal(await page.getByLabel('Area').inputValue(), 'fenland', 'the filter shows what is applied');

    // Oldest first.
    await page.getByLabel('Order').selectOption({ label: 'Oldest first (longest waiting)' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(`${e2e.server.url}/cases?area=fenland&sort=oldest`);
    assert.deepEqual(await cardRefs(page), [...fenland].reverse(), 'the oldest first');

    // Saved with a name, on this device for this user.
    await page.locator('summary', { hasText: 'Save this filter' }).click();
    await page.getByRole('button', { name: 'Save filter' }).click();
    await page.locator('.error-summary').getByRole('link', { name: 'Enter a name for this filter' }).waitFor();
    await assertAccessible(page, 'saving a filter without a name', { strict: true });
    await page.getByLabel('Name this filter').fill('Fenland, longest waiting');
    await page.getByRole('button', { name: 'Save filter' }).click();
    await bannerSays(page, 'The filter “Fenland, longest waiting” is saved.');
    const saved = page.getByRole('list', { name: 'Saved filters' });
    await saved.getByRole('link', { name: 'Fenland, longest waiting' }).waitFor();
    const me = (await pageGraphql(page, '{ me { id } }')).me;
    const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '[]'), `rjhub.savedFilters.${me.id}`);
    assert.deepEqual(stored, [{ name: 'Fenland, longest waiting', href: '/cases?area=fenland&sort=oldest' }]);

    // Cleared, then picked again.
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.waitForURL(`${e2e.server.url}/cases`);
    assert.deepEqual(await cardRefs(page), all);
    await saved.getByRole('link', { name: 'Fenland, longest waiting' }).click();
    await page.waitForURL(`${e2e.server.url}/cases?area=fenland&sort=oldest`);
    assert.deepEqual(await cardRefs(page), [...fenland].reverse(), 'the saved filter again');
    await assertAccessible(page, 'a saved filter', { strict: true });

    // On a desktop the same rows are a table.
    await page.setViewportSize(DESKTOP);
    const table = page.getByRole('table', { name: /^Cases in Fenland, oldest first/ });
    await table.waitFor();
    assert.equal(await table.locator('tbody tr').count(), fenland.length);
    assert.equal(await page.locator('.record-list__item').first().isVisible(), false, 'no cards on a desktop');
    await assertAccessible(page, 'the case list on a desktop', { strict: true });

    // Removed.
    await saved.getByRole('button', { name: 'Remove the saved filter “Fenland, longest waiting”' }).click();
    await bannerSays(page, 'The saved filter “Fenland, longest waiting” is removed.');
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), `rjhub.savedFilters.${me.id}`), null);
    assertClean();
  });

  test('the list sorts by the soonest Victims’ Code deadline and flags each row with it', async (t) => {
    const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
    const filter = { stages: ['REFERRAL', 'ASSESSMENT'], oldestFirst: false, soonestDeadlineFirst: true };
    const data = await pageGraphql(
      page,
      'query($filter: TriageFilterInput) { triage(filter: $filter, first: 100) { nodes { nextDeadline case { reference } } } }',
      { filter },
    );
    const deadlines = data.triage.nodes.map((n) => n.nextDeadline).filter(Boolean);
    assert.ok(deadlines.length > 0, 'the demo self-referrals run the information clock');
    assert.deepEqual(deadlines, [...deadlines].sort(), 'soonest first');
    await page.goto(`${e2e.server.url}/cases?stage=REFERRAL&sort=deadline`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const first = page.locator('.record-list__item').first();
    await first.getByText(/Victims' Code deadline/).waitFor();
    assert.equal(await page.getByLabel('Order').inputValue(), 'deadline');
    await assertAccessible(page, 'the list by deadline', { strict: true });
    assertClean();
  });

  test('the menu is grouped by task: one row on a desktop, behind a button on a phone', async (t) => {
    const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
    const menu = await openMenu(page);
    for (const name of ['Cases', 'People and training', 'Reports', 'Admin', 'Your account']) {
      await menu.getByRole('list', { name, exact: true }).waitFor();
    }
    await menu.getByRole('list', { name: 'Cases', exact: true }).getByRole('link', { name: 'Intake inbox' }).waitFor();
    await menu.getByRole('list', { name: 'Admin', exact: true }).getByRole('link', { name: 'Invite a user' }).waitFor();
    await assertAccessible(page, 'the menu open on a phone', { strict: true });

    await page.setViewportSize(DESKTOP);
    const top = page.locator('#navigation > ul > li');
    const count = await top.count();
    assert.ok(count <= 6, `at most 6 entries at the top (${count})`);
    const rows = new Set(await top.evaluateAll((items) => items.map((li) => Math.round(li.getBoundingClientRect().top))));
    assert.equal(rows.size, 1, 'on one row');
    const cases = page.getByRole('button', { name: 'Cases', exact: true });
    assert.equal(await cases.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.getByRole('link', { name: 'Intake inbox' }).count(), 1, 'only the home page’s link shows');
    await cases.click();
    assert.equal(await cases.getAttribute('aria-expanded'), 'true');
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Intake inbox' }).waitFor();
    await assertAccessible(page, 'a group of the menu open on a desktop', { strict: true });
    await page.keyboard.press('Escape');
    assert.equal(await cases.getAttribute('aria-expanded'), 'false');
    assert.equal(await cases.evaluate((el) => el === document.activeElement), true, 'focus back on the group');
    await cases.click();
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Intake inbox' }).click();
    await page.waitForURL(`${e2e.server.url}/inbox`);
    assert.equal(await cases.getAttribute('aria-expanded'), 'false', 'closed on the new page');
    assertClean();
  });

  test('the case record starts with where the case stands, and each part of it is a tab', async (t) => {
    const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
    // The demo police referral in preparation: Agnieszka Nowak leads it, Gareth Lewis supervises it.
    const list = await pageGraphql(page, '{ triage(filter: { stages: [PREPARATION] }, first: 5) { nodes { case { id reference } nextStep } } }');
    const row = list.triage.nodes[0];
    assert.ok(row, 'a demo case in preparation');
    const detail = await pageGraphql(page, 'query($id: ID!) { case(id: $id) { participants { id person { fullName } } } }', { id: row.case.id });

    await page.goto(`${e2e.server.url}/cases/${row.case.id}`);
    await page.getByRole('heading', { level: 1, name: row.case.reference }).waitFor();
    const summary = page.getByRole('region', { name: 'Where the case stands' });
    const fact = (name) => summary.locator('.case-summary__item', { has: page.locator('dt', { hasText: name }) }).locator('dd');
    await fact('Stage').getByText('Preparing participants').waitFor();
    await fact('Next step').getByText(row.nextStep, { exact: true }).waitFor();
    await fact('Lead facilitator').getByText('Agnieszka Nowak').waitFor();
    await fact('Case supervisor').getByText('Gareth Lewis').waitFor();
    await fact('Risk').getByText('Not assessed yet').waitFor();
    await fact('Next meeting').getByText('None scheduled').waitFor();
    const consent = fact('Consent to take part');
    for (const p of detail.case.participants) {
      await consent.getByRole('listitem').filter({ hasText: p.person.fullName }).getByText('Not recorded').waitFor();
    }
    await assertAccessible(page, 'the case record', { strict: true });

    // Each part is a tab: one shown at a time, named in the address.
    const parts = [
      ['Overview', 'stage', 'Stage'],
      ['People and consent', 'people', 'People'],
      ['Contacts', 'timeline', 'Timeline'],
      ['Messages', 'messages', 'Messages'],
      ['Assessment and risk', 'assessment', 'Assessment'],
      ['Allocation', 'allocation', 'Allocation'],
      ['Meetings and outcome', 'meetings', 'Meetings'],
      ['Complaints', 'complaints', 'Complaints'],
    ];
    assert.deepEqual(
      (await page.getByRole('tab').allTextContents()).map((s) => s.trim()),
      parts.map(([name]) => name),
    );
    for (const [name, section, heading] of parts) {
      await openCaseTab(page, name);
      assert.equal(await page.getByRole('tab', { name, exact: true }).getAttribute('aria-selected'), 'true');
      await page.getByRole('tabpanel', { name }).getByRole('heading', { level: 2, name: heading, exact: true }).waitFor();
      assert.equal(await page.getByRole('tabpanel').count(), 1, 'one part at a time');
      assert.ok(page.url().endsWith(`#${section}`), `the address names ${section}`);
      await assertAccessible(page, `the case record’s ${name}`, { strict: true });
    }

    // The arrow keys move between tabs.
    await page.getByRole('tab', { name: 'Complaints' }).focus();
    await page.keyboard.press('ArrowRight');
    const overview = page.getByRole('tab', { name: 'Overview' });
    assert.equal(await overview.getAttribute('aria-selected'), 'true', 'round to the first');
    assert.equal(await overview.evaluate((el) => el === document.activeElement), true);

    // A link to a section opens its tab: the risk is under "Assessment and risk".
    await page.goto(`${e2e.server.url}/cases/${row.case.id}#risk`);
    await page.reload();
    await page.locator('#risk').getByRole('heading', { name: 'Risk assessments' }).waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Assessment and risk' }).getAttribute('aria-selected'), 'true');

    // A change on one tab shows in the summary at once.
    const first = detail.case.participants[0].person.fullName;
    await openCaseTab(page, 'People and consent');
    await page.locator('summary', { hasText: 'Record consent given or withdrawn' }).click();
    await page.getByLabel('Whose consent?').selectOption({ label: first });
    await page.getByRole('group', { name: 'What is it for?' }).getByLabel('Taking part').check();
    await page.getByRole('group', { name: 'Given or withdrawn?' }).getByLabel('Given').check();
    await page.getByLabel('How?').selectOption({ label: 'In writing' });
    await page.getByRole('button', { name: 'Record the consent' }).click();
    await bannerSays(page, 'The consent has been recorded.');
    await consent.getByRole('listitem').filter({ hasText: first }).getByText('Given', { exact: true }).waitFor();

    // On a desktop the record uses the page's width: the tabs beside the part shown.
    await page.setViewportSize(DESKTOP);
    const tabs = await page.getByRole('tablist').boundingBox();
    const panel = await page.getByRole('tabpanel').boundingBox();
    assert.ok(tabs && panel && tabs.x + tabs.width <= panel.x, 'the tabs are beside the part shown');
    const main = await page.locator('main').boundingBox();
    assert.ok(main && main.width > DESKTOP.width / 2, 'more than half the screen');
    await assertAccessible(page, 'the case record on a desktop', { strict: true });
    assertClean();
  });

  test('the allocation says who was not suggested and why: a facilitator at her case limit', async (t) => {
    const { page, assertClean } = await e2e.signedIn(t, 'coordinator');
    // Two demo self-referrals assessed as suitable; Agnieszka Nowak (2 of 3 cases) takes the
    // first, which fills her case load.
    const referrals = await triageRefsWithIds(page, { stages: ['REFERRAL'], oldestFirst: true });
    const [filling, open] = referrals.filter((r) => !r.awaitingOffender);
    assert.ok(filling && open, 'two demo self-referrals');
    const { facilitators } = await pageGraphql(page, '{ facilitators { userId name openCases profile { maxCases } } }');
    const agnieszka = facilitators.find((f) => f.name === 'Agnieszka Nowak');
    assert.equal(agnieszka.openCases, agnieszka.profile.maxCases - 1, 'one case short of her limit');
    for (const r of [filling, open]) {
      await pageGraphql(page, 'mutation($input: AssessReferralInput!) { assessReferral(input: $input) { case { id } } }', {
        input: { caseId: r.id, suitable: true },
      });
    }
    await pageGraphql(page, 'mutation($input: AssignFacilitatorInput!) { assignFacilitator(input: $input) { case { id } } }', {
      input: { caseId: filling.id, facilitatorId: agnieszka.userId, role: 'LEAD' },
    });
    const { facilitatorsLeftOut } = await pageGraphql(
      page,
      'query($id: ID!) { facilitatorsLeftOut(caseId: $id) { reason facilitator { name } } }',
      { id: open.id },
    );
    const full = facilitatorsLeftOut.find((l) => l.facilitator.name === 'Agnieszka Nowak');
    assert.match(full?.reason ?? '', /^full \(3 of 3 cases\)$/);

    await page.goto(`${e2e.server.url}/cases/${open.id}#allocation`);
    await page.getByRole('heading', { level: 1, name: open.reference }).waitFor();
    await page.locator('summary', { hasText: 'Offer the case to facilitators' }).click();
    const suggested = page.getByRole('group', { name: 'Suggested facilitators' });
    await suggested.getByRole('checkbox').first().waitFor();
    assert.equal(await suggested.getByLabel('Agnieszka Nowak').count(), 0, 'she is not suggested');
    const toggle = page.locator('summary', { hasText: `Not suggested (${facilitatorsLeftOut.length})` });
    // Collapsed until asked.
    assert.equal(await page.getByRole('list', { name: 'Not suggested, and why' }).count(), 0);
    await toggle.click();
    const why = page.getByRole('list', { name: 'Not suggested, and why' });
    await why.getByRole('listitem').filter({ hasText: 'Agnieszka Nowak' }).getByText('full (3 of 3 cases)').waitFor();
    assert.equal(await why.getByRole('listitem').count(), facilitatorsLeftOut.length);
    // Offering to her anyway, the reason is by her name too.
    await page.getByRole('group', { name: 'Other facilitators' }).getByText(/full \(3 of 3 cases\)/).waitFor();
    await assertAccessible(page, 'the allocation with those not suggested', { strict: true });
    assertClean();
  });
});

/** The triage list's cases (id, reference, whether parked) for a filter. */
async function triageRefsWithIds(page, filter) {
  const data = await pageGraphql(
    page,
    'query($filter: TriageFilterInput) { triage(filter: $filter, first: 100) { nodes { case { id reference awaitingOffender } } } }',
    { filter },
  );
  return data.triage.nodes.map((n) => n.case);
}
