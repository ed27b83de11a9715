import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checkIntakeAnswers, missingAnswers, type IntakeForm } from '../../src/domain/intake-form.js';

const form = parse(readFileSync('questionnaires/intake.yaml', 'utf8')) as IntakeForm;
/** The required questions of questionnaires/intake.yaml, read off the file by hand. */
const ALWAYS_REQUIRED = ['decision_impact', 'data_sensitivity', 'exposure', 'annex_iii_area', 'generative', 'interacts_with_people', 'autonomy', 'prohibited_practice', 'business_criticality'];

describe('required intake answers still missing (for the live preview)', () => {
  it.each([
    ['nothing answered', {}, ALWAYS_REQUIRED],
    ['one answer', { prohibited_practice: false }, ALWAYS_REQUIRED.filter((id) => id !== 'prohibited_practice')],
    ['a blank required text counts as missing', { art_6_3_derogation: true, art_6_3_reason: '   ' }, [...ALWAYS_REQUIRED, 'art_6_3_condition', 'art_6_3_reason', 'profiles_natural_persons']],
    ['a derogation makes its condition, reason and the profiling question required', { art_6_3_derogation: true }, [...ALWAYS_REQUIRED, 'art_6_3_condition', 'art_6_3_reason', 'profiles_natural_persons']],
    ['no derogation, no condition needed', { art_6_3_derogation: false }, ALWAYS_REQUIRED],
  ])('%s', (_name, answers, expected) => {
    expect(missingAnswers(form, answers).map((problem) => problem.field.replace('answers.', ''))).toEqual(expected);
  });

  it('lets the preview check given answers only, and still refuses wrong ones', () => {
    expect(checkIntakeAnswers(form, { exposure: 'internal' }, { allowMissing: true })).toEqual([]);
    expect(checkIntakeAnswers(form, { exposure: 'everyone' }, { allowMissing: true }).map((p) => p.field)).toEqual(['answers.exposure']);
    expect(checkIntakeAnswers(form, { exposure: 'internal' }).length).toBe(ALWAYS_REQUIRED.length - 1);
  });
});
