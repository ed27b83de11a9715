import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAnswerMapping, translateRows, type AnswerMapping } from '../../src/domain/answer-import.js';
import type { Question } from '../../src/domain/questionnaire-template.js';
import { loadAnswerMappings } from '../../src/exchange/answer-mapping.loader.js';

const YES_PARTLY_NO = [{ value: 'yes', label: 'Yes' }, { value: 'partly', label: 'Partly' }, { value: 'no', label: 'No' }];
const question = (id: string, extra: Partial<Question> = {}): Question => ({ id, domain: 'SEC', text: `${id}?`, type: 'single_choice', options: YES_PARTLY_NO, required: true, ...extra });

const QUESTIONS = new Map<string, Question>([
  ['SEC-07', question('SEC-07')],
  ['INC-01', question('INC-01')],
  ['GOV-06', question('GOV-06', { naAllowed: false })],
  ['TRAIN-05', question('TRAIN-05', { type: 'boolean', options: undefined })],
]);

const MAPPING: AnswerMapping = {
  key: 'caiq-test',
  title: 'CAIQ test',
  columns: { questionId: 'Question ID', answer: 'Answer' },
  notApplicable: ['NA'],
  mappings: [
    { external: 'IAM-14.1', question: 'SEC-07', values: { Yes: 'yes', No: 'no' } },
    { external: 'SEF-01.1', question: 'INC-01', values: { Yes: 'yes' } },
    { external: 'GRC-05.1', question: 'GOV-06', values: { Yes: 'yes' } },
    { external: 'DSP-04.1', question: 'TRAIN-05', values: { Yes: true, No: false } },
    { external: 'STA-09.1', question: 'CONT-01', values: { Yes: 'yes' } },
  ],
};

describe('translating another questionnaire’s answers', () => {
  const row = (n: number, externalId: string, answer: string, comment = '') => ({ row: n, externalId, answer, comment });
  const translate = (rows: ReturnType<typeof row>[], confirmed: string[] = []) => translateRows(rows, { mapping: MAPPING, questions: QUESTIONS, confirmed: new Set(confirmed) });

  it.each([
    ['a mapped answer, whatever its case', row(2, 'iam-14.1', ' yes '), 'suggested', null],
    ['a boolean translation', row(2, 'DSP-04.1', 'No'), 'suggested', null],
    ['an id the mapping lacks', row(2, 'A&A-01.1', 'Yes'), 'unmapped', 'A&A-01.1 has no counterpart in caiq-test'],
    ['an answer without a translation', row(2, 'SEF-01.1', 'No'), 'invalid', '"No" has no translation for INC-01 (expected Yes)'],
    ['an empty answer', row(2, 'IAM-14.1', ''), 'invalid', 'the answer is empty'],
    ['N/A where the question refuses it', row(2, 'GRC-05.1', 'na'), 'invalid', 'GOV-06 cannot be not applicable'],
    ['a question this assessment does not ask', row(2, 'STA-09.1', 'Yes'), 'not_in_assessment', 'CONT-01 is not asked in this assessment'],
  ])('reports %s', (_, input, outcome, message) => {
    expect(translate([input]).report).toEqual([{ row: 2, externalId: input.externalId, questionId: MAPPING.mappings.find((m) => m.external === input.externalId.toUpperCase())?.question ?? null, outcome, message }]);
  });

  it('suggests values, N/A with a reason and the comment, and never overwrites a confirmed answer', () => {
    const { suggestions, report } = translate([row(2, 'IAM-14.1', 'No', ' MFA for admins only '), row(3, 'SEF-01.1', 'NA'), row(4, 'DSP-04.1', 'Yes'), row(5, 'IAM-14.1', 'Yes')], ['TRAIN-05']);
    expect(suggestions).toEqual([
      { questionId: 'SEC-07', value: 'no', notApplicable: false, notApplicableReason: null, comment: 'MFA for admins only' },
      { questionId: 'INC-01', value: null, notApplicable: true, notApplicableReason: 'Marked NA in the imported CAIQ test', comment: null },
    ]);
    expect(report.map((r) => [r.row, r.outcome, r.message])).toEqual([
      [2, 'suggested', null],
      [3, 'suggested', null],
      [4, 'already_answered', 'TRAIN-05 is already answered: an import does not overwrite it'],
      [5, 'invalid', 'SEC-07 was already given by row 2'],
    ]);
  });
});

describe('checking a mapping file', () => {
  const asked = new Map([...QUESTIONS].map(([id, q]) => [id, [q]]));

  it('accepts a file whose every translation is an answer to its question', () => {
    expect(checkAnswerMapping({ ...MAPPING, mappings: MAPPING.mappings.slice(0, 4) }, asked)).toEqual({ mapping: expect.objectContaining({ key: 'caiq-test' }), problems: [] });
  });

  it('lists every problem: unknown question, a value that is no answer, a repeated id, a malformed id', () => {
    const bad = {
      ...MAPPING,
      mappings: [
        { external: 'IAM-14.1', question: 'SEC-07', values: { Yes: 'sure' } },
        { external: 'IAM-14.1', question: 'SEC-07', values: { Yes: 'yes' } },
        { external: 'STA-09.1', question: 'CONT-01', values: { Yes: 'yes' } },
        { external: 'not an id', question: 'SEC-07', values: { Yes: 'yes' } },
      ],
    };
    expect(checkAnswerMapping(bad, asked).problems).toEqual([
      'mappings[0].values.Yes: sure is not an answer to SEC-07 (must be one of yes, partly, no)',
      'mappings[1].external: IAM-14.1 is mapped twice',
      'mappings[2].question: CONT-01 is not a question of a shipped questionnaire',
      'mappings[3].external: an id such as IAM-14.1',
    ]);
  });

  it('loads the shipped CAIQ v4 mapping against the shipped questionnaires', async () => {
    const mappings = await loadAnswerMappings();
    expect([...mappings.keys()]).toEqual(['caiq-v4-ai']);
    expect(mappings.get('caiq-v4-ai')!.mappings.length).toBeGreaterThanOrEqual(8);
  });

  it('stops the boot on a mapping that names a question no questionnaire asks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'assay-mapping-'));
    await writeFile(join(dir, 'broken.yaml'), 'key: broken\ntitle: Broken\ncolumns: { questionId: Q, answer: A }\nnotApplicable: [NA]\nmappings:\n  - { external: IAM-14.1, question: NOPE-01, values: { "Yes": "yes" } }\n');
    await expect(loadAnswerMappings(dir)).rejects.toThrow(/broken\.yaml is not a valid answer mapping: mappings\[0\]\.question: NOPE-01 is not a question of a shipped questionnaire/);
  });
});
