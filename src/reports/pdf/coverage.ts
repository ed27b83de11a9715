/** Framework coverage: per framework, the identifiers the answers speak to and by which questions. */
import { answeredCoverage } from '../../domain/answered-coverage.js';
import type { ReportData } from '../report-data.js';
import { note, paragraph, subheading, type Doc } from './layout.js';
import { table } from './table.js';
import { listOrDash } from './text.js';

/**
 * Question ids with an answer that counts: a value, or evidence for an evidence question; N/A does
 * not, and rejected evidence is missing evidence.
 */
export function answeredQuestionIds(data: ReportData): Set<string> {
  const withEvidence = new Set(data.evidence.filter((e) => e.review?.status !== 'rejected').flatMap((e) => e.questionIds));
  const types = new Map(data.questions.map((q) => [q.id, q.type]));
  const answered = data.answers.filter((a) => !a.notApplicable && a.value !== null && a.value !== undefined).map((a) => a.questionId);
  const evidenced = [...withEvidence].filter((id) => types.get(id) === 'evidence');
  return new Set([...answered, ...evidenced]);
}

export function drawCoverage(doc: Doc, data: ReportData): void {
  const notApplicable = new Set(data.answers.filter((a) => a.notApplicable).map((a) => a.questionId));
  const frameworks = answeredCoverage(data.questions, answeredQuestionIds(data), notApplicable);
  if (frameworks.length === 0) {
    note(doc, 'The questions of this assessment map to no framework.');
    return;
  }
  paragraph(doc, 'For each framework the questions map to: the identifiers, the answered questions that speak to them, those answered not applicable (which say nothing about the control), and those left unanswered.');
  for (const framework of frameworks) {
    subheading(doc, `${framework.title}: ${framework.answeredQuestions.length} of ${framework.mappedQuestions} mapped questions answered`);
    table(
      doc,
      [
        { header: 'Identifier', share: 0.22 },
        { header: 'Answered by', share: 0.34 },
        { header: 'Answered N/A', share: 0.22 },
        { header: 'Open', share: 0.22 },
      ],
      framework.references.map((reference) => [reference.id, listOrDash(reference.answered), listOrDash(reference.answeredNotApplicable), listOrDash(reference.open)]),
    );
  }
}
