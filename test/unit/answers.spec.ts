import { answerProblem, notApplicableProblem, submissionGaps, visibleQuestionIds, type StoredAnswer } from '../../src/domain/answers.js';
import type { Question } from '../../src/domain/questionnaire-template.js';

const q = (id: string, extra: Partial<Question> = {}): Question => ({ id, text: id, type: 'text', required: true, ...extra });
const yesNo = [
  { value: 'yes', label: 'Yes', points: 1 },
  { value: 'no', label: 'No', points: 0 },
];
const a = (value: StoredAnswer['value'], notApplicable = false): StoredAnswer => ({ value, notApplicable });

describe('checking an answer against its question', () => {
  const cases: [string, Question, unknown, string | null][] = [
    ['boolean true', q('B', { type: 'boolean' }), true, null],
    ['boolean as text', q('B', { type: 'boolean' }), 'true', 'must be true or false'],
    ['single choice option', q('S', { type: 'single_choice', options: yesNo }), 'yes', null],
    ['single choice stranger', q('S', { type: 'single_choice', options: yesNo }), 'maybe', 'must be one of yes, no'],
    ['single choice given a list', q('S', { type: 'single_choice', options: yesNo }), ['yes'], 'must be one of yes, no'],
    ['boolean-valued choice', q('S', { type: 'single_choice', options: [{ value: true, label: 'Yes' }, { value: false, label: 'No' }] }), false, null],
    ['multi choice options', q('M', { type: 'multi_choice', options: yesNo }), ['yes', 'no'], null],
    ['multi choice empty', q('M', { type: 'multi_choice', options: yesNo }), [], null],
    ['multi choice twice', q('M', { type: 'multi_choice', options: yesNo }), ['yes', 'yes'], 'must not list an option twice'],
    ['multi choice stranger', q('M', { type: 'multi_choice', options: yesNo }), ['yes', 'perhaps'], 'perhaps not among yes, no'],
    ['multi choice scalar', q('M', { type: 'multi_choice', options: yesNo }), 'yes', 'must be a list of options'],
    ['text', q('T'), 'We encrypt at rest.', null],
    ['text too long', q('T'), 'x'.repeat(20_001), 'must be text of at most 20000 characters'],
    ['text as number', q('T'), 42, 'must be text of at most 20000 characters'],
    ['number', q('N', { type: 'number' }), 0.5, null],
    ['number as text', q('N', { type: 'number' }), '5', 'must be a number'],
    ['infinite number', q('N', { type: 'number' }), Infinity, 'must be a number'],
    ['date', q('D', { type: 'date' }), '2026-02-28', null],
    ['impossible date', q('D', { type: 'date' }), '2026-02-30', 'must be a date as YYYY-MM-DD'],
    ['date with time', q('D', { type: 'date' }), '2026-02-28T10:00:00Z', 'must be a date as YYYY-MM-DD'],
    ['evidence note', q('E', { type: 'evidence' }), 'See the attached SOC 2 report', null],
    ['number within its range', q('N', { type: 'number', minimum: 0, maximum: 1 }), 0.82, null],
    ['number above its maximum', q('N', { type: 'number', minimum: 0, maximum: 1 }), 82, 'must be between 0 and 1'],
    ['number below its minimum', q('N', { type: 'number', minimum: 0 }), -0.1, 'must be between 0 and ∞'],
    ['"none of these" alone', q('M', { type: 'multi_choice', options: [{ value: 'none', label: 'None', exclusive: true }, ...yesNo] }), ['none'], null],
    ['"none of these" with another option', q('M', { type: 'multi_choice', options: [{ value: 'none', label: 'None', exclusive: true }, ...yesNo] }), ['none', 'yes'], 'none cannot be chosen with other options'],
    ['evidence as list', q('E', { type: 'evidence' }), ['file'], 'must be a note (text); attach files as evidence'],
  ];
  it.each(cases)('%s', (_name, question, value, problem) => {
    expect(answerProblem(question, value)).toBe(problem);
  });
});

describe('visibility', () => {
  const questions = [
    q('A', { type: 'single_choice', options: yesNo }),
    q('B', { visibleWhen: { equals: { A: 'yes' } } }),
    q('C', { type: 'single_choice', options: yesNo, visibleWhen: { equals: { A: 'yes' } } }),
    q('D', { visibleWhen: { equals: { C: 'yes' } } }),
    q('E', { visibleWhen: { not: { equals: { A: 'yes' } } } }),
  ];

  it('shows only unconditioned questions and those whose condition holds', () => {
    expect([...visibleQuestionIds(questions, {})].sort()).toEqual(['A', 'E']);
    expect([...visibleQuestionIds(questions, { A: a('yes') })].sort()).toEqual(['A', 'B', 'C']);
    expect([...visibleQuestionIds(questions, { A: a('yes'), C: a('yes') })].sort()).toEqual(['A', 'B', 'C', 'D']);
  });

  it('ignores the answers of hidden questions, in chains', () => {
    expect([...visibleQuestionIds(questions, { A: a('no'), C: a('yes') })].sort()).toEqual(['A', 'E']);
  });

  it('treats an N/A answer as no answer for conditions', () => {
    expect([...visibleQuestionIds(questions, { A: a('yes', true) })].sort()).toEqual(['A', 'E']);
  });
});

describe('gaps before submission', () => {
  const questions = [
    q('A', { type: 'single_choice', options: yesNo }),
    q('B', { visibleWhen: { equals: { A: 'yes' } } }),
    q('C', { required: false }),
    q('R', { type: 'evidence', required: true }),
    q('S', { required: false, evidence: { expected: ['SOC 2 report'], required: true } }),
  ];

  it('lists unanswered required questions and missing required evidence', () => {
    expect(submissionGaps(questions, { answers: {}, evidenceFor: new Set() })).toEqual([
      { questionId: 'A', missing: 'answer' },
      { questionId: 'R', missing: 'evidence' },
      { questionId: 'S', missing: 'evidence' },
    ]);
  });

  it('follows visibility: a hidden required question is no gap, a shown one is', () => {
    const evidenceFor = new Set(['R', 'S']);
    expect(submissionGaps(questions, { answers: { A: a('no') }, evidenceFor })).toEqual([]);
    expect(submissionGaps(questions, { answers: { A: a('yes') }, evidenceFor })).toEqual([{ questionId: 'B', missing: 'answer' }]);
  });

  it('accepts N/A for a required question and its evidence', () => {
    expect(submissionGaps(questions, { answers: { A: a(null, true), R: a(null, true), S: a(null, true) }, evidenceFor: new Set() })).toEqual([]);
  });

  it('asks to confirm carried-forward answers', () => {
    const answers = { A: { ...a('no'), suggested: true } };
    expect(submissionGaps(questions, { answers, evidenceFor: new Set(['R', 'S']) })).toEqual([
      { questionId: 'A', missing: 'confirmation' },
      { questionId: 'A', missing: 'answer' },
    ]);
  });
});

describe('marking a question not applicable', () => {
  const knockout = { when: { equals: { K: 'no' } }, severity: 'critical' as const, finding: 'f' };
  it.each([
    ['an ordinary question with a reason', q('T'), 'We do not host models', null],
    ['without a reason', q('T'), undefined, 'is marked not applicable without a reason'],
    ['with a blank reason', q('T'), '   ', 'is marked not applicable without a reason'],
    ['a knockout question', q('K', { type: 'single_choice', options: yesNo, knockout }), 'Does not apply', 'cannot be marked not applicable: its answer decides a knockout'],
    ['a question marked naAllowed: false', q('T', { naAllowed: false }), 'Does not apply', 'cannot be marked not applicable: the questionnaire requires an answer'],
    ['a question marked naAllowed: true', q('T', { naAllowed: true }), 'Does not apply', null],
  ])('%s', (_name, question, reason, problem) => {
    expect(notApplicableProblem(question, reason)).toBe(problem);
  });
});

describe('visibility that follows the intake', () => {
  const questions = [
    q('USE-03', { type: 'single_choice', options: [{ value: 'high_risk', label: 'High' }, { value: 'minimal_risk', label: 'Minimal' }] }),
    q('GOV-07', { visibleWhen: { any: [{ equals: { 'USE-03': 'high_risk' } }, { equals: { 'intake.eu_ai_act_category': 'high_risk' } }] } }),
  ];
  it.each([
    ['the vendor says high-risk', { 'USE-03': a('high_risk') }, {}, true],
    ['the intake says high-risk whatever the vendor answers', { 'USE-03': a('minimal_risk') }, { 'intake.eu_ai_act_category': 'high_risk' }, true],
    ['neither says high-risk', { 'USE-03': a('minimal_risk') }, { 'intake.eu_ai_act_category': 'limited_risk' }, false],
  ])('%s', (_name, answers, intake, shown) => {
    expect(visibleQuestionIds(questions, answers, intake).has('GOV-07')).toBe(shown);
  });
});
