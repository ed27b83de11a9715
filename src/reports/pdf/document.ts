/**
 * The due-diligence report as a PDF, drawn from a ReportData alone. The document's dates are the
 * data's own (`asOf`) and pdfkit derives the trailer /ID from them, so the same data always
 * gives the same bytes.
 */
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type { ReportData } from '../report-data.js';
import { answerGroups, drawAnswers, type AnswerGroup } from './answers.js';
import { drawAuditTrail } from './audit-trail.js';
import { CONTENTS_LINES_PER_PAGE, drawContents, paginateContents, type ContentsEntry } from './contents.js';
import { drawCover } from './cover.js';
import { drawCoverage } from './coverage.js';
import { drawEvidence } from './evidence.js';
import { drawFindings } from './findings.js';
import { drawFooters } from './footer.js';
import { PAGE, startSection, type Drawing } from './layout.js';
import { drawScores } from './scores.js';
import { drawSummary } from './summary.js';
import { drawValidationSection } from '../../validation/report/validation-section.js';

/** Told the share of sections drawn (0..100); it only observes, it never changes the drawing. */
export type DrawingProgress = (percent: number) => Promise<void> | void;

interface Section {
  key: string;
  title: string;
  draw: (drawing: Drawing, data: ReportData, groups: readonly AnswerGroup[]) => void;
}

const VALIDATION: Section = { key: 'validation', title: 'Independent validation', draw: ({ doc }, data) => drawValidationSection(doc, data.validations) };

const PARTS: readonly Section[] = [
  { key: 'summary', title: 'Executive summary', draw: ({ doc }, data) => drawSummary(doc, data) },
  { key: 'scores', title: 'Domain scores', draw: ({ doc }, data) => drawScores(doc, data) },
  { key: 'findings', title: 'Knockouts and findings', draw: ({ doc }, data) => drawFindings(doc, data) },
  VALIDATION,
  { key: 'evidence', title: 'Evidence inventory', draw: ({ doc }, data) => drawEvidence(doc, data) },
  { key: 'coverage', title: 'Framework coverage', draw: ({ doc }, data) => drawCoverage(doc, data) },
  { key: 'answers', title: 'Answers', draw: (drawing, data, groups) => drawAnswers(drawing, data, groups) },
  { key: 'audit', title: 'Audit trail (excerpt)', draw: ({ doc }, data) => drawAuditTrail(doc, data) },
];

/** The sections in order, numbered; the independent validation only when a run is shown. */
export function sectionsOf(validated: boolean): Section[] {
  return PARTS.filter((part) => validated || part !== VALIDATION).map((part, index) => ({ ...part, title: `${index + 1}. ${part.title}` }));
}

/** The contents: every section, and under the answers one line per domain. */
export function contentsOf(groups: readonly AnswerGroup[], sections: readonly Section[] = sectionsOf(false)): ContentsEntry[] {
  return sections.flatMap((section) => [
    { key: section.key, title: section.title, level: 0 as const },
    ...(section.key === 'answers' ? groups.map((group) => ({ key: group.key, title: group.title, level: 1 as const })) : []),
  ]);
}

function subjectOf(data: ReportData): string {
  return `${data.vendor.legalName}: ${data.aiSystem.name} ${data.aiSystem.modelVersion}, assessment cycle ${data.assessment.cycle}`;
}

function newDocument(data: ReportData): PDFKit.PDFDocument {
  return new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
    autoFirstPage: false,
    bufferPages: true,
    compress: true,
    displayTitle: true,
    info: {
      Title: `Due-diligence report: ${subjectOf(data)}`,
      Author: 'Assay',
      Subject: 'Third-party AI risk assessment',
      Creator: 'Assay',
      Producer: 'Assay (PDFKit)',
      CreationDate: data.asOf,
      ModDate: data.asOf,
    },
  });
}

/** Draws the report into `out` and resolves, with the page count, once every byte is written. */
export async function renderReport(data: ReportData, out: Writable, progress?: DrawingProgress): Promise<{ pageCount: number }> {
  const doc = newDocument(data);
  const written = finished(doc.pipe(out));
  const drawing: Drawing = { doc, marks: new Map() };
  const groups = answerGroups(data);
  const sections = sectionsOf(data.validations.length > 0);

  doc.addPage();
  drawCover(doc, data);
  const contentsPages = paginateContents(contentsOf(groups, sections), CONTENTS_LINES_PER_PAGE);
  for (let i = 0; i < contentsPages.length; i++) doc.addPage();
  for (const [index, section] of sections.entries()) {
    startSection(drawing, section.key, section.title);
    section.draw(drawing, data, groups);
    await progress?.(Math.round((100 * (index + 1)) / sections.length));
  }
  drawContents(doc, contentsPages, 2, drawing.marks);
  drawFooters(doc, subjectOf(data));
  const pageCount = doc.bufferedPageRange().count;
  doc.end();
  await written;
  return { pageCount };
}
