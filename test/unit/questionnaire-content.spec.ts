import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REQUIRED_COVERAGE, uncovered } from '../../src/domain/questionnaire-coverage.js';
import { visibleQuestionIds, type StoredAnswer } from '../../src/domain/answers.js';
import { contentHash, readTemplate } from '../../src/domain/questionnaire-document.js';
import { templateJson, templateYaml } from '../../src/domain/questionnaire-export.js';
import { NIST_AI_600_1_RISKS } from '../../src/domain/questionnaire-frameworks.js';
import { hasKnockout, notApplicableAllowed, type QuestionnaireTemplate } from '../../src/domain/questionnaire-template.js';
import { loadThresholds } from '../../src/validation/thresholds.loader.js';
import { intakeContext, loadTemplateFiles, loadTemplateSchema, TemplateErrors, type LoadedTemplates } from '../../src/questionnaires/questionnaire.loader.js';

const SHIPPED = ['ai-due-diligence-core', 'ai-due-diligence-generative', 'ai-due-diligence-lite'];

describe('the shipped questionnaires', () => {
  let loaded: LoadedTemplates;
  const byKey = (key: string): QuestionnaireTemplate => loaded.templates.find((file) => file.template.key === key)!.template;
  const refs = (template: QuestionnaireTemplate) => template.questions.flatMap((question) => question.mapsTo ?? []);
  beforeAll(async () => {
    loaded = await loadTemplateFiles();
  });

  it('all load and validate', () => {
    expect(loaded.errors).toEqual([]);
    expect(loaded.templates.map((file) => file.template.key)).toEqual(expect.arrayContaining(SHIPPED));
  });

  it('include the intake form, and it validates as an intake', () => {
    const intake = loaded.templates.find((file) => file.file === 'intake.yaml');
    expect(intake?.template.kind).toBe('intake');
  });

  it('core: the 15 due-diligence domains and at least 70 questions, with evidence requests and weights', () => {
    const core = byKey('ai-due-diligence-core');
    expect(core.domains).toHaveLength(15);
    expect(core.questions.length).toBeGreaterThanOrEqual(70);
    expect(core.questions.filter((question) => question.evidence).length).toBeGreaterThanOrEqual(30);
    expect(core.questions.filter((question) => question.weight !== undefined).length).toBeGreaterThanOrEqual(60);
  });

  it('core: knockouts on training without consent, no DPA, data outside permitted regions, no notice of model changes, a prohibited practice', () => {
    const findings = byKey('ai-due-diligence-core')
      .questions.flatMap((question) => [question.knockout?.finding, ...(question.options ?? []).map((option) => option.knockout?.finding)])
      .filter(Boolean)
      .join('\n');
    for (const topic of [/train.*without.*consent/i, /data processing agreement/i, /outside the regions/i, /notice of changes to the model/i, /prohibited by Article 5/i]) {
      expect(findings).toMatch(topic);
    }
  });

  it('core: USE-04 asks for capabilities, each prohibited one a critical knockout naming its Article 5 point', () => {
    const use04 = byKey('ai-due-diligence-core').questions.find((question) => question.id === 'USE-04')!;
    expect(use04.type).toBe('multi_choice');
    expect(use04.options![0]).toMatchObject({ value: 'none', label: 'None of these' });
    const capabilities = use04.options!.slice(1);
    expect(capabilities.map((option) => option.value)).toEqual(expect.arrayContaining(['emotion_inference', 'biometric_categorisation', 'social_scoring', 'manipulation', 'exploiting_vulnerabilities']));
    for (const option of capabilities) {
      expect(option.knockout).toMatchObject({ severity: 'critical', finding: expect.stringMatching(/Article 5\(1\)\([a-h]\)/) });
    }
    expect(notApplicableAllowed(use04)).toBe(false);
  });

  it('core: the questions a model validator asks, mapped and with evidence requests', () => {
    const core = byKey('ai-due-diligence-core');
    const byId = new Map(core.questions.map((question) => [question.id, question]));
    const validator: [string, RegExp][] = [
      ['PERF-07', /conceptual soundness.*assumptions.*limitations/i],
      ['PERF-08', /benchmark.*sensitive/i],
      ['PERF-09', /back-testing/i],
      ['PERF-10', /validators access to test data/i],
      ['GOV-10', /Article 9/],
      ['GOV-11', /Article 17/],
      ['INC-07', /Article 72/],
      ['FAIR-06', /adverse-action/i],
      ['FAIR-07', /less discriminatory alternative/i],
      ['INC-08', /incident.*litigation/i],
      ['INC-09', /initial notice/i],
    ];
    for (const [id, topic] of validator) {
      const question = byId.get(id)!;
      expect(question.text).toMatch(topic);
      expect(question.mapsTo!.length).toBeGreaterThan(0);
    }
    for (const id of ['PERF-07', 'PERF-08', 'PERF-09', 'GOV-10', 'GOV-11', 'INC-07', 'INC-09']) expect(byId.get(id)!.evidence).toBeDefined();
    expect(byId.get('INC-09')!.options!.map((option) => option.value)).toContain('within_4_hours');
    expect(byId.get('FAIR-06')!.visibleWhen).toEqual({ equals: { 'intake.annex_iii_area': 'essential_services_credit' } });
    expect(byId.get('FAIR-06')!.mapsTo).toContain('us-reg-b:1002.9(b)(2)');
  });

  it('core: conformity, registration, Annex IV, Article 72 and 73 questions show whenever the intake says high-risk', () => {
    const core = byKey('ai-due-diligence-core');
    const shown = (answers: Record<string, StoredAnswer>, intake: Record<string, string>) => visibleQuestionIds(core.questions, answers, intake);
    const vendorSaysMinimal = { 'USE-03': { value: 'minimal_risk', notApplicable: false } };
    for (const id of ['GOV-06', 'GOV-07', 'GOV-08', 'INC-06', 'INC-07', 'CHG-06', 'GOV-10', 'GOV-11']) {
      expect(shown(vendorSaysMinimal, { 'intake.eu_ai_act_category': 'high_risk' }).has(id)).toBe(true);
      expect(shown(vendorSaysMinimal, { 'intake.eu_ai_act_category': 'limited_risk' }).has(id)).toBe(false);
    }
  });

  it('core: FAIR-03 and PERF-01 are numbers scored against bands', () => {
    const core = byKey('ai-due-diligence-core');
    for (const id of ['FAIR-03', 'PERF-01']) {
      const question = core.questions.find((q) => q.id === id)!;
      expect(question.type).toBe('number');
      expect(question.scoreBands!.length).toBeGreaterThan(1);
    }
  });

  it('core: PERF-11 asks the AUC the vendor claims, a number from 0.5 to 1 that validation thresholds compare with', () => {
    const question = byKey('ai-due-diligence-core').questions.find((q) => q.id === 'PERF-11')!;
    expect(question).toMatchObject({ type: 'number', minimum: 0.5, maximum: 1, naAllowed: true });
    expect(question.text).toMatch(/AUC.*your own validation data/);
    expect(loadThresholds().defaults.aucShortfall.claimQuestionIds).toEqual(['PERF-11']);
  });

  it('every question the validation thresholds read a claimed AUC from is a number question of a shipped template', () => {
    const numbers = new Set(SHIPPED.flatMap((key) => byKey(key).questions.filter((q) => q.type === 'number').map((q) => q.id)));
    const file = loadThresholds();
    const claims = [file.defaults, ...Object.values(file.tiers ?? {})].flatMap((t) => t?.aucShortfall?.claimQuestionIds ?? []);
    expect(claims.filter((id) => !numbers.has(id))).toEqual([]);
  });

  it('generative: at least 20 questions covering OWASP LLM01-LLM10 (2025) and every NIST AI 600-1 risk', () => {
    const generative = byKey('ai-due-diligence-generative');
    expect(generative.questions.length).toBeGreaterThanOrEqual(20);
    const owasp = Array.from({ length: 10 }, (_, i) => `owasp-llm-2025:LLM${String(i + 1).padStart(2, '0')}`);
    expect(uncovered([generative], [...owasp, ...NIST_AI_600_1_RISKS.map((risk) => `nist-ai-600-1:${risk}`)])).toEqual([]);
  });

  it('lite: at most 25 questions, keeping every knockout of the core', () => {
    const lite = byKey('ai-due-diligence-lite');
    const core = byKey('ai-due-diligence-core');
    expect(lite.questions.length).toBeLessThanOrEqual(25);
    const knockoutIds = (template: QuestionnaireTemplate) => template.questions.filter(hasKnockout).map((question) => question.id).sort();
    expect(knockoutIds(lite)).toEqual(knockoutIds(core));
  });

  it('together cover every required framework id', () => {
    expect(uncovered(SHIPPED.map(byKey))).toEqual([]);
    expect(REQUIRED_COVERAGE.length).toBe(29);
  });

  it('would report an id that loses its coverage', () => {
    const withoutDora = SHIPPED.map(byKey).map((template) => ({
      ...template,
      questions: template.questions.map((question) => ({ ...question, mapsTo: question.mapsTo?.filter((reference) => !reference.startsWith('dora:')) })),
    }));
    expect(uncovered(withoutDora)).toEqual(['dora:Art.30']);
  });

  it('map only to framework ids in their exact form', () => {
    for (const key of SHIPPED) expect(refs(byKey(key)).every((reference) => /^[a-z0-9-]+:\S+$/.test(reference))).toBe(true);
  });

  it('export to YAML and JSON that read back to the same content and the same bytes', async () => {
    const check = await loadTemplateSchema();
    const context = intakeContext(loaded.templates.map((file) => file.template));
    for (const { template, contentHash: hash } of loaded.templates) {
      const fromYaml = readTemplate('export.yaml', templateYaml(template), check, context);
      const fromJson = readTemplate('export.json', templateJson(template), check, context);
      if (!fromYaml.ok || !fromJson.ok) throw new Error(`${template.key} does not read back`);
      expect(contentHash(fromYaml.template)).toBe(hash);
      expect(templateJson(fromJson.template)).toBe(templateJson(template));
    }
  });
});

describe('the loader', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'questionnaires-'));
    await copyFile('questionnaires/schema.json', join(dir, 'schema.json'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const sample = (title: string) =>
    `key: sample\nversion: 1.2.0\ntitle: ${title}\nappliesTo: { tiers: [low], modelTypes: [other] }\ndomains: [{ id: GOV, title: Governance, weight: 1 }]\nquestions:\n  - { id: GOV-01, domain: GOV, text: Do you have an AI policy?, type: boolean }\n`;

  it('refuses two files with the same key and version but different content, naming the second file and its version line', async () => {
    await writeFile(join(dir, 'a.yaml'), sample('Sample'));
    await writeFile(join(dir, 'b.yaml'), sample('Sample, changed'));
    const { errors } = await loadTemplateFiles(dir);
    expect(errors).toEqual([{ file: 'b.yaml', line: 2, field: 'version', message: 'sample@1.2.0 is also defined in a.yaml' }]);
    expect(new TemplateErrors(errors).message).toContain('\n  b.yaml:2 version: sample@1.2.0 is also defined in a.yaml');
  });

  it('reports every broken file, not only the first', async () => {
    await writeFile(join(dir, 'a.yaml'), sample('Sample').replace('type: boolean', 'type: yes_no'));
    await writeFile(join(dir, 'b.yml'), sample('Sample').replace('key: sample', 'key: Sample'));
    const { errors, templates } = await loadTemplateFiles(dir);
    expect(templates).toEqual([]);
    expect(errors.map((error) => [error.file, error.line, error.field])).toEqual([
      ['a.yaml', 7, 'questions[0].type'],
      ['b.yml', 1, 'key'],
    ]);
  });
});
