import { answeredQuestionIds } from '../../src/reports/pdf/coverage.js';
import type { ReportData, ReportEvidence } from '../../src/reports/report-data.js';

const evidence = (questionIds: string[], review?: ReportEvidence['review']): ReportEvidence => ({
  name: 'policy.pdf',
  sha256: 'a'.repeat(64),
  size: 4096,
  mediaType: 'application/pdf',
  documentDate: null,
  expiresAt: null,
  questionIds,
  uploadedAt: new Date('2026-01-05T00:00:00Z'),
  ...(review ? { review } : {}),
});

const data = (files: ReportEvidence[]) =>
  ({
    questions: [
      { id: 'DOC-01', type: 'evidence' },
      { id: 'DOC-02', type: 'evidence' },
      { id: 'DOC-03', type: 'evidence' },
      { id: 'GOV-01', type: 'yes_no' },
    ],
    answers: [{ questionId: 'GOV-01', value: true, notApplicable: false }],
    evidence: files,
  }) as unknown as ReportData;

describe('which questions the coverage counts as answered', () => {
  it.each([
    ['unreviewed evidence', [evidence(['DOC-01'])], ['DOC-01', 'GOV-01']],
    ['accepted evidence', [evidence(['DOC-01'], { status: 'accepted', reason: null })], ['DOC-01', 'GOV-01']],
    ['rejected evidence, which is missing evidence', [evidence(['DOC-01'], { status: 'rejected', reason: 'Unsigned draft' })], ['GOV-01']],
    [
      'a rejected file beside an accepted one for the same question',
      [evidence(['DOC-02'], { status: 'rejected', reason: 'Wrong year' }), evidence(['DOC-02', 'DOC-03'], { status: 'pending', reason: null })],
      ['DOC-02', 'DOC-03', 'GOV-01'],
    ],
  ])('%s', (_, files, expected) => {
    expect([...answeredQuestionIds(data(files))].sort()).toEqual(expected);
  });
});
