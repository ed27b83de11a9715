import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { acceptanceRefusal, acceptanceSeverity, DEFAULT_ACCEPTANCE_POLICY, parseAcceptancePolicy } from '../../src/domain/acceptance-policy.js';
import { article5QuestionIds, blockingFindings, fourEyesRequired, prohibitedPractice, uncoveredFindings, type FindingToCover } from '../../src/domain/decision-rules.js';
import { acceptable, findingMoveAllowed, reasonsNeeded } from '../../src/domain/finding-state.js';
import type { Question } from '../../src/domain/questionnaire-template.js';
import { approvalMonths, DEFAULT_CADENCE_MONTHS, DEFAULT_RESIDUAL_CAP_MONTHS, parseResidualCaps } from '../../src/domain/reassessment-cadence.js';
import type { ResidualRisk } from '../../src/domain/scoring.js';
import type { Tier } from '../../src/domain/tiering.js';

const core = parse(readFileSync('questionnaires/ai-due-diligence-core.yaml', 'utf8')) as { questions: Question[] };
const knockout = { when: { equals: { X: true } }, severity: 'critical' as const, finding: 'Prohibited' };
const question = (id: string, mapsTo: string[], withKnockout = true): Question => ({ id, text: id, type: 'boolean', required: true, mapsTo, ...(withKnockout ? { knockout } : {}) });
const fired = (questionId: string) => ({ questionId, severity: 'critical' as const, finding: 'x', answer: true });
const plainIntake = { canProceed: true, reasons: [] };

describe('the Article 5 hard stop', () => {
  it('finds the core questionnaire\'s Article 5 question by its mapping, not by its id', () => {
    expect(article5QuestionIds(core.questions)).toEqual(['USE-04']);
  });

  it.each([
    ['a knockout mapped to Art.5', [question('CAP-9', ['eu-ai-act:Art.5'])], ['CAP-9']],
    ['a knockout mapped to a paragraph of Art.5', [question('CAP-9', ['eu-ai-act:Art.5(1)(f)'])], ['CAP-9']],
    ['no knockout on the Art.5 question', [question('CAP-9', ['eu-ai-act:Art.5'], false)], []],
    ['Art.50 is transparency, not a prohibition', [question('GEN-1', ['eu-ai-act:Art.50(1)'])], []],
  ])('%s', (_, questions, expected) => {
    expect(article5QuestionIds(questions)).toEqual(expected);
  });

  it('names the fired Article 5 question', () => {
    expect(prohibitedPractice([question('USE-04', ['eu-ai-act:Art.5'])], [fired('USE-04')], plainIntake)).toEqual({ questionIds: ['USE-04'], ruleIds: [] });
    // two capabilities ticked fire two knockouts on one question: it is named once
    expect(prohibitedPractice([question('USE-04', ['eu-ai-act:Art.5'])], [fired('USE-04'), fired('USE-04')], plainIntake)).toEqual({ questionIds: ['USE-04'], ruleIds: [] });
  });

  it('ignores other knockouts', () => {
    expect(prohibitedPractice([question('USE-04', ['eu-ai-act:Art.5']), question('SEC-1', ['iso-42001:A.6'])], [fired('SEC-1')], plainIntake)).toBeNull();
  });

  it('names the intake rule that says the use cannot proceed', () => {
    const intake = { canProceed: false, reasons: [{ rule: 'annex-iii', category: 'high_risk' }, { rule: 'prohibited-practice', category: 'prohibited' }] };
    expect(prohibitedPractice([], [], intake)).toEqual({ questionIds: [], ruleIds: ['prohibited-practice'] });
  });
});

describe('four eyes', () => {
  it.each<[Tier, ResidualRisk, boolean]>([
    ['critical', 'moderate', true],
    ['high', 'severe', true],
    ['medium', 'severe', true],
    ['high', 'high', false],
    ['low', 'low', false],
  ])('a %s tier with %s residual risk: %s', (tier, residual, expected) => {
    expect(fourEyesRequired(tier, residual)).toBe(expected);
  });
});

describe('findings a decision must cover', () => {
  const finding = (id: string, over: Partial<FindingToCover>): FindingToCover => ({ id, title: id, severity: 'medium', status: 'open', source: 'manual', validAcceptance: false, ...over });
  const findings = [
    finding('high-open', { severity: 'high' }),
    finding('critical-planned', { severity: 'critical', status: 'remediation_planned' }),
    finding('knockout-medium', { source: 'knockout' }),
    finding('medium-open', {}),
    finding('high-closed', { severity: 'high', status: 'closed' }),
    finding('high-dismissed', { severity: 'high', status: 'dismissed' }),
    finding('high-accepted', { severity: 'high', status: 'accepted', validAcceptance: true }),
    finding('high-acceptance-expired', { severity: 'high', status: 'accepted', validAcceptance: false }),
  ];

  it('blocks on standing high, critical and knockout findings without a valid acceptance', () => {
    expect(blockingFindings(findings).map((f) => f.id)).toEqual(['high-open', 'critical-planned', 'knockout-medium', 'high-acceptance-expired']);
  });

  it('leaves those no condition names', () => {
    const uncovered = uncoveredFindings(findings, [{ findingIds: ['high-open'] }, { findingIds: ['knockout-medium', 'medium-open'] }, {}]);
    expect(uncovered.map((f) => f.id)).toEqual(['critical-planned', 'high-acceptance-expired']);
  });
});

describe('triage of findings', () => {
  it.each([
    ['confirming a draft', 'draft', 'open', true],
    ['dismissing a draft', 'draft', 'dismissed', true],
    ['planning a draft before triage', 'draft', 'remediation_planned', false],
    ['closing a draft before triage', 'draft', 'closed', false],
  ] as const)('%s', (_, from, to, allowed) => {
    expect(findingMoveAllowed(from, to, false)).toBe(allowed);
  });

  it('never accepts the risk of an untriaged draft', () => {
    expect(acceptable('draft')).toBe(false);
    expect(acceptable('open')).toBe(true);
    expect(acceptable('closed')).toBe(false);
  });

  it.each([
    ['a dismissal', { status: 'draft', severity: 'high' }, { status: 'dismissed', severity: 'high' }, ['dismissal']],
    ['a lower severity', { status: 'open', severity: 'high' }, { status: 'open', severity: 'medium' }, ['severity_lowered']],
    ['both', { status: 'draft', severity: 'critical' }, { status: 'dismissed', severity: 'low' }, ['dismissal', 'severity_lowered']],
    ['a confirmation', { status: 'draft', severity: 'high' }, { status: 'open', severity: 'high' }, []],
    ['a higher severity', { status: 'open', severity: 'low' }, { status: 'open', severity: 'high' }, []],
  ] as const)('asks a reason for %s', (_, before, after, expected) => {
    expect(reasonsNeeded(before, after)).toEqual(expected);
  });
});

describe('risk acceptance authority', () => {
  const today = '2026-03-15';
  it.each([
    ['low for 12 months', 'low', '2027-03-15', null],
    ['medium for 13 months', 'medium', '2027-04-15', 'acceptance_too_long'],
    ['high for 6 months', 'high', '2026-09-15', null],
    ['high for 7 months', 'high', '2026-10-15', 'acceptance_too_long'],
    ['critical at all', 'critical', '2026-04-15', 'acceptance_not_allowed'],
  ] as const)('by default: %s', (_, severity, expiresAt, code) => {
    expect(acceptanceRefusal(DEFAULT_ACCEPTANCE_POLICY, severity, expiresAt, today)?.code ?? null).toBe(code);
  });

  it.each([
    ['never lowered', 'high', null, 'high'],
    ['lowered from critical to high', 'high', 'critical', 'critical'],
    ['lowered from high to low', 'low', 'high', 'high'],
    ['raised again above its old peak', 'critical', 'high', 'critical'],
  ] as const)('answers to the highest severity the finding had: %s', (_, severity, highest, expected) => {
    expect(acceptanceSeverity(severity, highest)).toBe(expected);
  });

  it('asks two risk managers for high by default', () => {
    expect(DEFAULT_ACCEPTANCE_POLICY.high).toEqual({ maxMonths: 6, approvers: 2 });
    expect(DEFAULT_ACCEPTANCE_POLICY.medium?.approvers).toBe(1);
  });

  it('reads a policy, keeping defaults for what it does not name', () => {
    expect(parseAcceptancePolicy('high=3:2, low=none')).toEqual({ ...DEFAULT_ACCEPTANCE_POLICY, high: { maxMonths: 3, approvers: 2 }, low: null });
    expect(() => parseAcceptancePolicy('severe=3')).toThrow(/severe=3/);
    expect(() => parseAcceptancePolicy('high=0')).toThrow(/high=0/);
  });
});

describe('how long an approval stands', () => {
  it.each<[Tier, ResidualRisk, number]>([
    ['critical', 'severe', 3],
    ['critical', 'moderate', 6],
    ['high', 'high', 6],
    ['high', 'moderate', 12],
    ['medium', 'moderate', 12],
    ['medium', 'low', 24],
    ['low', 'low', 36],
  ])('a %s tier with %s residual risk: %i months', (tier, residual, months) => {
    expect(approvalMonths(tier, residual, DEFAULT_CADENCE_MONTHS, DEFAULT_RESIDUAL_CAP_MONTHS)).toBe(months);
  });

  it('reads the caps by residual risk', () => {
    expect(parseResidualCaps('severe=1,low=12')).toEqual({ severe: 1, high: 6, moderate: 12, low: 12 });
    expect(parseResidualCaps('moderate=none').moderate).toBeNull();
    expect(() => parseResidualCaps('severe=0')).toThrow(/severe=0/);
  });
});
