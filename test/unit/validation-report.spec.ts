import PDFDocument from 'pdfkit';
import { classificationResults } from '../../src/domain/validation/classification.js';
import { stabilityResults } from '../../src/domain/validation/drift.js';
import { failureRates } from '../../src/domain/validation/generative.js';
import { groupColumn, predictionsAt } from '../../src/domain/validation/sample.js';
import { drawValidationSection, type ReportValidationRun } from '../../src/validation/report/validation-section.js';
import { parsePdf } from '../support/pdf.js';

async function render(runs: ReportValidationRun[]): Promise<string> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { CreationDate: new Date('2026-01-01T00:00:00Z') } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => doc.on('end', resolve));
  drawValidationSection(doc, runs);
  doc.end();
  await done;
  return (await parsePdf(Buffer.concat(chunks))).pages.join('\n');
}

// 8 rows: group a selects 3 of 4, group b 1 of 4
const scores = Float64Array.from([0.9, 0.8, 0.7, 0.2, 0.9, 0.3, 0.2, 0.1]);
const sample = { labels: Uint8Array.from([1, 1, 0, 0, 1, 0, 1, 0]), scores, predictions: predictionsAt(scores, 0.5) };
const computed = classificationResults(sample, [groupColumn('age', ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'])], { minGroupSize: 1, resamples: 20, seed: 1 });
const income = { name: 'income', kind: 'numeric' as const, values: scores };
const stability = stabilityResults({ scores, features: [income], performance: computed.performance }, { scores, features: [income], performance: computed.performance });

describe('the independent validation section of a report', () => {
  it('shows the ROC, calibration, selection rates with the four-fifths line, PSI by feature and the findings opened', async () => {
    const breach = { rule: 'adverse_impact' as const, severity: 'high' as const, title: 't', description: 'selection rate 25% for age b against 75% for age a: ratio 0.33' };
    const text = await render([{ id: 'run-1', finishedAt: new Date('2026-02-03T10:00:00Z'), inputSha256: 'ab'.repeat(32), results: { kind: 'classification', input: { sha256: 'ab'.repeat(32), rows: 8 }, ...computed, stability: { referenceValidationId: 'run-0', referenceSha256: 'cd'.repeat(32), ...stability }, breaches: [breach] }, findingCount: 1 }]);
    for (const expected of ['Validation run run-1', 'ROC curve', 'true positive rate', 'Calibration', 'Selection rate by age', 'four-fifths', '75.0%', '25.0%', 'Stability against run run-0', 'income', 'Findings opened', 'ratio 0.33', '2026-02-03']) {
      expect(text).toContain(expected);
    }
  });

  it('lists generative failure rates with their Wilson intervals and says when no assessment took the findings', async () => {
    const categories = failureRates(['jailbreak', 'jailbreak', 'toxicity'], Uint8Array.from([1, 0, 0]));
    const text = await render([{ id: 'run-2', finishedAt: null, inputSha256: 'ef'.repeat(32), results: { kind: 'generative_eval', input: { sha256: 'ef'.repeat(32), rows: 3 }, categories, breaches: [{ rule: 'generative_failure_rate', severity: 'high', title: 't', description: 'failure rate 50% in jailbreak' }] }, findingCount: 0 }]);
    expect(text).toContain('Failure rate by evaluation category');
    expect(text).toContain('jailbreak');
    expect(text).toContain('50.0%');
    expect(text).toContain('recorded on the run only');
  });

  it('says so when no validation was run', async () => {
    expect(await render([])).toContain('No independent validation has been run on this AI system.');
  });
});
