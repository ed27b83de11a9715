import { answeredCoverage } from '../../src/domain/answered-coverage.js';

const questions = [
  { id: 'GOV-02', mapsTo: ['nist-ai-rmf:GOVERN-6.1', 'eu-ai-act:Art.26(5)'] },
  { id: 'GOV-10', mapsTo: ['nist-ai-rmf:GOVERN-6.1'] },
  { id: 'SEC-01', mapsTo: ['owasp-llm-2025:LLM01', 'eu-ai-act:Art.15'] },
  { id: 'SEC-03', mapsTo: ['owasp-llm-2025:LLM01'] },
  { id: 'DATA-01', mapsTo: [] },
  { id: 'DATA-02' },
];

describe('framework coverage of an assessment', () => {
  const coverage = answeredCoverage(questions, new Set(['GOV-02', 'GOV-10', 'SEC-03', 'DATA-01']));

  it('lists the frameworks the questions map to, in the fixed framework order', () => {
    expect(coverage.map((f) => f.framework)).toEqual(['nist-ai-rmf', 'eu-ai-act', 'owasp-llm-2025']);
    expect(coverage[0].title).toBe('NIST AI RMF 1.0 (AI 100-1)');
  });

  it('names, per identifier, the answered questions and those left open', () => {
    expect(coverage.find((f) => f.framework === 'eu-ai-act')!.references).toEqual([
      { id: 'Art.15', answered: [], answeredNotApplicable: [], open: ['SEC-01'] },
      { id: 'Art.26(5)', answered: ['GOV-02'], answeredNotApplicable: [], open: [] },
    ]);
    expect(coverage.find((f) => f.framework === 'owasp-llm-2025')!.references).toEqual([{ id: 'LLM01', answered: ['SEC-03'], answeredNotApplicable: [], open: ['SEC-01'] }]);
  });

  it('says "answered N/A" apart from answered and from open', () => {
    const withNa = answeredCoverage(questions, new Set(['SEC-03']), new Set(['SEC-01']));
    expect(withNa.find((f) => f.framework === 'owasp-llm-2025')!.references).toEqual([{ id: 'LLM01', answered: ['SEC-03'], answeredNotApplicable: ['SEC-01'], open: [] }]);
    expect(withNa.find((f) => f.framework === 'eu-ai-act')!.references[0]).toEqual({ id: 'Art.15', answered: [], answeredNotApplicable: ['SEC-01'], open: [] });
    expect(withNa.find((f) => f.framework === 'owasp-llm-2025')!.answeredQuestions).toEqual(['SEC-03']);
  });

  it('counts answered questions once per framework, however many identifiers they map to', () => {
    expect(coverage.map((f) => [f.framework, f.answeredQuestions, f.mappedQuestions])).toEqual([
      ['nist-ai-rmf', ['GOV-02', 'GOV-10'], 2],
      ['eu-ai-act', ['GOV-02'], 2],
      ['owasp-llm-2025', ['SEC-03'], 2],
    ]);
  });

  it('sorts identifiers and question ids naturally (GOVERN-6.2 before GOVERN-6.10)', () => {
    const sorted = answeredCoverage(
      [
        { id: 'Q-10', mapsTo: ['nist-ai-rmf:GOVERN-6.10'] },
        { id: 'Q-9', mapsTo: ['nist-ai-rmf:GOVERN-6.2', 'nist-ai-rmf:GOVERN-6.10'] },
      ],
      new Set(['Q-10', 'Q-9']),
    );
    expect(sorted[0].references).toEqual([
      { id: 'GOVERN-6.2', answered: ['Q-9'], answeredNotApplicable: [], open: [] },
      { id: 'GOVERN-6.10', answered: ['Q-9', 'Q-10'], answeredNotApplicable: [], open: [] },
    ]);
  });

  it('is empty when no question maps to a framework', () => {
    expect(answeredCoverage([{ id: 'A' }], new Set(['A']))).toEqual([]);
  });
});
