// Training in a real browser against the real server, on a phone-sized screen with axe on every
// new page. The co-ordinator recruits a volunteer through the pipeline (enquiry → … → active,
// which invites them); the new volunteer has no accreditation and is not suggested for any case.
// The trainer creates a practitioner course, schedules a session with them booked, ticks their
// attendance and records a practitioner accreditation; then the co-ordinator sees them as able to
// be allocated (their training record, and `suggestFacilitators` for a case), and the volunteer
// sees the session and accreditation on "My training". Also: a case supervisor records supervision
// and a development plan that the facilitator then reads; screens a role may not use say so.
//
// Run: npm run build && npm run test:e2e   (needs ../target/debug/rjhub or RJHUB_BIN)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, bannerSays, heading, openMenu, openPhone, pageGraphql, pageGraphqlAnswer, sharedServerAndBrowser } from './browser.mjs';

const e2e = sharedServerAndBrowser();

/** The names `suggestFacilitators` gives for an open demo case, read as the co-ordinator. */
async function suggestedNames(page) {
  const list = await pageGraphqlAnswer(page, '{ cases(first: 50) { nodes { id stage } } }');
  const open = list.data.cases.nodes.find((c) => ['REFERRAL', 'ASSESSMENT'].includes(c.stage));
  assert.ok(open, 'a demo case waiting for allocation');
  const answer = await pageGraphql(page, 'query($id: ID!) { suggestFacilitators(caseId: $id) { facilitator { name } } }', { id: open.id });
  return answer.suggestFacilitators.map((s) => s.facilitator.name);
}

const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

describe('training and the volunteer bank', () => {
  test('a recruit trained and accredited by the trainer becomes able to be allocated', async (t) => {
    const NAME = 'Jo Rivers';
    const EMAIL = 'jo.rivers@example.test';

    // The co-ordinator's dashboard (in the menu's "People and training") and the recruitment pipeline.
    const coordinator = await e2e.signedIn(t, 'coordinator');
    const cp = coordinator.page;
    const menu = await openMenu(cp);
    await menu.getByRole('list', { name: 'People and training', exact: true }).getByRole('link', { name: 'Volunteer bank' }).click();
    await cp.waitForURL(`${e2e.server.url}/volunteers`);
    await cp.getByRole('heading', { level: 2, name: /^Active volunteers in \d{4}$/ }).waitFor();
    await cp.getByText('Below the minimum').waitFor();
    await cp.getByRole('list', { name: 'Volunteers' }).getByRole('link', { name: 'Agnieszka Nowak' }).waitFor();
    await assertAccessible(cp, 'the volunteer bank');

    await cp.getByRole('link', { name: 'Volunteer recruitment' }).click();
    await cp.waitForURL(`${e2e.server.url}/recruitment`);
    await cp.locator('summary', { hasText: 'Add an applicant' }).click();
    await cp.getByRole('button', { name: 'Add the applicant' }).click();
    await cp.locator('.error-summary').getByText('Enter their name').waitFor();
    await assertAccessible(cp, 'the add-applicant form with an error');
    await cp.getByLabel('Full name').fill(NAME);
    await cp.getByLabel('Email address (optional)').fill(EMAIL);
    await cp.getByRole('group', { name: 'Languages they speak (optional)' }).getByLabel('Polish').check();
    await cp.getByRole('button', { name: 'Add the applicant' }).click();
    await bannerSays(cp, `${NAME} has been added as an enquiry.`);

    for (const stage of ['application', 'role profile sent', 'vetting', 'training']) {
      await cp.locator('summary', { hasText: `Move ${NAME} on` }).click();
      await cp.getByRole('button', { name: 'Move them on' }).click();
      await bannerSays(cp, `${NAME} is now at: ${stage}.`);
    }
    await cp.locator('summary', { hasText: `Move ${NAME} on` }).click();
    await cp.getByRole('group', { name: 'Where do they go next?' }).getByLabel('Active volunteer').waitFor();
    await assertAccessible(cp, 'the recruitment page moving an applicant on');
    await cp.getByRole('button', { name: 'Move them on' }).click();
    await bannerSays(cp, `${NAME} is now an active volunteer.`);
    await assertAccessible(cp, 'the recruitment page with an active volunteer');

    // The invitation: the new volunteer sets a password on their phone.
    const mail = (await e2e.server.waitForMail(EMAIL)).replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
    const token = mail.match(/\/accept-invitation\?token=([A-Za-z0-9_\-.~%]+)/)?.[1];
    assert.ok(token, 'the e-mail carries an accept-invitation link');
    const volunteer = await openPhone(e2e.browser, t);
    const vp = volunteer.page;
    await vp.goto(`${e2e.server.url}/accept-invitation?token=${token}`);
    await vp.getByLabel('Create a password').fill('jo rivers long password');
    await vp.getByLabel('Confirm your password').fill('jo rivers long password');
    await vp.getByRole('button', { name: 'Set password and sign in' }).click();
    await vp.waitForURL(`${e2e.server.url}/`);
    await vp.getByRole('heading', { level: 1, name: NAME }).waitFor();

    // Before training: not accredited, not suggested.
    assert.ok(!(await suggestedNames(cp)).includes(NAME), 'not suggested before accreditation');
    await cp.getByRole('link', { name: 'Training record' }).click();
    await cp.waitForURL(/\/training\/facilitators\/[0-9a-f-]{36}$/);
    const recordUrl = cp.url();
    await cp.getByRole('heading', { level: 1, name: NAME }).waitFor();
    await cp.getByText('has no current practitioner accreditation').waitFor();
    await assertAccessible(cp, 'a training record without accreditation');

    // The trainer: a practitioner course, a session yesterday with the recruit booked.
    const trainer = await e2e.signedIn(t, 'trainer');
    const tp = trainer.page;
    await tp.getByRole('link', { name: 'Courses and sessions' }).click();
    await tp.waitForURL(`${e2e.server.url}/training`);
    await tp.getByRole('heading', { level: 1, name: 'Courses' }).waitFor();
    await assertAccessible(tp, 'the courses page');
    await tp.locator('summary', { hasText: 'Create a course' }).click();
    await tp.getByRole('group', { name: 'Kind of course' }).getByLabel('Practitioner (3 days)').check();
    await tp.getByRole('button', { name: 'Create the course' }).click();
    await bannerSays(tp, 'has been created');
    const title = 'Restorative justice practitioner (3 days)';
    await tp.getByRole('heading', { level: 2, name: title }).waitFor();

    await tp.locator('summary', { hasText: 'Schedule a session' }).click();
    await tp.getByRole('button', { name: 'Schedule the session' }).click();
    await tp.locator('.error-summary').getByText('Choose the course').waitFor();
    await tp.locator('.error-summary').getByText('Enter where the session is held').waitFor();
    await assertAccessible(tp, 'the schedule form with errors');
    const yesterday = LONDON_DAY.format(new Date(Date.now() - 86_400_000));
    await tp.getByLabel('Course', { exact: true }).selectOption({ label: title });
    await tp.getByLabel('Date', { exact: true }).fill(yesterday);
    await tp.getByLabel('Starts at').fill('09:30');
    await tp.getByLabel('Ends at').fill('16:30');
    await tp.getByLabel('Venue').fill('Town Hall, Committee Room 2');
    await tp.getByRole('group', { name: 'Who is booked on it (optional)' }).getByLabel(NAME).check();
    await tp.getByRole('button', { name: 'Schedule the session' }).click();
    await bannerSays(tp, 'has been scheduled');
    await tp.getByRole('list', { name: `Sessions of ${title}` }).getByRole('link').first().click();
    await tp.waitForURL(/\/training\/sessions\/[0-9a-f-]{36}$/);
    await tp.getByRole('heading', { level: 1, name: /^Attendance on / }).waitFor();
    await assertAccessible(tp, 'the session page');

    // Ticking attendance on the phone.
    const who = tp.getByRole('group', { name: 'Who attended?' });
    await who.getByLabel(NAME).check();
    await tp.getByRole('button', { name: 'Save attendance' }).click();
    await bannerSays(tp, 'Attendance has been saved: 1 attended.');
    await tp.getByRole('list', { name: 'Who is booked' }).getByText('Attended', { exact: true }).waitFor();
    await assertAccessible(tp, 'the session page after saving attendance');
    trainer.assertClean();

    // The accreditation.
    await tp.goto(`${e2e.server.url}/training/facilitators`);
    await tp.getByRole('list', { name: 'Facilitators' }).getByRole('link', { name: NAME }).click();
    await tp.waitForURL(recordUrl);
    await tp.getByRole('heading', { level: 1, name: NAME }).waitFor();
    await tp.getByRole('list', { name: 'Training sessions' }).getByText(title).waitFor();
    await tp.locator('summary', { hasText: 'Record an accreditation' }).click();
    await tp.getByRole('button', { name: 'Record the accreditation' }).click();
    await tp.locator('.error-summary').getByText('Choose the level of accreditation').waitFor();
    await assertAccessible(tp, 'the accreditation form with errors');
    await tp.getByRole('group', { name: 'Level' }).getByLabel('Practitioner').check();
    await tp.getByLabel('Awarding organisation').selectOption({ label: 'Restorative Justice Council' });
    await tp.getByLabel('Evidence (optional)').fill('Certificate RJC-2026-0412');
    await tp.getByRole('button', { name: 'Record the accreditation' }).click();
    await bannerSays(tp, `A practitioner accreditation has been recorded for ${NAME}.`);
    await tp.getByText('Can be allocated cases').waitFor();
    await assertAccessible(tp, 'a training record with an accreditation');
    trainer.assertClean();

    // After: the co-ordinator sees them able to be allocated, and they are suggested.
    await cp.reload();
    await cp.getByText('Can be allocated cases').waitFor();
    const accreditations = cp.getByRole('list', { name: 'Accreditations' });
    await accreditations.getByText('Restorative Justice Council').waitFor();
    await accreditations.getByText('Current', { exact: true }).waitFor();
    assert.ok((await suggestedNames(cp)).includes(NAME), 'suggested once accredited');
    coordinator.assertClean();

    // The volunteer's own record.
    await vp.getByRole('link', { name: 'My training' }).first().click();
    await vp.waitForURL(`${e2e.server.url}/my-training`);
    await vp.getByRole('heading', { level: 1, name: 'My training' }).waitFor();
    await vp.getByRole('list', { name: 'Training sessions' }).getByText('Attended').waitFor();
    await vp.getByRole('list', { name: 'Accreditations' }).getByText('Practitioner').waitFor();
    await vp.getByText('Can be allocated cases').waitFor();
    await assertAccessible(vp, 'my training');
    volunteer.assertClean();
  });

  test('a supervisor records supervision and a development plan the facilitator can read', async (t) => {
    const supervisor = await e2e.signedIn(t, 'supervisor');
    const sp = supervisor.page;
    await sp.getByRole('link', { name: 'Supervision and development plans' }).click();
    await sp.waitForURL(`${e2e.server.url}/training/facilitators`);
    await assertAccessible(sp, 'the facilitators list');
    await sp.getByRole('list', { name: 'Facilitators' }).getByRole('link', { name: 'Agnieszka Nowak' }).click();
    await sp.getByRole('heading', { level: 1, name: 'Agnieszka Nowak' }).waitFor();
    // A supervisor does not record accreditation.
    assert.equal(await sp.locator('summary', { hasText: 'Record an accreditation' }).count(), 0);
    await sp.locator('summary', { hasText: 'Record a supervision session' }).click();
    await sp.getByRole('button', { name: 'Record the supervision' }).click();
    await sp.locator('.error-summary').getByText('Choose the kind of supervision').waitFor();
    await assertAccessible(sp, 'the supervision form with an error');
    await sp.getByRole('group', { name: 'Kind of supervision' }).getByLabel('One-to-one').check();
    await sp.getByLabel('Notes (optional)').fill('Reflected on the Hendon conference');
    await sp.getByLabel('Actions agreed (optional)').fill('Shadow a harm-to-person case');
    await sp.getByRole('button', { name: 'Record the supervision' }).click();
    await bannerSays(sp, 'The supervision session has been recorded.');
    await sp.locator('summary', { hasText: 'Set a development plan' }).click();
    await sp.getByRole('textbox', { name: 'Development plan' }).fill('Work towards the trainer accreditation in 2027');
    await sp.getByRole('button', { name: 'Save the plan' }).click();
    await bannerSays(sp, 'The development plan has been saved.');
    await assertAccessible(sp, 'a training record with supervision');

    // Courses are for trainers and the co-ordinator.
    await sp.goto(`${e2e.server.url}/training`);
    assert.equal(await heading(sp), 'You cannot use this page');
    supervisor.assertClean();

    const volunteer = await e2e.signedIn(t, 'volunteer');
    const vp = volunteer.page;
    await vp.goto(`${e2e.server.url}/my-training`);
    // The session just recorded (the demo has her earlier ones too, by the same supervisor).
    const sup = vp.getByRole('list', { name: 'Supervision sessions' }).getByRole('listitem').filter({ hasText: 'Reflected on the Hendon conference' });
    await sup.getByText('Gareth Lewis').waitFor();
    await vp.getByText('Work towards the trainer accreditation in 2027').waitFor();
    await assertAccessible(vp, 'my training with supervision');
    volunteer.assertClean();
  });
});
