import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { checkIntakeAnswers, checkIntakeForm, type IntakeForm } from '../../src/domain/intake-form.js';
import { afterRulings, inherentTier, type EuAiActCategory, type Tier } from '../../src/domain/tiering.js';

const form = parse(readFileSync('questionnaires/intake.yaml', 'utf8')) as IntakeForm;

const base = {
  decision_impact: 'none',
  data_sensitivity: 'internal',
  exposure: 'internal',
  annex_iii_area: 'none',
  generative: false,
  interacts_with_people: false,
  autonomy: 'suggests_only',
  prohibited_practice: false,
  business_criticality: 'low',
};

type Case = [string, Record<string, unknown>, Tier, EuAiActCategory, boolean?];

const cases: Case[] = [
  ['an internal analytics helper on internal data', {}, 'low', 'minimal_risk'],
  ['an internal FAQ drafter on internal data (generative: transparency duties)', { generative: true }, 'low', 'limited_risk'],
  ['an internal chat assistant', { generative: true, interacts_with_people: true }, 'low', 'limited_risk'],
  ['solely automated credit decisions on personal data', { decision_impact: 'solely_automated', data_sensitivity: 'personal', exposure: 'customer_facing', annex_iii_area: 'essential_services_credit' }, 'critical', 'high_risk'],
  ['credit scoring that informs a human underwriter', { decision_impact: 'informs', data_sensitivity: 'personal', annex_iii_area: 'essential_services_credit' }, 'high', 'high_risk'],
  ['a prohibited practice', { prohibited_practice: true }, 'critical', 'prohibited', false],
  ['a prohibited practice in an Annex III area stays prohibited', { prohibited_practice: true, annex_iii_area: 'biometrics' }, 'critical', 'prohibited', false],
  ['CV screening that informs recruiters', { decision_impact: 'informs', data_sensitivity: 'personal', annex_iii_area: 'employment' }, 'high', 'high_risk'],
  ['health insurance pricing on health data', { decision_impact: 'significant', data_sensitivity: 'special_category', exposure: 'customer_facing', annex_iii_area: 'essential_services_insurance' }, 'critical', 'high_risk'],
  ['emergency triage', { decision_impact: 'significant', data_sensitivity: 'special_category', annex_iii_area: 'emergency_triage' }, 'critical', 'high_risk'],
  ['internal summaries of personal data', { data_sensitivity: 'personal' }, 'medium', 'minimal_risk'],
  ['internal use on special-category data', { data_sensitivity: 'special_category' }, 'high', 'minimal_risk'],
  ['confidential financials summarised internally', { data_sensitivity: 'confidential' }, 'medium', 'minimal_risk'],
  ['a public website chatbot on public data', { exposure: 'public', generative: true, interacts_with_people: true, data_sensitivity: 'public' }, 'medium', 'limited_risk'],
  ['a customer-facing chatbot that only answers questions', { exposure: 'customer_facing', generative: true, interacts_with_people: true }, 'low', 'limited_risk'],
  ['significant internal decisions', { decision_impact: 'significant' }, 'medium', 'minimal_risk'],
  ['significant decisions about customers', { decision_impact: 'significant', exposure: 'customer_facing' }, 'high', 'minimal_risk'],
  ['solely automated decisions outside Annex III', { decision_impact: 'solely_automated' }, 'high', 'minimal_risk'],
  ['an agent acting on its own with no significant effects', { autonomy: 'acts_autonomously' }, 'medium', 'minimal_risk'],
  ['an agent acting on its own in significant decisions', { autonomy: 'acts_autonomously', decision_impact: 'significant' }, 'high', 'minimal_risk'],
  ['an agent that acts after approval', { autonomy: 'acts_with_approval' }, 'low', 'minimal_risk'],
  ['a tool in a critical process with no decisions', { business_criticality: 'high' }, 'medium', 'minimal_risk'],
  ['a critical process driven by its decisions', { business_criticality: 'high', decision_impact: 'significant' }, 'high', 'minimal_risk'],
  ['a medium-criticality tool', { business_criticality: 'medium' }, 'low', 'minimal_risk'],
  ['a rebranded or fine-tuned system', { substantial_modification: true }, 'medium', 'minimal_risk'],
  ['a safety component of critical infrastructure', { annex_iii_area: 'critical_infrastructure' }, 'high', 'high_risk'],
  ['exam proctoring in education', { annex_iii_area: 'education', data_sensitivity: 'special_category' }, 'critical', 'high_risk'],
  ['a benefits-eligibility tool', { annex_iii_area: 'essential_services_public_benefits', decision_impact: 'significant' }, 'high', 'high_risk'],
  ['law enforcement use', { annex_iii_area: 'law_enforcement' }, 'high', 'high_risk'],
  ['migration and border control', { annex_iii_area: 'migration' }, 'high', 'high_risk'],
  ['justice and democratic processes', { annex_iii_area: 'justice', decision_impact: 'solely_automated' }, 'critical', 'high_risk'],
  // The hard cases a bank's second line brings.
  ['an agent that moves money on its own', { autonomy: 'acts_autonomously', moves_money: true }, 'high', 'minimal_risk'],
  ['an agent that moves money on its own with a generative front end', { autonomy: 'acts_autonomously', moves_money: true, generative: true, interacts_with_people: true }, 'high', 'limited_risk'],
  ['an assistant that prepares payments a person approves', { autonomy: 'acts_with_approval', moves_money: true }, 'medium', 'minimal_risk'],
  ['a customer-facing generative chatbot on personal data', { generative: true, interacts_with_people: true, exposure: 'customer_facing', data_sensitivity: 'personal' }, 'high', 'limited_risk'],
  ['a public generative chatbot on special-category data', { generative: true, interacts_with_people: true, exposure: 'public', data_sensitivity: 'special_category' }, 'high', 'limited_risk'],
  ['AML transaction monitoring', { financial_crime_monitoring: true, data_sensitivity: 'personal', decision_impact: 'informs' }, 'high', 'minimal_risk'],
  ['emotion recognition of employees at work', { biometric_function: 'emotion_recognition', used_on_workers_or_students: true, data_sensitivity: 'special_category' }, 'critical', 'prohibited', false],
  ['emotion recognition in education', { biometric_function: 'emotion_recognition', annex_iii_area: 'education' }, 'critical', 'prohibited', false],
  ['emotion recognition in recruitment', { biometric_function: 'emotion_recognition', annex_iii_area: 'employment' }, 'critical', 'prohibited', false],
  ['emotion recognition of customers (not at work or in education)', { biometric_function: 'emotion_recognition', exposure: 'customer_facing' }, 'high', 'high_risk'],
  ['real-time remote biometric identification in public for law enforcement', { biometric_function: 'identification_real_time', publicly_accessible_space: true, annex_iii_area: 'law_enforcement' }, 'critical', 'prohibited', false],
  ['real-time remote biometric identification in a branch, not for law enforcement', { biometric_function: 'identification_real_time', publicly_accessible_space: true }, 'high', 'high_risk'],
  ['biometric verification at log-in (1:1)', { biometric_function: 'verification', data_sensitivity: 'special_category' }, 'high', 'minimal_risk'],
  ['model-risk materiality: output used in capital or provisioning', { regulatory_model_use: true }, 'high', 'minimal_risk'],
  ['model-risk materiality: significant financial exposure', { financial_exposure: 'significant' }, 'high', 'minimal_risk'],
  ['model-risk materiality: moderate exposure', { financial_exposure: 'moderate' }, 'medium', 'minimal_risk'],
  ['model-risk materiality: low exposure', { financial_exposure: 'low', decision_volume: 'low' }, 'low', 'minimal_risk'],
  ['model-risk materiality: high volume of informing outputs', { decision_volume: 'high' }, 'medium', 'minimal_risk'],
  ['model-risk materiality: high volume of significant decisions', { decision_volume: 'high', decision_impact: 'significant' }, 'high', 'minimal_risk'],
  ['an Article 6(3) derogation for a narrow procedural task', { annex_iii_area: 'employment', art_6_3_derogation: true, art_6_3_condition: 'narrow_procedural_task', art_6_3_reason: 'Sorts CVs by the language they are written in; no assessment of the person', profiles_natural_persons: false }, 'medium', 'minimal_risk'],
  ['an Article 6(3) derogation does not lower a special-category tier', { annex_iii_area: 'employment', data_sensitivity: 'special_category', art_6_3_derogation: true, art_6_3_condition: 'preparatory_task', art_6_3_reason: 'Translates documents before a recruiter reads them', profiles_natural_persons: false }, 'high', 'minimal_risk'],
];

describe('inherent tiering from the intake rules', () => {
  it('loads a form whose rules refer only to its own questions and options', () => {
    expect(checkIntakeForm(form)).toEqual([]);
  });

  it.each(cases)('%s', (_name, overrides, tier, category, canProceed = true) => {
    const answers = { ...base, ...overrides };
    expect(checkIntakeAnswers(form, answers)).toEqual([]);
    const result = inherentTier(form.tiering, answers as never);
    expect({ tier: result.inherentTier, category: result.euAiActCategory, canProceed: result.canProceed }).toEqual({ tier, category, canProceed });
  });

  it('explains every tier above low and every category above minimal with a fired rule', () => {
    for (const [, overrides] of cases) {
      const result = inherentTier(form.tiering, { ...base, ...overrides } as never);
      if (result.inherentTier !== 'low') expect(result.reasons.some((r) => r.raisesTierTo === result.inherentTier)).toBe(true);
      if (result.euAiActCategory !== 'minimal_risk') expect(result.reasons.some((r) => r.category === result.euAiActCategory)).toBe(true);
      for (const reason of result.reasons) expect(reason.reason.length).toBeGreaterThan(20);
    }
  });

  it('gives no reasons for the plainest use', () => {
    expect(inherentTier(form.tiering, base as never).reasons).toEqual([]);
  });

  it('never lowers a tier when more risk factors are added', () => {
    const plain = inherentTier(form.tiering, { ...base, data_sensitivity: 'special_category' } as never);
    const more = inherentTier(form.tiering, { ...base, data_sensitivity: 'special_category', exposure: 'public', generative: true } as never);
    expect(['low', 'medium', 'high', 'critical'].indexOf(more.inherentTier)).toBeGreaterThanOrEqual(['low', 'medium', 'high', 'critical'].indexOf(plain.inherentTier));
  });
});

describe('the Article 6(3) derogation', () => {
  const derogation = { ...base, annex_iii_area: 'essential_services_credit', art_6_3_derogation: true };

  it('needs its condition, its reason and the profiling answer', () => {
    expect(checkIntakeAnswers(form, derogation)).toEqual([
      { field: 'answers.art_6_3_condition', message: 'art_6_3_condition is required with these answers' },
      { field: 'answers.art_6_3_reason', message: 'art_6_3_reason is required with these answers' },
      { field: 'answers.profiles_natural_persons', message: 'profiles_natural_persons is required with these answers' },
    ]);
  });

  it('refuses a blank reason', () => {
    const problems = checkIntakeAnswers(form, { ...derogation, art_6_3_condition: 'preparatory_task', art_6_3_reason: '  ', profiles_natural_persons: false });
    expect(problems).toEqual([{ field: 'answers.art_6_3_reason', message: 'art_6_3_reason is required with these answers' }]);
  });

  it('is never allowed when the system profiles natural persons', () => {
    const problems = checkIntakeAnswers(form, { ...derogation, art_6_3_condition: 'preparatory_task', art_6_3_reason: 'Prepares the file', profiles_natural_persons: true });
    expect(problems).toEqual([{ field: 'answers.art_6_3_derogation', message: expect.stringContaining('not available for a system that profiles natural persons') }]);
  });

  it('applies only to an Annex III use', () => {
    const problems = checkIntakeAnswers(form, { ...base, art_6_3_derogation: true, art_6_3_condition: 'preparatory_task', art_6_3_reason: 'Prepares the file', profiles_natural_persons: false });
    expect(problems).toEqual([{ field: 'answers.art_6_3_derogation', message: 'The Article 6(3) derogation applies only to a use in an Annex III area.' }]);
  });
});

describe('Article 5 rules', () => {
  it('name the provision they apply', () => {
    const result = inherentTier(form.tiering, { ...base, biometric_function: 'emotion_recognition', used_on_workers_or_students: true } as never);
    expect(result.reasons.find((r) => r.cannotProceed)).toMatchObject({ rule: 'emotion-recognition-work-education', legalReference: 'eu-ai-act:Art.5(1)(f)', category: 'prohibited' });
  });

  it('once ruled out, leave the tier the other rules give', () => {
    const result = inherentTier(form.tiering, { ...base, biometric_function: 'emotion_recognition', used_on_workers_or_students: true } as never);
    const ruled = afterRulings(form.tiering, result.reasons, new Set(['emotion-recognition-work-education']));
    expect({ tier: ruled.inherentTier, category: ruled.euAiActCategory, canProceed: ruled.canProceed }).toEqual({ tier: 'high', category: 'high_risk', canProceed: true });
  });

  it('still stop the intake while another stopping rule stands', () => {
    const result = inherentTier(form.tiering, { ...base, prohibited_practice: true, biometric_function: 'emotion_recognition', used_on_workers_or_students: true } as never);
    expect(afterRulings(form.tiering, result.reasons, new Set(['emotion-recognition-work-education'])).canProceed).toBe(false);
  });
});

describe('intake answers', () => {
  it('names unknown questions, wrong values and missing required answers', () => {
    const problems = checkIntakeAnswers(form, { ...base, decision_impact: 'maybe', generative: 'yes', colour: 'blue', exposure: undefined });
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'answers.decision_impact', message: expect.stringContaining('must be one of none, informs, significant, solely_automated') },
        { field: 'answers.generative', message: 'generative must be true or false' },
        { field: 'answers.colour', message: 'colour is not a question of the intake form' },
        { field: 'answers.exposure', message: 'exposure is required' },
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('accepts leaving an optional question out', () => {
    expect(checkIntakeAnswers(form, base)).toEqual([]);
  });
});

describe('checking the tiering rules of a form', () => {
  const broken = (rules: unknown[]) => checkIntakeForm({ ...form, tiering: { ...form.tiering, rules } as never });

  it.each([
    ['an unknown question', [{ id: 'r', when: { equals: { colour: 'red' } }, atLeast: 'high', reason: 'x' }], 'rule r refers to unknown question colour'],
    ['a value outside the options', [{ id: 'r', when: { equals: { exposure: 'galaxy' } }, reason: 'x' }], 'rule r: exposure must be one of internal, customer_facing, public, not galaxy'],
    ['an unknown tier', [{ id: 'r', when: { equals: { generative: true } }, atLeast: 'extreme', reason: 'x' }], 'rule r: atLeast must be one of low, medium, high, critical'],
    ['a duplicate rule id', [{ id: 'r', when: { equals: { generative: true } }, reason: 'x' }, { id: 'r', when: { equals: { generative: false } }, reason: 'y' }], 'rule r is defined twice'],
    ['a condition on two questions at once', [{ id: 'r', when: { equals: { generative: true, exposure: 'public' } }, reason: 'x' }], 'rule r: A condition names exactly one question, got 2'],
    ['a legal reference in the wrong form', [{ id: 'r', when: { equals: { generative: true } }, legalReference: 'eu-ai-act:Article 5', reason: 'x' }], 'rule r: eu-ai-act:Article 5: "Article 5" is not a EU AI Act, Regulation (EU) 2024/1689 identifier (form: eu-ai-act:Art.26(5) or AnnexIII.5(b))'],
  ])('refuses %s', (_name, rules, message) => {
    expect(broken(rules)).toContain(message);
  });
});
