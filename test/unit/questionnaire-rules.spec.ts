import { readFileSync } from 'node:fs';
import { compileTemplateSchema, contentHash, readTemplate, versionStatus, type TemplateError } from '../../src/domain/questionnaire-document.js';
import { intakeFields } from '../../src/domain/intake-scope.js';
import type { QuestionnaireTemplate } from '../../src/domain/questionnaire-template.js';

const checkSchema = compileTemplateSchema(JSON.parse(readFileSync('questionnaires/schema.json', 'utf8')));

/** A valid template; every case below breaks it with one edit, so the line numbers are known. */
const VALID = `key: sample
version: 1.0.0
title: Sample
appliesTo: { tiers: [high], modelTypes: [generative] }
domains:
  - { id: DATA, title: Data, weight: 2 }
  - { id: SEC, title: Security, weight: 1 }
questions:
  - id: DATA-01
    domain: DATA
    text: Do you train models on customer data?
    type: single_choice
    options:
      - { value: never, label: Never, points: 1 }
      - { value: opt_in, label: Only with consent, points: 0.5 }
      - { value: always, label: Always, points: 0 }
    weight: 3
    knockout: { when: { equals: { DATA-01: always } }, severity: critical, finding: Trains on customer data. }
    mapsTo: [gdpr:Art.28(3)(a)]
  - id: DATA-02
    domain: DATA
    text: Can the customer withdraw its consent?
    type: boolean
    visibleWhen: { equals: { DATA-01: opt_in } }
  - id: SEC-01
    domain: SEC
    text: Please upload your latest penetration test report.
    type: evidence
    evidence: { expected: [penetration_test_report], required: true, maxAgeMonths: 12 }
`;

function errorsOf(text: string): TemplateError[] {
  const result = readTemplate('sample.yaml', text, checkSchema);
  return result.ok ? [] : result.errors;
}

function edit(from: string, to: string): string {
  if (!VALID.includes(from)) throw new Error(`The sample has no ${from}`);
  return VALID.replace(from, to);
}

describe('a valid template', () => {
  it('reads, with defaults filled in', () => {
    const result = readTemplate('sample.yaml', VALID, checkSchema);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.template.kind).toBe('questionnaire');
    expect(result.template.questions.map((question) => question.required)).toEqual([false, false, false]);
  });
});

describe('a broken template gives an error naming the file, line and field', () => {
  const cases: [name: string, text: string, line: number, field: string, message: string][] = [
    ['a visibleWhen on a question that does not exist', edit('{ DATA-01: opt_in }', '{ DATA-09: opt_in }'), 24, 'questions[1].visibleWhen.equals.DATA-09', 'DATA-02: visibleWhen refers to DATA-09, which is not a question of this template'],
    ['a visibleWhen on a value that is not an option', edit('{ DATA-01: opt_in }', '{ DATA-01: sometimes }'), 24, 'questions[1].visibleWhen.equals.DATA-01', 'DATA-02: visibleWhen: "sometimes" is not an option of DATA-01 (options: never, opt_in, always)'],
    ['a visibleWhen on an evidence question', edit('{ DATA-01: opt_in }', '{ SEC-01: "yes" }'), 24, 'questions[1].visibleWhen.equals.SEC-01', 'DATA-02: visibleWhen: SEC-01 has evidence answers; conditions can only read choice, yes/no and number answers'],
    ['a yes/no question compared with a word', edit('opt_in } }\n', 'opt_in } }\n    knockout: { when: { equals: { DATA-02: "no" } }, severity: high, finding: No way back. }\n'), 25, 'questions[1].knockout.when.equals.DATA-02', 'DATA-02: knockout: DATA-02 is a yes/no question: compare it with true or false, not "no"'],
    ['a cycle in visibleWhen', edit('    weight: 3\n', '    visibleWhen: { equals: { DATA-02: true } }\n    weight: 3\n'), 17, 'questions[0].visibleWhen', 'DATA-01: visibleWhen forms a cycle: DATA-01 → DATA-02 → DATA-01'],
    ['a question visible only when it is answered itself', edit('{ DATA-01: opt_in }', '{ DATA-02: true }'), 24, 'questions[1].visibleWhen', 'DATA-02: visibleWhen forms a cycle: DATA-02 → DATA-02'],
    ['a duplicate question id', edit('  - id: SEC-01\n    domain: SEC', '  - id: DATA-02\n    domain: DATA'), 25, 'questions[2].id', 'DATA-02 is the id of more than one question'],
    ['points above 1', edit('points: 0.5', 'points: 1.5'), 15, 'questions[0].options[1].points', 'DATA-01: must be <= 1'],
    ['points below 0', edit('points: 0 }', 'points: -0.2 }'), 16, 'questions[0].options[2].points', 'DATA-01: must be >= 0'],
    ['points on only some options', edit(', points: 0 }', ' }'), 16, 'questions[0].options[2]', 'DATA-01: either every option has points or none has'],
    ['an unknown framework prefix', edit('gdpr:Art.28(3)(a)', 'gdrp:Art.28(3)(a)'), 19, 'questions[0].mapsTo[0]', 'DATA-01: gdrp:Art.28(3)(a): unknown framework prefix "gdrp"; use one of nist-ai-rmf, nist-ai-600-1, eu-ai-act, iso-42001, owasp-llm-2025, mitre-atlas, us-tprm-2023, gdpr, dora, nyc-ll144, csa-aicm'],
    ['a malformed NIST AI RMF id', edit('gdpr:Art.28(3)(a)', 'nist-ai-rmf:GOVERN6.1'), 19, 'questions[0].mapsTo[0]', 'DATA-01: nist-ai-rmf:GOVERN6.1: "GOVERN6.1" is not a NIST AI RMF 1.0 (AI 100-1) identifier (form: nist-ai-rmf:GOVERN-6.1)'],
    ['an OWASP id outside the 2025 list', edit('gdpr:Art.28(3)(a)', 'owasp-llm-2025:LLM11'), 19, 'questions[0].mapsTo[0]', 'DATA-01: owasp-llm-2025:LLM11: "LLM11" is not a OWASP Top 10 for LLM Applications 2025 identifier (form: owasp-llm-2025:LLM01)'],
    ['an article written the wrong way', edit('gdpr:Art.28(3)(a)', 'gdpr:Article 28'), 19, 'questions[0].mapsTo[0]', 'DATA-01: must match pattern "^[a-z0-9-]+:\\S+$"'],
    ['a knockout value that is not an option', edit('{ DATA-01: always }', '{ DATA-01: sometimes }'), 18, 'questions[0].knockout.when.equals.DATA-01', 'DATA-01: knockout: "sometimes" is not an option of DATA-01 (options: never, opt_in, always)'],
    ['a knockout severity that does not exist', edit('severity: critical', 'severity: fatal'), 18, 'questions[0].knockout.severity', 'DATA-01: must be one of: low, medium, high, critical'],
    ['a question in an unknown domain', edit('  - id: DATA-02\n    domain: DATA', '  - id: DATA-02\n    domain: PRIV'), 21, 'questions[1].domain', "DATA-02: domain PRIV is not among the template's domains"],
    ['an id that does not start with its domain', edit('  - id: SEC-01', '  - id: SECURITY-01'), 25, 'questions[2].id', 'SECURITY-01: the id of a question in domain SEC starts with SEC-'],
    ['an id not in DOMAIN-NN form', edit('  - id: SEC-01', '  - id: SEC-1'), 25, 'questions[2].id', 'SEC-1: must match pattern "^[A-Z][A-Z0-9]{1,9}-[0-9]{2}$"'],
    ['a weight on a question without points', edit('    type: boolean\n', '    type: boolean\n    weight: 2\n'), 24, 'questions[1].weight', 'DATA-02: only a question whose options carry points can have a weight'],
    ['an option listed twice', edit('value: always', 'value: never'), 16, 'questions[0].options[2].value', 'DATA-01: option never is listed twice'],
    ['a misspelt field', edit('    weight: 3', '    wieght: 3'), 17, 'questions[0].wieght', 'DATA-01: "wieght" is not a known field here (quote values that contain commas or colons)'],
    ['an evidence question without its evidence request', edit('    evidence: { expected: [penetration_test_report], required: true, maxAgeMonths: 12 }\n', ''), 25, 'questions[2].evidence', 'SEC-01: is required'],
    ['a document kind that does not exist', edit('[penetration_test_report]', '[pentest]'), 29, 'questions[2].evidence.expected[0]', 'SEC-01: must be one of:'],
    ['a condition naming two questions', edit('{ DATA-01: opt_in }', '{ DATA-01: opt_in, SEC-01: x }'), 24, 'questions[1].visibleWhen.equals', 'DATA-02: must NOT have more than 1 properties'],
    ['a version that is not MAJOR.MINOR.PATCH', edit('version: 1.0.0', 'version: 1.0.0-beta'), 2, 'version', 'must match pattern'],
    ['a version written as a number', edit('version: 1.0.0', 'version: 1.0'), 2, 'version', 'must be string'],
    ['tiering rules in a questionnaire', `${VALID}tiering: {}\n`, 30, 'tiering', 'tiering is not allowed in a questionnaire'],
    ['options on a text question', edit('    type: evidence\n', '    type: text\n    options: [{ value: a, label: A }, { value: b, label: B }]\n'), 29, 'questions[2].options', 'SEC-01: options is not allowed on a text question'],
    ['text that is not YAML', edit('title: Sample', 'title: [Sample'), 4, '', 'not valid YAML or JSON: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['a key given twice', edit('title: Sample\n', 'title: Sample\ntitle: Other\n'), 4, '', 'not valid YAML or JSON: Map keys must be unique'],
  ];

  it.each(cases)('%s', (_name, text, line, field, message) => {
    const errors = errorsOf(text);
    expect(errors).toContainEqual({ file: 'sample.yaml', line, field, message: expect.stringContaining(message) });
  });
});

describe('questionnaire conditions that read the intake', () => {
  const intake = { questions: [{ id: 'data_sensitivity', text: 'x', type: 'single_choice' as const, required: true, options: [{ value: 'public', label: 'Public' }, { value: 'personal', label: 'Personal' }] }] };
  const context = { intakeFields: intakeFields(intake) };
  const withIntake = (text: string) => {
    const result = readTemplate('sample.yaml', text, checkSchema, context);
    return result.ok ? [] : result.errors;
  };

  it('accepts intake answers and the tiering outcome as intake.* fields', () => {
    expect(withIntake(edit('{ DATA-01: opt_in }', '{ intake.data_sensitivity: personal }'))).toEqual([]);
    expect(withIntake(edit('{ DATA-01: opt_in }', '{ intake.eu_ai_act_category: high_risk }'))).toEqual([]);
  });

  it.each([
    ['an unknown intake field', edit('{ DATA-01: opt_in }', '{ intake.colour: red }'), 'questions[1].visibleWhen.equals.intake.colour', 'DATA-02: visibleWhen refers to intake.colour, which is not a field of the intake'],
    ['a value the intake field cannot take', edit('{ DATA-01: opt_in }', '{ intake.data_sensitivity: secret }'), 'questions[1].visibleWhen.equals.intake.data_sensitivity', 'DATA-02: visibleWhen: "secret" is not an option of intake.data_sensitivity (options: public, personal)'],
    ['a category that does not exist', edit('{ DATA-01: opt_in }', '{ intake.eu_ai_act_category: risky }'), 'questions[1].visibleWhen.equals.intake.eu_ai_act_category', 'is not an option of intake.eu_ai_act_category'],
    [
      'a contradiction that reads the questionnaire rather than the intake',
      edit('label: Always, points: 0 }', 'label: Always, points: 0, contradictsIntake: { when: { equals: { DATA-01: never } }, finding: x } }'),
      'questions[0].options[2].contradictsIntake.when.equals.DATA-01',
      'DATA-01: contradictsIntake compares with the intake, so it reads intake.* fields only, not DATA-01',
    ],
    ['score bands on a choice question', edit('    weight: 3\n', '    weight: 3\n    scoreBands: [{ min: 1, points: 1, label: ok }]\n'), 'questions[0].scoreBands', 'DATA-01: only a number question can have score bands'],
  ])('refuses %s', (_name, text, field, message) => {
    expect(withIntake(text)).toContainEqual(expect.objectContaining({ field, message: expect.stringContaining(message) }));
  });

  it('refuses every intake.* reference when no intake form is known', () => {
    expect(errorsOf(edit('{ DATA-01: opt_in }', '{ intake.data_sensitivity: personal }'))).toContainEqual(expect.objectContaining({ message: expect.stringContaining('which is not a field of the intake') }));
  });
});

describe('the intake form', () => {
  const INTAKE = `kind: intake
key: intake
version: 1.0.0
title: Intake
questions:
  - id: data_sensitivity
    text: What is the most sensitive data?
    type: single_choice
    options:
      - { value: public, label: Public }
      - { value: personal, label: Personal }
  - id: purpose
    text: What is it for?
    type: text
    visibleWhen: { equals: { data_sensitivity: personal } }
tiering: { baseTier: low, rules: [] }
`;

  it('is read with snake_case ids, no domains, no scoring and tiering left as it is', () => {
    const result = readTemplate('intake.yaml', INTAKE, checkSchema);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.template.tiering).toEqual({ baseTier: 'low', rules: [] });
  });

  it.each([
    ['points', INTAKE.replace('label: Public }', 'label: Public, points: 1 }'), 'questions[0].options[0].points', '"points" is not a known field'],
    ['a DOMAIN-NN id', INTAKE.replace('id: purpose', 'id: USE-01').replace('id: data_sensitivity', 'id: data-sensitivity'), 'questions[0].id', 'must match pattern'],
    ['domains', INTAKE.replace('questions:\n', 'domains: [{ id: USE, title: Use, weight: 1 }]\nquestions:\n'), 'domains', 'domains is not allowed in the intake'],
    ['no tiering', INTAKE.replace('tiering: { baseTier: low, rules: [] }\n', ''), 'tiering', 'is required'],
    ['a reference to an unknown question', INTAKE.replace('{ data_sensitivity: personal }', '{ sensitivity: personal }'), 'questions[1].visibleWhen.equals.sensitivity', 'refers to sensitivity'],
  ])('refuses %s', (_name, text, field, message) => {
    const result = readTemplate('intake.yaml', text, checkSchema);
    expect(result.ok ? [] : result.errors).toContainEqual(expect.objectContaining({ field, message: expect.stringContaining(message) }));
  });
});

describe('content and versions', () => {
  const read = (text: string): QuestionnaireTemplate => {
    const result = readTemplate('sample.yaml', text, checkSchema);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.template;
  };

  it('hashes content, not formatting, comments or key order', () => {
    const reformatted = `# a comment\n${VALID.replace('title: Sample\n', '').replace('key: sample\n', 'key: sample\ntitle: "Sample"\n')}`;
    expect(contentHash(read(reformatted))).toBe(contentHash(read(VALID)));
  });

  it('refuses changed content under a stored version, and accepts the same content again', () => {
    const stored = contentHash(read(VALID));
    expect(versionStatus(null, read(VALID))).toBe('new');
    expect(versionStatus(stored, read(VALID))).toBe('unchanged');
    expect(versionStatus(stored, read(edit('Do you train models', 'Do you ever train models')))).toBe('changed_without_new_version');
    expect(versionStatus(stored, read(edit('weight: 3', 'weight: 2')))).toBe('changed_without_new_version');
  });
});
