/**
 * Questionnaire benchmarks: scoring 300 questions (target under 2 ms), saving 300 answers in one
 * PUT (median under 50 ms), and loading a 150-question assessment as a vendor (at least 70% of the
 * throughput of a one-query endpoint of the same app, in the same run).
 */
import { performance } from 'node:perf_hooks';
import type { Question, QuestionnaireTemplate } from '../../src/domain/questionnaire-template.js';
import { scoreAssessment } from '../../src/domain/scoring.js';
import { BENCH_ADMIN, bootBenchApp, call, median } from './harness.js';

const OPTIONS = [
  { value: 'yes', label: 'Yes', points: 1 },
  { value: 'partly', label: 'Partly', points: 0.5 },
  { value: 'no', label: 'No', points: 0 },
];

/** A template of `count` scored questions in ten domains, a fifth of them conditional. */
export function benchTemplate(key: string, count: number): QuestionnaireTemplate {
  const domains = Array.from({ length: 10 }, (_, d) => ({ id: `D${d}`, title: `Domain ${d}`, weight: 1 + (d % 3) }));
  const questions: Question[] = Array.from({ length: count }, (_, i) => {
    const domain = `D${i % 10}`;
    const id = `${domain}-${String(Math.floor(i / 10) + 1).padStart(2, '0')}`;
    const gate = i >= 10 && i % 5 === 0 ? { visibleWhen: { in: { [`${domain}-01`]: ['yes', 'partly'] } } } : {};
    return { id, domain, text: `Bench question ${i}`, type: 'single_choice', required: true, weight: 1 + (i % 4), options: OPTIONS, ...gate };
  });
  return { kind: 'questionnaire', key, version: '1.0.0', title: `Bench ${count}`, appliesTo: { tiers: ['low', 'medium', 'high', 'critical'], modelTypes: ['predictive'] }, domains, questions } as QuestionnaireTemplate;
}

export async function scoringSpeed(): Promise<string> {
  const template = benchTemplate('bench-300', 300);
  const answers = Object.fromEntries(template.questions.map((q, i) => [q.id, { value: OPTIONS[i % 3].value, notApplicable: i % 17 === 0 }]));
  const input = { inherentTier: 'high' as const, domains: template.domains!, questions: template.questions, answers };
  for (let i = 0; i < 200; i++) scoreAssessment(input);
  const times = Array.from({ length: 1000 }, () => {
    const start = performance.now();
    scoreAssessment(input);
    return performance.now() - start;
  });
  const ms = median(times);
  return `${ms < 2 ? 'PASS' : 'FAIL'} (target < 2 ms): median ${ms.toFixed(3)} ms, p95 ${[...times].sort((a, b) => a - b)[950].toFixed(3)} ms over 1,000 runs`;
}

interface Setup {
  base: string;
  vendorToken: string;
  buyerToken: string;
}

export async function assessmentOn(base: string, templateKey: string, count: number): Promise<Setup & { assessmentId: string; vendorId: string }> {
  const admin = (await call(base, 'POST', '/auth/login', undefined, BENCH_ADMIN)).token;
  const user = async (role: string, extra: object = {}) => {
    const email = `${role}.${Math.random().toString(36).slice(2, 10)}@bank.example`;
    await call(base, 'POST', '/users', admin, { email, name: `Bench ${role}`, role, password: 'bench-user-password', ...extra });
    return (await call(base, 'POST', '/auth/login', undefined, { email, password: 'bench-user-password' })).token as string;
  };
  const buyerToken = await user('procurement');
  const risk = await user('risk_manager');
  await call(base, 'POST', '/questionnaires/import', risk, benchTemplate(templateKey, count));
  const vendor = await call(base, 'POST', '/vendors', buyerToken, { legalName: 'Bench Vendor', country: 'GB' });
  const contact = await call(base, 'POST', `/vendors/${vendor.id}/contacts`, buyerToken, { name: 'Sam Lee', email: `sam.${templateKey}@vendor.example` });
  const system = await call(base, 'POST', `/vendors/${vendor.id}/ai-systems`, buyerToken, { name: 'Scorer', version: '1.0', modelType: 'predictive', hosting: 'vendor_saas' });
  const intakeAnswers = { decision_impact: 'none', data_sensitivity: 'internal', exposure: 'internal', annex_iii_area: 'none', generative: false, interacts_with_people: false, autonomy: 'suggests_only', prohibited_practice: false, business_criticality: 'low' };
  const intake = await call(base, 'POST', '/intakes', buyerToken, { aiSystemId: system.id, useCase: 'Bench', answers: intakeAnswers });
  const dueDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  // A questionnaire of a chosen size in place of the tier's own: only a risk manager, with a reason.
  const belowTierReason = 'A benchmark questionnaire of a fixed number of questions';
  const assessment = await call(base, 'POST', '/assessments', risk, { intakeId: intake.id, dueDate, contactIds: [contact.id], questionnaireKeys: [templateKey], belowTierReason });
  await call(base, 'POST', `/assessments/${assessment.id}/send`, buyerToken);
  return { base, buyerToken, vendorToken: await user('vendor', { vendorId: vendor.id }), assessmentId: assessment.id, vendorId: vendor.id };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** Requests per second for `seconds`, with `concurrency` requests in flight. */
async function throughput(url: string, token: string, seconds: number, concurrency = 8): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return done / seconds;
}

export async function answersSpeed(): Promise<string> {
  const app = await bootBenchApp();
  try {
    const big = await assessmentOn(app.base, 'bench-300', 300);
    const template = benchTemplate('bench-300', 300);
    // Every answer is yes or partly, so the conditional questions are shown and all 300 count.
    const responses = template.questions.map((q, i) => ({ questionId: q.id, value: OPTIONS[i % 2].value }));
    const put = () => call(app.base, 'PUT', `/assessments/${big.assessmentId}/responses`, big.vendorToken, { responses });
    for (let i = 0; i < 5; i++) await put();
    const times: number[] = [];
    for (let i = 0; i < 40; i++) times.push(await timed(put));
    const saveMs = median(times);

    const mid = await assessmentOn(app.base, 'bench-150', 150);
    const questionsUrl = `${app.base}/api/v1/assessments/${mid.assessmentId}/questions`;
    // Reading a vendor record: authentication plus one query of its own, like the question list.
    const oneQueryUrl = `${app.base}/api/v1/vendors/${mid.vendorId}`;
    await throughput(questionsUrl, mid.vendorToken, 1);
    await throughput(oneQueryUrl, mid.buyerToken, 1);
    const questionsRate = await throughput(questionsUrl, mid.vendorToken, 4);
    const oneQueryRate = await throughput(oneQueryUrl, mid.buyerToken, 4);
    const ratio = questionsRate / oneQueryRate;
    return [
      `${app.label}`,
      `save ${responses.length} answers in one PUT: ${saveMs < 50 ? 'PASS' : 'FAIL'} (target < 50 ms) median ${saveMs.toFixed(1)} ms over 40`,
      `150-question load as a vendor: ${ratio >= 0.7 ? 'PASS' : 'FAIL'} (target >= 70%) ${questionsRate.toFixed(0)} req/s vs ${oneQueryRate.toFixed(0)} req/s for a one-query endpoint = ${(ratio * 100).toFixed(0)}%`,
    ].join('; ');
  } finally {
    await app.stop();
  }
}
