/** Framework coverage: per framework, the identifiers the answers speak to and by which questions. */
import { answeredCoverage } from '../../domain/answered-coverage.js';
import type { ReportData } from '../report-data.js';
import { note, paragraph, subheading, type Doc } from './layout.js';
import { table } from './table.js';
import { listOrDash } from './text.js';

/** Question ids with an answer that counts: a value, or evidence for an evidence question; N/A does not. */
export function answeredQuestionIds(data: ReportData): Set<string> {
  const withEvidence = new Set(data.evidence.flatMap((e) => e.questionIds));
  const types = new Map(data.questions.map((q) => [q.id, q.type]));
  const answered = data.answers.filter((a) => !a.notApplicable && a.value !== null && a.value !== undefined).map((a) => a.questionId);
  const evidenced = [...withEvidence].filter((id) => types.get(id) === 'evidence');
  return new Set([...answered, ...evidenced]);
}

export function drawCoverage(doc: Doc, data: ReportData): void {
  const frameworks = answeredCoverage(data.questions, answeredQuestionIds(data));
  if (frameworks.length === 0) {
    note(doc, 'The questions of this assessment map to no framework.');
    return;
  }
  paragraph(doc, 'For each framework the questions map to: the identifiers, the answered questions that speak to them, and those left open (unanswered or not applicable).');
  for (const framework of frameworks) {
    subheading(doc, `${framework.title}: ${framework.answeredQuestions.length} of ${framework.mappedQuestions} mapped questions answered`);
    table(
      doc,
      [
        { header: 'Identifier', share: 0.24 },
        { header: 'Answered by', share: 0.46 },
        { header: 'Open', share: 0.3 },
      ],
      framework.references.map((reference) => [reference.id, listOrDash(reference.answered), listOrDash(reference.open)]),
    );
  }
}
