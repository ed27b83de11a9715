import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Role } from '../../src/auth/roles.js';
import { bearer, signIn, type TestApp } from './test-app.js';
import { multipart, pdf } from './uploads.js';

export const PLAIN_INTAKE = {
  decision_impact: 'none',
  data_sensitivity: 'internal',
  exposure: 'internal',
  annex_iii_area: 'none',
  generative: false,
  interacts_with_people: false,
  autonomy: 'suggests_only',
  prohibited_practice: false,
  business_criticality: 'low',
};

export const CREDIT_INTAKE = {
  ...PLAIN_INTAKE,
  decision_impact: 'significant',
  data_sensitivity: 'personal',
  exposure: 'customer_facing',
  annex_iii_area: 'essential_services_credit',
};

export interface Buyer {
  procurement: string;
  procurementId: string;
  riskManager: string;
  riskManagerId: string;
}

export async function buyers(t: TestApp): Promise<Buyer> {
  const procurement = await signIn(t, Role.Procurement);
  const risk = await signIn(t, Role.RiskManager);
  return { procurement: procurement.token, procurementId: procurement.id, riskManager: risk.token, riskManagerId: risk.id };
}

export interface DraftAssessment {
  vendorId: string;
  contactId: string;
  contactEmail: string;
  aiSystemId: string;
  intakeId: string;
  assessmentId: string;
}

/** Vendor, contact, AI system, intake and a draft assessment, all through the API. */
export async function draftAssessment(
  t: TestApp,
  token: string,
  options: { intake?: object; modelType?: string; questionnaireKeys?: string[]; vendorName?: string; dueDate?: string } = {},
): Promise<DraftAssessment> {
  const post = async (path: string, body: object) => (await t.http().post(path).set(bearer(token)).send(body).expect(201)).body;
  const vendor = await post('/api/v1/vendors', { legalName: options.vendorName ?? `Vendor ${crypto.randomUUID().slice(0, 6)}`, country: 'GB' });
  const contactEmail = `contact.${crypto.randomUUID().slice(0, 8)}@vendor.example`;
  const contact = await post(`/api/v1/vendors/${vendor.id}/contacts`, { name: 'Sam Lee', email: contactEmail });
  const system = await post(`/api/v1/vendors/${vendor.id}/ai-systems`, { name: 'Scorer', version: '1.0', modelType: options.modelType ?? 'predictive', hosting: 'vendor_saas' });
  const intake = await post('/api/v1/intakes', { aiSystemId: system.id, useCase: 'Pre-screen applications', answers: options.intake ?? PLAIN_INTAKE });
  const assessment = await post('/api/v1/assessments', {
    intakeId: intake.id,
    dueDate: options.dueDate ?? new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    contactIds: [contact.id],
    ...(options.questionnaireKeys ? { questionnaireKeys: options.questionnaireKeys } : {}),
  });
  return { vendorId: vendor.id, contactId: contact.id, contactEmail, aiSystemId: system.id, intakeId: intake.id, assessmentId: assessment.id };
}

/** Mail written to DATA_DIR/mail (no SMTP_URL in tests), decoded from quoted-printable. */
export async function mailsTo(t: TestApp, email: string): Promise<string[]> {
  const dir = join(t.config.dataDir, 'mail');
  const names = await readdir(dir).catch(() => [] as string[]);
  const texts = await Promise.all(names.map((name) => readFile(join(dir, name), 'utf8')));
  return texts
    .filter((text) => new RegExp(`^To: .*${email.replace(/[.+]/g, '\\$&')}`, 'mi').test(text))
    .map((text) => text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
}

/** The token of the newest invitation e-mailed to `email`, as the contact would click it. */
export async function invitationToken(t: TestApp, email: string, previous: string[] = []): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    for (const mail of await mailsTo(t, email)) {
      const token = /#token=([A-Za-z0-9_-]{20,})/.exec(mail)?.[1];
      if (token && !previous.includes(token)) return token;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No invitation mail to ${email}`);
}

export interface SentAssessment extends DraftAssessment {
  vendorToken: string;
  vendorUserId: string;
}

/** A draft assessment, sent, with the invitation accepted by the vendor contact. */
export async function sentAssessment(t: TestApp, token: string, options: Parameters<typeof draftAssessment>[2] = {}): Promise<SentAssessment> {
  const draft = await draftAssessment(t, token, options);
  await t.http().post(`/api/v1/assessments/${draft.assessmentId}/send`).set(bearer(token)).expect(200);
  const invitation = await invitationToken(t, draft.contactEmail);
  const accepted = await t.http().post('/api/v1/auth/invitations/accept').send({ token: invitation, name: 'Sam Lee' }).expect(200);
  return { ...draft, vendorToken: accepted.body.token, vendorUserId: accepted.body.user.id };
}

interface QuestionItem {
  id: string;
  type: string;
  required: boolean;
  naAllowed: boolean;
  options?: { value: string | boolean }[];
  evidence?: { required: boolean };
  answer?: unknown;
}

type TemplateQuestion = { id: string; options?: { value: string | boolean; points?: number }[] };

/** The best-scoring option of every question in the shipped templates, as a careful vendor would answer. */
const BEST_OPTIONS: ReadonlyMap<string, string | boolean> = new Map(
  readdirSync('questionnaires')
    .filter((name) => name.endsWith('.yaml'))
    .flatMap((name) => ((parse(readFileSync(join('questionnaires', name), 'utf8')) as { questions?: TemplateQuestion[] }).questions ?? []))
    .filter((q) => q.options?.some((o) => o.points !== undefined))
    .map((q) => [q.id, [...q.options!].sort((a, b) => (b.points ?? 0) - (a.points ?? 0))[0].value]),
);

/** A valid answer of each type: the best-scoring option (else the first), some text, a number, today's date. */
export function sampleAnswer(question: QuestionItem): unknown {
  const best = BEST_OPTIONS.get(question.id) ?? question.options?.[0]?.value;
  switch (question.type) {
    case 'boolean':
      return best ?? true;
    case 'single_choice':
      return best;
    case 'multi_choice':
      return [best];
    case 'number':
      return 1;
    case 'date':
      return new Date().toISOString().slice(0, 10);
    default:
      return 'Answered in the test.';
  }
}

/** Uploads one small PDF linked to these questions, as a vendor attaching a document. */
export async function attachEvidence(t: TestApp, vendorToken: string, assessmentId: string, questionIds: string[]): Promise<void> {
  const { body, contentType } = multipart([...questionIds.map((value) => ({ name: 'questionIds', value })), { name: 'file', filename: 'policy.pdf', content: pdf('Policy'), type: 'application/pdf' }]);
  await t.http().post(`/api/v1/assessments/${assessmentId}/evidence`).set(bearer(vendorToken)).set('content-type', contentType).send(body).expect(201);
}

/**
 * Answers every visible question until no new one appears; questions that need evidence are
 * marked not applicable with a reason where N/A is allowed, and answered with a document
 * attached where it is not. `answers` gives some questions another answer (a knockout, say).
 */
export async function answerEverything(t: TestApp, vendorToken: string, assessmentId: string, answers: Record<string, unknown> = {}): Promise<number> {
  const answered = new Set<string>();
  for (let round = 0; round < 20; round++) {
    const res = await t.http().get(`/api/v1/assessments/${assessmentId}/questions`).set(bearer(vendorToken)).expect(200);
    const open = (res.body.items as QuestionItem[]).filter((q) => !answered.has(q.id));
    if (open.length === 0) return answered.size;
    const needsEvidence = (q: QuestionItem) => q.type === 'evidence' || q.evidence?.required;
    const responses = open.map((q) => {
      if (q.id in answers) return { questionId: q.id, value: answers[q.id] };
      return needsEvidence(q) && q.naAllowed ? { questionId: q.id, notApplicable: true, reason: 'Covered elsewhere in the test' } : { questionId: q.id, value: sampleAnswer(q) };
    });
    const documented = open.filter((q) => !(q.id in answers) && needsEvidence(q) && !q.naAllowed).map((q) => q.id);
    if (documented.length) await attachEvidence(t, vendorToken, assessmentId, documented);
    await t.http().put(`/api/v1/assessments/${assessmentId}/responses`).set(bearer(vendorToken)).send({ responses }).expect(200);
    open.forEach((q) => answered.add(q.id));
  }
  throw new Error('Questions kept appearing');
}

type AssessmentOptions = Parameters<typeof draftAssessment>[2] & { answers?: Record<string, unknown> };

/** A sent assessment, answered in full and submitted by the vendor. */
export async function submittedAssessment(t: TestApp, token: string, options: AssessmentOptions = {}): Promise<SentAssessment> {
  const sent = await sentAssessment(t, token, options);
  await answerEverything(t, sent.vendorToken, sent.assessmentId, options.answers);
  await t.http().post(`/api/v1/assessments/${sent.assessmentId}/submit`).set(bearer(sent.vendorToken)).expect(200);
  return sent;
}

/** The assessment's current ETag, as a reviewer reads it before deciding. */
export async function etagOf(t: TestApp, token: string, assessmentId: string): Promise<string> {
  return (await t.http().get(`/api/v1/assessments/${assessmentId}`).set(bearer(token)).expect(200)).headers.etag as string;
}

interface FindingItem {
  id: string;
  title: string;
  severity: string;
  status: string;
  source: string;
  questionIds: string[];
}

/** Every finding of the assessment, as the risk team sees them. */
export async function findingsOf(t: TestApp, token: string, assessmentId: string): Promise<FindingItem[]> {
  return (await t.http().get(`/api/v1/assessments/${assessmentId}/findings?limit=100`).set(bearer(token)).expect(200)).body.items;
}

/** Triage: every draft finding confirmed (open) or dismissed with a reason. Returns the triaged findings. */
export async function triageDrafts(t: TestApp, token: string, assessmentId: string, verdict: 'confirm' | 'dismiss' = 'dismiss'): Promise<FindingItem[]> {
  const drafts = (await findingsOf(t, token, assessmentId)).filter((f) => f.status === 'draft');
  const body = verdict === 'confirm' ? { status: 'open' } : { status: 'dismissed', reason: 'Reviewed in triage: not a weakness for this use' };
  for (const draft of drafts) await t.http().patch(`/api/v1/findings/${draft.id}`).set(bearer(token)).send(body).expect(200);
  return drafts;
}

/** Submitted, in review by `buyer.riskManager`, with its draft findings triaged: ready for a decision. */
export async function reviewedAssessment(t: TestApp, buyer: Buyer, options: AssessmentOptions & { verdict?: 'confirm' | 'dismiss' } = {}): Promise<SentAssessment> {
  const a = await submittedAssessment(t, buyer.procurement, options);
  await t.http().post(`/api/v1/assessments/${a.assessmentId}/start-review`).set(bearer(buyer.riskManager)).expect(200);
  await triageDrafts(t, buyer.riskManager, a.assessmentId, options.verdict);
  return a;
}
