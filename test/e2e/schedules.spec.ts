import { Role } from '../../src/auth/roles.js';
import { addDays, isoDate } from '../../src/domain/schedule.js';
import { JobName, QueueName } from '../../src/queue/jobs.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { controlClock, type TestClock } from '../support/clock.js';
import { answerEverything, buyers, draftAssessment, type Buyer } from '../support/flows.js';
import { approveInSql, daysFromNow, insertAcceptance, insertCondition, insertEvidence, insertFinding, linkToken, noticeKeys, sweep } from '../support/schedules.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait.js';

describe('the sweep: reminders, escalation, nudges and expiries, by the clock', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let buyer: Buyer;
  let clock: TestClock;
  let riskManagerIds: string[];

  beforeAll(async () => {
    // Only the sweeps the tests run: the scheduled one would run at the same moments, harmlessly.
    process.env.SWEEP_INTERVAL_SECONDS = '86400';
    smtp = await startSmtpServer();
    t = await startTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://assay.bank.example' } });
    buyer = await buyers(t);
    riskManagerIds = (await t.db.query(`SELECT id FROM users WHERE role = 'risk_manager' ORDER BY id`)).map((row: { id: string }) => row.id);
    clock = controlClock(t);
  });
  afterAll(async () => {
    delete process.env.SWEEP_INTERVAL_SECONDS;
    await t.stop();
    await smtp.close();
  });
  afterEach(() => clock.setDay(isoDate(new Date())));

  const mailsTo = (email: string) => smtp.mails.filter((mail) => mail.envelopeTo.includes(email));

  async function sentDraft(dueDate: string, questionnaireKeys?: string[]) {
    const draft = await draftAssessment(t, buyer.procurement, { dueDate, questionnaireKeys });
    await t.http().post(`/api/v1/assessments/${draft.assessmentId}/send`).set(bearer(buyer.procurement)).expect(200);
    const invitation = await smtp.waitForMail((mail) => mail.envelopeTo.includes(draft.contactEmail));
    return { ...draft, invitation };
  }

  const queuedByDay: Record<number, Record<string, number>> = {};

  /** Sweeps each day from `first` to `last` days after `day`, twice a day, and lists the new keys per day. */
  async function sweepDays(day: string, first: number, last: number, part: string): Promise<Record<number, string[]>> {
    const added: Record<number, string[]> = {};
    for (const offset of Object.keys(queuedByDay)) delete queuedByDay[Number(offset)];
    for (let offset = first; offset <= last; offset++) {
      clock.setDay(addDays(day, offset));
      const before = new Set(await noticeKeys(t, part));
      const { queued } = await sweep(t);
      if (Object.keys(queued).length) queuedByDay[offset] = queued;
      const again = await sweep(t);
      expect(again.queued).toEqual({});
      const fresh = (await noticeKeys(t, part)).filter((key) => !before.has(key));
      if (fresh.length) added[offset] = fresh.sort();
    }
    return added;
  }

  it('registers the repeatable sweep with the job scheduler when the worker starts', async () => {
    const scheduler = await waitFor('the sweep scheduler', () => t.app.get(QueueService).queue(QueueName.Schedules).getJobScheduler(JobName.Sweep));
    expect(scheduler).toMatchObject({ name: JobName.Sweep, every: 86_400_000 });
  });

  it('reminds the vendor on T-7, T-2, the due day and every 3 days overdue, once each, and escalates after 7 days', async () => {
    const due = daysFromNow(30);
    const draft = await sentDraft(due);
    const id = draft.assessmentId;

    const added = await sweepDays(due, -8, 10, `:${id}:`);

    const reminder = (stage: string) => [`reminder:${stage}:${id}:${due}:${draft.contactEmail}`];
    const escalation = [buyer.procurementId, ...riskManagerIds].map((user) => `escalation:${id}:${due}:${user}`).sort();
    expect(added).toEqual({ [-7]: reminder('T-7'), [-2]: reminder('T-2'), 0: reminder('T0'), 3: reminder('T+3'), 6: reminder('T+6'), 7: escalation, 9: reminder('T+9') });
    expect(queuedByDay).toEqual({ [-7]: { assessment_reminder: 1 }, [-2]: { assessment_reminder: 1 }, 0: { assessment_reminder: 1 }, 3: { assessment_reminder: 1 }, 6: { assessment_reminder: 1 }, 7: { assessment_escalation: escalation.length }, 9: { assessment_reminder: 1 } });

    const reminders = await waitFor('six reminders at the SMTP server', () => (mailsTo(draft.contactEmail).length === 7 ? mailsTo(draft.contactEmail).slice(1) : undefined));
    expect(reminders.map((mail) => mail.subject)).toEqual([
      `Reminder: AI due-diligence questionnaire for Scorer, due ${due}`,
      `Reminder: AI due-diligence questionnaire for Scorer, due ${due}`,
      'Reminder: AI due-diligence questionnaire for Scorer, due today',
      `Overdue: AI due-diligence questionnaire for Scorer, due ${due}`,
      `Overdue: AI due-diligence questionnaire for Scorer, due ${due}`,
      `Overdue: AI due-diligence questionnaire for Scorer, due ${due}`,
    ]);
    expect(reminders[0].text).toContain(`is due in 7 days, on ${due}`);
    expect(reminders[5].text).toContain('is 9 days overdue');
    const tokens = reminders.map(linkToken);
    expect(new Set([linkToken(draft.invitation), ...tokens]).size).toBe(7);
    expect(reminders[5].html).toContain(`href="https://assay.bank.example/invite#token=${tokens[5]}"`);

    // Each reminder's link replaces the unused ones before it: only the newest opens the questionnaire.
    await t.http().post('/api/v1/auth/invitations/accept').send({ token: tokens[4], name: 'Sam Lee' }).expect(400);
    await t.http().post('/api/v1/auth/invitations/accept').send({ token: tokens[5], name: 'Sam Lee' }).expect(200);

    const requester: string = (await t.db.query('SELECT email FROM users WHERE id = $1', [buyer.procurementId]))[0].email;
    const escalated = await smtp.waitForMail((mail) => mail.envelopeTo.includes(requester) && mail.subject.startsWith('Overdue by 7 days'));
    expect(escalated.subject).toBe('Overdue by 7 days: Scorer (cycle 1)');
    expect(escalated.text).toContain(`https://assay.bank.example/assessments/${id}`);
    const audit: { action: string }[] = await t.db.query(`SELECT action FROM audit_events WHERE entity_id = $1 AND action = 'assessment.reminded'`, [id]);
    expect(audit).toHaveLength(6);
  }, 120_000);

  it('nudges the risk managers when a submission has waited 5 days for review, and every 5 days after', async () => {
    const draft = await sentDraft(daysFromNow(30));
    const session = await t.http().post('/api/v1/auth/invitations/accept').send({ token: linkToken(draft.invitation), name: 'Sam Lee' }).expect(200);
    await answerEverything(t, session.body.token, draft.assessmentId);
    await t.http().post(`/api/v1/assessments/${draft.assessmentId}/submit`).set(bearer(session.body.token)).expect(200);
    const submittedOn = isoDate(new Date());

    const added = await sweepDays(submittedOn, 3, 11, `review_nudge:`);

    const nudge = (stage: string) => riskManagerIds.map((user) => `review_nudge:${stage}:${draft.assessmentId}:${submittedOn}:${user}`).sort();
    expect(added).toEqual({ 5: nudge('D+5'), 10: nudge('D+10') });
    const riskManagerEmail: string = (await t.db.query('SELECT email FROM users WHERE id = $1', [buyer.riskManagerId]))[0].email;
    const mail = await smtp.waitForMail((m) => m.envelopeTo.includes(riskManagerEmail) && m.subject.startsWith('Waiting for review for 5 days'));
    expect(mail.text).toContain(`submitted the questionnaire for Scorer on ${submittedOn}`);
  }, 60_000);

  it('tells the owner of a condition and the vendor of a remediation item a week ahead, then again when overdue', async () => {
    const draft = await sentDraft(daysFromNow(20));
    await approveInSql(t, draft.assessmentId, daysFromNow(700), 'approved_with_conditions');
    const due = daysFromNow(40);
    const conditionId = await insertCondition(t, draft.assessmentId, buyer.riskManagerId, due);
    const findingId = await insertFinding(t, draft.assessmentId, { status: 'open', dueDate: due, visibleToVendor: true });
    const internal = await insertFinding(t, draft.assessmentId, { status: 'open', dueDate: due, visibleToVendor: false });

    const added = await sweepDays(due, -8, 1, `:${due}:`);

    expect(added).toEqual({
      [-7]: [`condition:due:${conditionId}:${due}:${buyer.procurementId}`, `remediation:due:${findingId}:${due}:${draft.contactEmail}`],
      1: [
        ...[buyer.procurementId, ...riskManagerIds].map((user) => `condition:overdue+1:${conditionId}:${due}:${user}`).sort(),
        `remediation:overdue+1:${findingId}:${due}:${draft.contactEmail}`,
      ],
    });
    // Other tests' assessments are still in the database (a review still waits), so only these kinds count here.
    const obligations = Object.fromEntries(
      Object.entries(queuedByDay)
        .map(([day, kinds]) => [day, Object.fromEntries(Object.entries(kinds).filter(([kind]) => /^(condition|remediation)_/.test(kind)))])
        .filter(([, kinds]) => Object.keys(kinds).length),
    );
    expect(obligations).toEqual({ [-7]: { condition_due: 1, remediation_due: 1 }, 1: { condition_overdue: 1 + riskManagerIds.length, remediation_overdue: 1 } });
    expect(await noticeKeys(t, internal)).toEqual([]);
    const vendorMail = await smtp.waitForMail((m) => m.envelopeTo.includes(draft.contactEmail) && m.subject.startsWith('Overdue: remediation'));
    expect(vendorMail.text).toContain(`https://assay.bank.example/findings/${findingId}`);

    clock.setDay(addDays(due, -3));
    const listed = await t.http().get(`/api/v1/schedules?from=${due}&to=${due}`).set(bearer(buyer.riskManager)).expect(200);
    const mine = listed.body.items.filter((item: { assessmentId: string }) => item.assessmentId === draft.assessmentId);
    expect(mine.map((item: { kind: string; id: string; overdue: boolean }) => [item.kind, item.id, item.overdue])).toEqual([
      ['condition', conditionId, false],
      ['remediation', findingId, false],
    ]);
  }, 60_000);

  it('warns 30 days before a risk acceptance runs out, and reopens the finding when it has', async () => {
    const draft = await sentDraft(daysFromNow(20));
    await approveInSql(t, draft.assessmentId, daysFromNow(700));
    const findingId = await insertFinding(t, draft.assessmentId, { status: 'accepted' });
    const expires = daysFromNow(60);
    const acceptanceId = await insertAcceptance(t, findingId, buyer.riskManagerId, expires);

    const added = await sweepDays(expires, -31, 2, `acceptance:`);

    expect(added).toEqual({ [-30]: [`acceptance:expiring:${acceptanceId}:${expires}:${buyer.riskManagerId}`], 1: [`acceptance:lapsed:${acceptanceId}:${expires}:${buyer.riskManagerId}`] });
    const [finding] = await t.db.query('SELECT status, version FROM findings WHERE id = $1', [findingId]);
    expect(finding).toEqual({ status: 'open', version: 2 });
    const [acceptance] = await t.db.query('SELECT lapsed_at FROM risk_acceptances WHERE id = $1', [acceptanceId]);
    expect(isoDate(acceptance.lapsed_at)).toBe(addDays(expires, 1));
    const audit = await t.db.query(`SELECT action, entity_id, changes FROM audit_events WHERE entity_id IN ($1, $2) ORDER BY seq`, [findingId, acceptanceId]);
    expect(audit.map((event: { action: string; entity_id: string }) => [event.action, event.entity_id])).toEqual([
      ['risk_acceptance.lapsed', acceptanceId],
      ['finding.reopened', findingId],
    ]);
    expect(audit[1].changes).toMatchObject({ status: { before: 'accepted', after: 'open' } });
    const email: string = (await t.db.query('SELECT email FROM users WHERE id = $1', [buyer.riskManagerId]))[0].email;
    const mail = await smtp.waitForMail((m) => m.envelopeTo.includes(email) && m.subject.startsWith('Risk acceptance lapsed'));
    expect(mail.text).toContain('The finding is open again.');
  }, 60_000);

  it('lists evidence behind an approval that runs out within the window, by its own date or by its age', async () => {
    const draft = await sentDraft(daysFromNow(20), ['ai-due-diligence-core']);
    const other = await sentDraft(daysFromNow(20), ['ai-due-diligence-lite']);
    await approveInSql(t, draft.assessmentId, daysFromNow(700));
    await approveInSql(t, other.assessmentId, daysFromNow(700));
    // PERF-01 asks for a validation report at most 12 months old.
    const aged = await insertEvidence(t, draft.assessmentId, { name: 'validation-2030.pdf', documentDate: addDays(daysFromNow(25), -365), questionIds: ['PERF-01'] });
    const dated = await insertEvidence(t, draft.assessmentId, { name: 'soc2.pdf', expiresAt: daysFromNow(20) });
    await insertEvidence(t, draft.assessmentId, { name: 'fresh-validation.pdf', documentDate: daysFromNow(-10), questionIds: ['PERF-01'] });
    await insertEvidence(t, draft.assessmentId, { name: 'undated.pdf' });
    const unlinked = await insertEvidence(t, other.assessmentId, { name: 'old-but-no-max-age.pdf', documentDate: daysFromNow(-2000), questionIds: ['PERF-01'] });

    const res = await t.http().get('/api/v1/schedules?kind=evidence').set(bearer(buyer.riskManager)).expect(200);
    const agedUntil = (await t.db.query(`SELECT ($1::date + interval '12 months')::date::text AS d`, [addDays(daysFromNow(25), -365)]))[0].d;
    expect(res.body.items.map((i: { id: string; date: string; title: string; status: string }) => [i.id, i.date, i.title, i.status])).toEqual(
      [
        [dated, daysFromNow(20), 'soc2.pdf', 'valid'],
        [aged, agedUntil, 'validation-2030.pdf', 'valid'],
      ].sort((a, b) => a[1].localeCompare(b[1])),
    );
    expect(res.body.items.map((i: { id: string }) => i.id)).not.toContain(unlinked);
    expect(res.body.items[0]).toMatchObject({ kind: 'evidence', aiSystemId: draft.aiSystemId, assessmentId: draft.assessmentId, overdue: false, opensOn: null });

    const all = await t.http().get('/api/v1/schedules?limit=200').set(bearer(buyer.procurement)).expect(200);
    let cursor: string | null = null;
    const paged: string[] = [];
    do {
      const page: { body: { items: { kind: string; id: string }[]; nextCursor: string | null } } = await t.http().get(`/api/v1/schedules?limit=2${cursor ? `&cursor=${cursor}` : ''}`).set(bearer(buyer.procurement)).expect(200);
      paged.push(...page.body.items.map((i: { kind: string; id: string }) => `${i.kind}/${i.id}`));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.body.items.map((i: { kind: string; id: string }) => `${i.kind}/${i.id}`));
    expect(all.body.items.map((i: { date: string }) => i.date)).toEqual([...all.body.items.map((i: { date: string }) => i.date)].sort());
    expect(all.body).toMatchObject({ from: daysFromNow(-90), to: daysFromNow(90) });

    await sweep(t);
    expect((await noticeKeys(t, `evidence:expiring:`)).filter((key) => key.includes(aged) || key.includes(dated)).sort()).toEqual(
      [aged, dated].flatMap((id) => [buyer.procurementId, ...riskManagerIds].map((user) => `evidence:expiring:${id}:${id === aged ? agedUntil : daysFromNow(20)}:${user}`)).sort(),
    );
  });

  it('counts failed jobs on /metrics', async () => {
    await t.app.get(QueueService).queue(QueueName.Schedules).add('no-such-job', {}, { jobId: 'metrics-failure', attempts: 1 });
    const metrics = await waitFor('the failure counted', async () => {
      const res = await t.http().get('/metrics').expect(200);
      return /assay_job_failures_total\{queue="schedules",job="no-such-job"\} 1/.test(res.text) ? res.text : undefined;
    });
    expect(metrics).toContain('# TYPE assay_job_failures_total counter');
  });

  it('refuses the schedule to vendors and a window it cannot serve', async () => {
    const vendor = await signIn(t, Role.Vendor);
    await t.http().get('/api/v1/schedules').set(bearer(vendor.token)).expect(403);
    const api = (query: string) => t.http().get(`/api/v1/schedules?${query}`).set(bearer(buyer.procurement));
    expect((await api('from=2031-05-02&to=2031-05-01').expect(400)).body.errors).toEqual([{ field: 'to', message: 'to must not be before from' }]);
    await api('from=2031-01-01&to=2033-01-02').expect(400);
    await api('kind=everything').expect(400);
    await api('from=2031-02-30').expect(400);
    expect((await api('cursor=bm90LWEtY3Vyc29y').expect(400)).body.code).toBe('invalid_cursor');
  });
});
