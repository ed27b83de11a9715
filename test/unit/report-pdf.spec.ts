import { Writable } from 'node:stream';
import { renderReport } from '../../src/reports/pdf/document.js';
import { formatAnswer, pdfText } from '../../src/reports/pdf/text.js';
import type { ReportData } from '../../src/reports/report-data.js';
import { FORTY_PAGES, sampleReportData } from '../bench/report-sample.js';
import { parsePdf } from '../support/pdf.js';
import { classificationResults } from '../../src/domain/validation/classification.js';
import { groupColumn, predictionsAt } from '../../src/domain/validation/sample.js';
import type { ReportValidationRun } from '../../src/validation/report/validation-section.js';

async function render(data: ReportData): Promise<{ bytes: Buffer; pageCount: number }> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const { pageCount } = await renderReport(data, sink);
  return { bytes: Buffer.concat(chunks), pageCount };
}

const small = () => sampleReportData({ domains: 3, questions: 12, findings: 3, evidence: 2, auditEvents: 5 });

/** A finished classification run on 8 rows: group a selects 3 of 4, group b 1 of 4. */
function validationRun(): ReportValidationRun {
  const scores = Float64Array.from([0.9, 0.8, 0.7, 0.2, 0.9, 0.3, 0.2, 0.1]);
  const sample = { labels: Uint8Array.from([1, 1, 0, 0, 1, 0, 1, 0]), scores, predictions: predictionsAt(scores, 0.5) };
  const computed = classificationResults(sample, [groupColumn('age', ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'])], { minGroupSize: 1, resamples: 20, seed: 1 });
  const breach = { rule: 'adverse_impact' as const, severity: 'high' as const, title: 'Adverse impact by age', description: 'selection rate 25% for age b against 75% for age a: ratio 0.33' };
  const results = { kind: 'classification' as const, input: { sha256: 'ab'.repeat(32), rows: 8 }, ...computed, stability: null, breaches: [breach] };
  return { id: 'run-1', finishedAt: new Date('2025-06-20T09:00:00Z'), inputSha256: 'ab'.repeat(32), results, findingCount: 1 };
}

describe('the report PDF', () => {
  it('is the same bytes for the same data', async () => {
    const [first, second] = [await render(small()), await render(small())];
    expect(first.bytes.equals(second.bytes)).toBe(true);
  });

  it('takes its dates from the data, not the clock', async () => {
    const data = small();
    const { bytes } = await render(data);
    const { info } = await parsePdf(bytes);
    expect({ created: info.CreationDate, modified: info.ModDate }).toEqual({ created: 'D:20250630140500Z', modified: 'D:20250630140500Z' });
    const later = await render({ ...data, asOf: new Date('2025-07-01T00:00:00Z') });
    expect(later.bytes.equals(bytes)).toBe(false);
  });

  it('points every contents line at the page its section starts on, and numbers every page', async () => {
    const { bytes, pageCount } = await render(sampleReportData(FORTY_PAGES));
    const pdf = await parsePdf(bytes);
    expect(pdf.pageCount).toBe(pageCount);
    expect(pageCount).toBeGreaterThanOrEqual(35);
    const lines = [...pdf.pages[1].matchAll(/^(\d\. [^\n]+?) (\d+)$/gm)];
    expect(lines.map((line) => line[1])).toEqual(['1. Executive summary', '2. Domain scores', '3. Knockouts and findings', '4. Evidence inventory', '5. Framework coverage', '6. Answers', '7. Audit trail (excerpt)']);
    for (const [, title, page] of lines) expect(pdf.pages[Number(page) - 1].startsWith(title)).toBe(true);
    pdf.pages.forEach((text, index) => expect(text).toContain(`Page ${index + 1} of ${pageCount}`));
  });

  it('adds the independent validation after the findings, in the contents and on its own page, when a run is shown', async () => {
    const { bytes } = await render({ ...small(), validations: [validationRun()] });
    const pdf = await parsePdf(bytes);
    const lines = [...pdf.pages[1].matchAll(/^(\d\. [^\n]+?) (\d+)$/gm)];
    expect(lines.map((line) => line[1])).toEqual(['1. Executive summary', '2. Domain scores', '3. Knockouts and findings', '4. Independent validation', '5. Evidence inventory', '6. Framework coverage', '7. Answers', '8. Audit trail (excerpt)']);
    const start = Number(lines[3][2]) - 1;
    expect(pdf.pages[start].startsWith('4. Independent validation')).toBe(true);
    const section = pdf.pages.slice(start).join('\n');
    for (const expected of ['Validation run run-1', 'ROC curve', 'Selection rate by age', 'adverse impact ratio 0.33', 'ratio 0.33']) expect(section).toContain(expected);
  });

  it('is the same bytes for the same data with a validation run', async () => {
    const [first, second] = [await render({ ...small(), validations: [validationRun()] }), await render({ ...small(), validations: [validationRun()] })];
    expect(first.bytes.equals(second.bytes)).toBe(true);
  });

  it('shows the knockouts beside the control score, and every N/A answer with its reason', async () => {
    const data = small();
    const knockout = { questionId: 'DATA-01', severity: 'critical' as const, finding: 'Trains on customer data', answer: 'always' };
    const score = { ...data.score, controlScore: 98.4, knockouts: [knockout], notApplicable: [{ questionId: 'SEC-02', reason: 'The system has no public endpoint' }] };
    const text = (await parsePdf((await render({ ...data, score })).bytes)).pages.join('\n');
    expect(text).toContain('98.4, with 1 critical knockout');
    expect(text).toContain('Answered not applicable');
    expect(text).toMatch(/SEC-02\s*The system has no public endpoint/);
  });

  it('wraps a long answer over pages and draws text the standard fonts lack as ?', async () => {
    const data = small();
    const long = `Zürich — 東京 ${'The vendor retrains the model monthly on fresh data. '.repeat(400)}`;
    const question = data.questions.find((q) => q.type === 'text')!;
    const answers = data.answers.map((a) => (a.questionId === question.id ? { ...a, value: long, notApplicable: false } : a));
    const plain = await render(small());
    const wrapped = await render({ ...data, answers });
    expect(wrapped.pageCount).toBeGreaterThan(plain.pageCount + 2);
    const text = (await parsePdf(wrapped.bytes)).pages.join('\n');
    expect(text).toContain('Zürich — ?? The vendor retrains');
  });

  it('keeps every page numbered and on A4 whatever the length of the texts', async () => {
    const data = small();
    const long = (text: string, times: number) => Array.from({ length: times }, (_, i) => `${text} ${i}.`).join(' ');
    const extreme: ReportData = {
      ...data,
      vendor: { ...data.vendor, legalName: long('Very Long Vendor Name Holding', 30) },
      intake: { ...data.intake, useCase: long('Pre-screen applications for consumer credit in every market', 200) },
      findings: data.findings.map((f) => ({ ...f, description: long('The evidence does not show the tests', 300) })),
      evidence: data.evidence.map((e) => ({ ...e, name: `${'x'.repeat(150)}.pdf` })),
    };
    const { bytes, pageCount } = await render(extreme);
    const pdf = await parsePdf(bytes);
    expect(pdf.pageCount).toBe(pageCount);
    pdf.pages.forEach((text, index) => expect(text).toContain(`Page ${index + 1} of ${pageCount}`));
    expect(bytes.toString('latin1')).not.toMatch(/MediaBox \[0 0 (?!595\.28 841\.89)/);
  });
});

describe('text for the page', () => {
  it.each([
    ['Zürich — “quoted” €5', 'Zürich — “quoted” €5'],
    ['Łódź and Dvořák', '?ódz and Dvorák'],
    ['東京', '??'],
    ['tab\there\r\nnew line', 'tab here\nnew line'],
  ])('draws %j as %j', (input, expected) => {
    expect(pdfText(input)).toBe(expected);
  });

  it('shows option labels rather than stored values', () => {
    const question = { id: 'Q', questionnaire: 'q', domain: null, text: 'Q', type: 'multi_choice' as const, options: [{ value: 'soc2', label: 'SOC 2 Type II' }, { value: 'iso', label: 'ISO 27001' }], mapsTo: [] };
    expect(formatAnswer(question, ['soc2', 'iso'])).toBe('SOC 2 Type II; ISO 27001');
    expect(formatAnswer(question, null)).toBe('Not answered');
    expect(formatAnswer(undefined, true)).toBe('Yes');
  });
});
