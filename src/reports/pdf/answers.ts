/** Every question that applies, by domain, with the vendor's answer, comment or N/A reason. */
import { visibleQuestionIds } from '../../domain/answers.js';
import type { ReportAnswer, ReportData, ReportQuestion } from '../report-data.js';
import { COLOR, ensureSpace, FONT, mark, note, paragraph, SIZE, subheading, type Drawing } from './layout.js';
import { formatAnswer } from './text.js';

export interface AnswerGroup {
  key: string;
  title: string;
  questions: ReportQuestion[];
}

const OTHER = 'answers:other';

/** Domains in the order scored, then questions outside any domain; hidden questions are left out. */
export function answerGroups(data: ReportData): AnswerGroup[] {
  const answers = Object.fromEntries(data.answers.map((a) => [a.questionId, { value: a.value, notApplicable: a.notApplicable }]));
  const visible = visibleQuestionIds(
    data.questions.map((q) => ({ ...q, required: false, domain: q.domain ?? undefined })),
    answers,
    data.intake.scope,
  );
  const shown = data.questions.filter((q) => visible.has(q.id));
  const groups = data.domains.map((domain) => ({ key: `answers:${domain.id}`, title: domain.title, questions: shown.filter((q) => q.domain === domain.id) }));
  const known = new Set(data.domains.map((d) => d.id));
  const rest = shown.filter((q) => q.domain === null || !known.has(q.domain));
  return [...groups, { key: OTHER, title: 'Other questions', questions: rest }].filter((group) => group.questions.length > 0);
}

function drawAnswer(drawing: Drawing, question: ReportQuestion, answer: ReportAnswer | undefined): void {
  const { doc } = drawing;
  ensureSpace(doc, 44);
  paragraph(doc, `${question.id}  ${question.text}`, { font: FONT.bold });
  doc.moveDown(0.15);
  if (answer?.notApplicable) {
    paragraph(doc, `Not applicable: ${answer.notApplicableReason ?? 'no reason given'}`, { indent: 12, font: FONT.italic });
  } else {
    const text = formatAnswer(question, answer?.value ?? null);
    paragraph(doc, text, { indent: 12, color: answer?.value === undefined || answer?.value === null ? COLOR.muted : COLOR.text });
  }
  if (answer?.comment) paragraph(doc, `Comment: ${answer.comment}`, { indent: 12, size: SIZE.small, color: COLOR.muted });
  doc.moveDown(0.6);
}

export function drawAnswers(drawing: Drawing, data: ReportData, groups: readonly AnswerGroup[]): void {
  const { doc } = drawing;
  const byQuestion = new Map(data.answers.map((a) => [a.questionId, a]));
  if (groups.length === 0) {
    note(doc, 'No questions apply.');
    return;
  }
  groups.forEach((group, index) => {
    if (index > 0) ensureSpace(doc, 120);
    subheading(doc, group.title);
    mark(drawing, group.key, group.title);
    for (const question of group.questions) drawAnswer(drawing, question, byQuestion.get(question.id));
  });
}
