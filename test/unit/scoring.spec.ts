import type { StoredAnswer } from '../../src/domain/answers.js';
import type { Question, TemplateDomain } from '../../src/domain/questionnaire-template.js';
import { answerPoints, bandOf, RESIDUAL_MATRIX, residualRisk, scoreAssessment } from '../../src/domain/scoring.js';

const yesNo = (weight = 1, extra: Partial<Question> = {}): Omit<Question, 'id' | 'domain'> => ({
  text: 'q',
  type: 'single_choice',
  required: true,
  weight,
  options: [
    { value: 'yes', label: 'Yes', points: 1 },
    { value: 'partly', label: 'Partly', points: 0.5 },
    { value: 'no', label: 'No', points: 0 },
  ],
  ...extra,
});
const q = (id: string, domain: string, weight = 1, extra: Partial<Question> = {}): Question => ({ id, domain, ...yesNo(weight, extra) });
const a = (value: StoredAnswer['value'], notApplicable = false): StoredAnswer => ({ value, notApplicable });
const domains: TemplateDomain[] = [
  { id: 'DATA', title: 'Data', weight: 2 },
  { id: 'SEC', title: 'Security', weight: 1 },
];

describe('domain scores', () => {
  const questions = [q('DATA-01', 'DATA', 3), q('DATA-02', 'DATA', 1), q('SEC-01', 'SEC', 1), q('SEC-02', 'SEC', 1, { required: false })];

  it.each([
    ['all best answers', { 'DATA-01': a('yes'), 'DATA-02': a('yes'), 'SEC-01': a('yes') }, 100, 100, 100],
    ['weights shape the mean', { 'DATA-01': a('yes'), 'DATA-02': a('no'), 'SEC-01': a('partly') }, 75, 50, 66.7],
    ['N/A is left out of both sums', { 'DATA-01': a(null, true), 'DATA-02': a('yes'), 'SEC-01': a('no') }, 100, 0, 66.7],
    ['an unanswered required question counts 0', { 'DATA-02': a('yes'), 'SEC-01': a('yes') }, 25, 100, 50],
    ['an unanswered optional question is left out', { 'DATA-01': a('yes'), 'DATA-02': a('yes'), 'SEC-01': a('yes'), 'SEC-02': undefined }, 100, 100, 100],
    ['an answered optional question counts', { 'DATA-01': a('yes'), 'DATA-02': a('yes'), 'SEC-01': a('yes'), 'SEC-02': a('no') }, 100, 50, 83.3],
  ])('%s', (_name, answers, data, sec, control) => {
    const result = scoreAssessment({ inherentTier: 'low', domains, questions, answers: answers as Record<string, StoredAnswer> });
    expect(result.domains.map((d) => d.score)).toEqual([data, sec]);
    expect(result.controlScore).toBe(control);
  });

  it('gives an empty domain no score and leaves it out of the control score', () => {
    const result = scoreAssessment({ inherentTier: 'low', domains: [...domains, { id: 'GOV', title: 'Governance', weight: 5 }], questions, answers: { 'DATA-01': a('yes'), 'DATA-02': a('yes'), 'SEC-01': a('yes') } });
    expect(result.domains[2]).toMatchObject({ id: 'GOV', score: null, explanation: [] });
    expect(result.controlScore).toBe(100);
  });

  it('leaves hidden questions out, whatever they were answered', () => {
    const gated = [q('DATA-01', 'DATA'), q('DATA-02', 'DATA', 1, { visibleWhen: { equals: { 'DATA-01': 'yes' } } })];
    const result = scoreAssessment({ inherentTier: 'low', domains, questions: gated, answers: { 'DATA-01': a('no'), 'DATA-02': a('no') } });
    expect(result.domains[0].explanation.map((l) => l.status)).toEqual(['scored', 'hidden']);
    expect(result.domains[0].score).toBe(0);
  });

  it('explains each line with answer, points, weight and contribution', () => {
    const result = scoreAssessment({ inherentTier: 'low', domains, questions, answers: { 'DATA-01': a('partly') } });
    expect(result.domains[0].explanation).toEqual([
      { questionId: 'DATA-01', status: 'scored', answer: 'partly', points: 0.5, weight: 3, contribution: 1.5 },
      { questionId: 'DATA-02', status: 'unanswered_required', answer: null, points: 0, weight: 1, contribution: 0 },
    ]);
  });

  it('ignores unscored questions (no points on their options)', () => {
    const text: Question = { id: 'DATA-09', domain: 'DATA', text: 't', type: 'text', required: true };
    const result = scoreAssessment({ inherentTier: 'low', domains, questions: [...questions, text], answers: {} });
    expect(result.domains[0].explanation.map((l) => l.questionId)).toEqual(['DATA-01', 'DATA-02']);
  });
});

describe('answer points', () => {
  const multi: Question = {
    id: 'M',
    text: 'm',
    type: 'multi_choice',
    required: true,
    options: [
      { value: 'a', label: 'A', points: 0.6 },
      { value: 'b', label: 'B', points: 0.6 },
      { value: 'c', label: 'C', points: 0 },
    ],
  };
  it.each([
    [['a'], 0.6],
    [['a', 'b'], 1],
    [['c'], 0],
    [[], 0],
  ])('multi-choice %j scores %d (sum capped at 1)', (value, points) => {
    expect(answerPoints(multi, value)).toBe(points);
  });
  it('boolean-valued options score by value', () => {
    const bool: Question = { id: 'B', text: 'b', type: 'boolean', required: true, options: [{ value: true, label: 'Yes', points: 1 }, { value: false, label: 'No', points: 0 }] };
    expect(answerPoints(bool, true)).toBe(1);
    expect(answerPoints(bool, false)).toBe(0);
  });
});

describe('number answers scored against bands', () => {
  const impactRatio: Question = {
    id: 'FAIR-03',
    domain: 'DATA',
    text: 'Lowest impact ratio',
    type: 'number',
    required: true,
    weight: 2,
    scoreBands: [
      { min: 0.8, points: 1, label: 'four-fifths rule met' },
      { min: 0.7, below: 0.8, points: 0.5, label: 'close to the four-fifths rule' },
      { below: 0.7, points: 0, label: 'adverse impact' },
    ],
  };
  it.each([
    [1, 1],
    [0.8, 1],
    [0.79, 0.5],
    [0.7, 0.5],
    [0.69, 0],
    [0, 0],
  ])('an impact ratio of %d scores %d', (value, points) => {
    expect(answerPoints(impactRatio, value)).toBe(points);
  });
  it('scores 0 for a number outside every band', () => {
    expect(answerPoints({ ...impactRatio, scoreBands: [{ min: 0.8, points: 1, label: 'ok' }] }, 0.5)).toBe(0);
  });
  it('counts a banded number question in its domain', () => {
    const result = scoreAssessment({ inherentTier: 'low', domains, questions: [impactRatio], answers: { 'FAIR-03': a(0.75) } });
    expect(result.domains[0].explanation).toEqual([{ questionId: 'FAIR-03', status: 'scored', answer: 0.75, points: 0.5, weight: 2, contribution: 1 }]);
  });
});

describe('N/A answers in the score', () => {
  it('lists each visible N/A answer with its reason', () => {
    const questions = [q('DATA-01', 'DATA'), q('DATA-02', 'DATA'), q('SEC-01', 'SEC', 1, { visibleWhen: { equals: { 'DATA-01': 'yes' } } })];
    const answers = {
      'DATA-01': a('no'),
      'DATA-02': { value: null, notApplicable: true, notApplicableReason: 'No customer data reaches the model' },
      'SEC-01': { value: null, notApplicable: true, notApplicableReason: 'hidden, so not listed' },
    };
    const result = scoreAssessment({ inherentTier: 'low', domains, questions, answers });
    expect(result.notApplicable).toEqual([{ questionId: 'DATA-02', reason: 'No customer data reaches the model' }]);
  });
  it('fires knockouts that read the intake', () => {
    const ko = q('DATA-01', 'DATA', 1, { knockout: { when: { all: [{ equals: { 'DATA-01': 'no' } }, { equals: { 'intake.data_sensitivity': 'personal' } }] }, severity: 'high', finding: 'f' } });
    const fired = (intake: Record<string, string>) => scoreAssessment({ inherentTier: 'low', domains, questions: [ko], answers: { 'DATA-01': a('no') }, intake }).knockouts.length;
    expect(fired({ 'intake.data_sensitivity': 'personal' })).toBe(1);
    expect(fired({ 'intake.data_sensitivity': 'public' })).toBe(0);
  });
});

describe('residual risk', () => {
  it.each([
    [85, 'strong'],
    [80, 'strong'],
    [79.9, 'adequate'],
    [60, 'adequate'],
    [59.9, 'weak'],
    [40, 'weak'],
    [39.9, 'poor'],
    [0, 'poor'],
  ])('score %d is %s', (score, band) => {
    expect(bandOf(score)).toBe(band);
  });

  it('is never better for a riskier tier at the same score', () => {
    const order = ['low', 'moderate', 'high', 'severe'];
    for (const band of ['strong', 'adequate', 'weak', 'poor'] as const) {
      const byTier = (['low', 'medium', 'high', 'critical'] as const).map((tier) => order.indexOf(RESIDUAL_MATRIX[tier][band]));
      expect([...byTier].sort((x, y) => x - y)).toEqual(byTier);
    }
  });

  it.each([
    ['critical', 95, [], 'moderate'],
    ['low', 95, [], 'low'],
    ['low', 30, [], 'high'],
    ['medium', 65, [{ questionId: 'X', severity: 'critical', finding: 'f', answer: 'no' }], 'severe'],
    ['low', 90, [{ questionId: 'X', severity: 'high', finding: 'f', answer: 'no' }], 'high'],
    ['high', 10, [{ questionId: 'X', severity: 'low', finding: 'f', answer: 'no' }], 'severe'],
    ['medium', null, [], 'severe'],
  ] as const)('tier %s, score %s, knockouts %j → %s', (tier, score, knockouts, risk) => {
    const result = residualRisk(tier, score, [...knockouts]);
    expect(result.risk).toBe(risk);
    expect(result.why.length).toBeGreaterThan(0);
  });

  it('fires knockouts only for visible questions whose answer meets the condition', () => {
    const ko = q('DATA-01', 'DATA', 1, { knockout: { when: { equals: { 'DATA-01': 'no' } }, severity: 'critical', finding: 'Trains on customer data' } });
    const gated = q('DATA-02', 'DATA', 1, { visibleWhen: { equals: { 'DATA-01': 'yes' } }, knockout: { when: { equals: { 'DATA-02': 'no' } }, severity: 'high', finding: 'Hidden one' } });
    const result = scoreAssessment({ inherentTier: 'low', domains, questions: [ko, gated], answers: { 'DATA-01': a('no'), 'DATA-02': a('no') } });
    expect(result.knockouts).toEqual([{ questionId: 'DATA-01', severity: 'critical', finding: 'Trains on customer data', answer: 'no' }]);
    expect(result.residualRisk).toBe('severe');
  });
});
