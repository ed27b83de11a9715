import { covers, referenceProblem } from '../../src/domain/questionnaire-frameworks.js';
import { frameworkCoverage, requiredCoverage, uncovered } from '../../src/domain/questionnaire-coverage.js';
import type { Question, QuestionnaireTemplate } from '../../src/domain/questionnaire-template.js';

const question = (id: string, mapsTo: string[]): Question => ({ id, domain: id.split('-')[0], text: id, type: 'text', required: false, mapsTo });
const template = (key: string, questions: Question[]): QuestionnaireTemplate => ({ kind: 'questionnaire', key, version: '1.0.0', title: key, questions });

describe('a mapping covers a broader reference', () => {
  it.each([
    ['eu-ai-act:Art.26(5)', 'eu-ai-act:Art.26', true],
    ['eu-ai-act:Art.26', 'eu-ai-act:Art.26', true],
    ['gdpr:Art.28(3)(a)', 'gdpr:Art.28', true],
    ['iso-42001:A.10.3', 'iso-42001:A.10', true],
    ['eu-ai-act:AnnexIII.5(b)', 'eu-ai-act:AnnexIII', true],
    ['eu-ai-act:Art.26', 'eu-ai-act:Art.2', false],
    ['iso-42001:A.10.3', 'iso-42001:A.1', false],
    ['eu-ai-act:Art.26', 'eu-ai-act:Art.26(5)', false],
    ['owasp-llm-2025:LLM10', 'owasp-llm-2025:LLM1', false],
    ['dora:Art.30(2)(b)', 'gdpr:Art.30', false],
  ])('%s covers %s: %s', (mapped, wanted, expected) => {
    expect(covers(mapped, wanted)).toBe(expected);
  });
});

describe('framework references', () => {
  it.each(['nist-ai-rmf:GOVERN-6.1', 'nist-ai-rmf:MEASURE-2.11', 'eu-ai-act:Art.26(5)', 'eu-ai-act:AnnexIII.5(b)', 'iso-42001:A.6.2.4', 'owasp-llm-2025:LLM10', 'gdpr:Art.28(3)(a)', 'dora:Art.30(2)(b)', 'mitre-atlas:AML.T0051', 'nist-ai-600-1:confabulation', 'csa-aicm:A&A-02', 'nyc-ll144:20-871(a)'])(
    'accepts %s',
    (reference) => expect(referenceProblem(reference)).toBeNull(),
  );

  it.each(['nist-ai-rmf:GOVERN 6.1', 'nist-ai-rmf:GOV-6.1', 'eu-ai-act:Article26', 'eu-ai-act:Art.26.5', 'iso-42001:10.3', 'owasp-llm-2025:LLM00', 'owasp-llm:LLM01', 'gdpr:Art.28(a)', 'nist-ai-600-1:hallucination', 'GOVERN-6.1'])(
    'refuses %s',
    (reference) => expect(referenceProblem(reference)).not.toBeNull(),
  );
});

describe('coverage', () => {
  const one = template('core', [question('GOV-01', ['nist-ai-rmf:GOVERN-6.1', 'eu-ai-act:Art.26(5)']), question('GOV-02', ['nist-ai-rmf:GOVERN-6.1', 'eu-ai-act:Art.26(10)']), question('GOV-03', [])]);

  it('lists each framework id with the questions mapping to it, in natural order', () => {
    expect(frameworkCoverage([one])).toEqual([
      { framework: 'nist-ai-rmf', title: 'NIST AI RMF 1.0 (AI 100-1)', ids: [{ id: 'GOVERN-6.1', questions: ['GOV-01', 'GOV-02'] }] },
      {
        framework: 'eu-ai-act',
        title: 'EU AI Act, Regulation (EU) 2024/1689',
        ids: [
          { id: 'Art.26(5)', questions: ['GOV-01'] },
          { id: 'Art.26(10)', questions: ['GOV-02'] },
        ],
      },
    ]);
  });

  it('names the template of each question when several are combined', () => {
    const other = template('module', [question('GOV-01', ['eu-ai-act:Art.50(1)'])]);
    expect(requiredCoverage([one, other], ['eu-ai-act:Art.26', 'eu-ai-act:Art.50', 'gdpr:Art.28'])).toEqual([
      { reference: 'eu-ai-act:Art.26', questions: ['core/GOV-01', 'core/GOV-02'] },
      { reference: 'eu-ai-act:Art.50', questions: ['module/GOV-01'] },
      { reference: 'gdpr:Art.28', questions: [] },
    ]);
  });

  it('reports a required reference that no question maps to', () => {
    expect(uncovered([one], ['nist-ai-rmf:GOVERN-6.1', 'nist-ai-rmf:GOVERN-6.2'])).toEqual(['nist-ai-rmf:GOVERN-6.2']);
  });
});
