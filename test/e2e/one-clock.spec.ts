import { Role } from '../../src/auth/roles.js';
import { addDays, isoDate } from '../../src/domain/schedule.js';
import { controlClock, type TestClock } from '../support/clock.js';
import { answerEverything, buyers, draftAssessment, invitationToken, type Buyer } from '../support/flows.js';
import { insertFinding } from '../support/schedules.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';

describe('one clock: overdue findings, sending, answering and invitation links follow the application clock', () => {
  let t: TestApp;
  let buyer: Buyer;
  let auditor: string;
  let clock: TestClock;
  const start = addDays(isoDate(new Date()), 40);

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await buyers(t);
    auditor = (await signIn(t, Role.Auditor)).token;
    clock = controlClock(t, start);
  });
  afterAll(async () => {
    clock.restore();
    await t.stop();
  });
  afterEach(() => clock.setDay(start));

  const api = () => t.http();

  it('lists a finding as overdue only once the clock passes its due date', async () => {
    const draft = await draftAssessment(t, buyer.procurement, { dueDate: addDays(start, 30) });
    const findingId = await insertFinding(t, draft.assessmentId, { status: 'open', dueDate: addDays(start, 5) });
    const ids = async (overdue: string) =>
      (await api().get(`/api/v1/findings?overdue=${overdue}`).set(bearer(auditor)).expect(200)).body.items.map((f: { id: string }) => f.id);

    expect(await ids('true')).not.toContain(findingId);
    expect(await ids('false')).toContain(findingId);
    clock.setDay(addDays(start, 6));
    expect(await ids('true')).toContain(findingId);
    expect(await ids('false')).not.toContain(findingId);
  });

  it('stamps sending, answering and submitting with the clock, and lets an invitation expire 14 days after the clock sent it', async () => {
    const draft = await draftAssessment(t, buyer.procurement, { dueDate: addDays(start, 30) });
    await api().post(`/api/v1/assessments/${draft.assessmentId}/send`).set(bearer(buyer.procurement)).expect(200);
    const token = await invitationToken(t, draft.contactEmail);
    const [invitation] = await t.db.query('SELECT expires_at FROM invitations WHERE assessment_id = $1', [draft.assessmentId]);
    expect(isoDate(new Date(invitation.expires_at))).toBe(addDays(start, 14));

    clock.setDay(addDays(start, 15));
    const late = await api().post('/api/v1/auth/invitations/accept').send({ token, name: 'Sam Lee' }).expect(400);
    expect(late.body.code).toBe('invitation_invalid');

    clock.setDay(addDays(start, 13));
    const accepted = await api().post('/api/v1/auth/invitations/accept').send({ token, name: 'Sam Lee' }).expect(200);
    await answerEverything(t, accepted.body.token, draft.assessmentId);
    const submitted = await api().post(`/api/v1/assessments/${draft.assessmentId}/submit`).set(bearer(accepted.body.token));
    expect(submitted.status).toBe(200);

    const [row] = await t.db.query('SELECT sent_at, submitted_at FROM assessments WHERE id = $1', [draft.assessmentId]);
    expect(isoDate(new Date(row.sent_at))).toBe(start);
    expect(isoDate(new Date(row.submitted_at))).toBe(addDays(start, 13));
    const answered: { answered_at: Date }[] = await t.db.query('SELECT DISTINCT answered_at FROM responses WHERE assessment_id = $1', [draft.assessmentId]);
    expect(answered.map((r) => isoDate(new Date(r.answered_at)))).toEqual([addDays(start, 13)]);
    const [accept] = await t.db.query('SELECT accepted_at FROM invitations WHERE assessment_id = $1', [draft.assessmentId]);
    expect(isoDate(new Date(accept.accepted_at))).toBe(addDays(start, 13));
  });
});
