import { Role } from '../../src/auth/roles.js';
import { REQUIRED_COVERAGE } from '../../src/domain/questionnaire-coverage.js';
import { QuestionnaireRegistry } from '../../src/questionnaires/questionnaire.registry.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';

const API = '/api/v1/questionnaires';
const CORE = 'ai-due-diligence-core';
const SHIPPED = [CORE, 'ai-due-diligence-generative', 'ai-due-diligence-lite'];

/** A small template; `version` and one visibleWhen reference can be changed per test. */
function exitCheck(version: string, visibleWhenTarget = 'EXIT-01'): string {
  return `key: vendor-exit-check
version: ${version}
title: Exit readiness check
appliesTo: { tiers: [high, critical], modelTypes: [predictive, generative] }
domains:
  - { id: EXIT, title: Exit, weight: 1 }
questions:
  - id: EXIT-01
    domain: EXIT
    text: Will you return all customer data in a usable format when the contract ends?
    type: single_choice
    required: true
    options:
      - { value: "yes", label: "Yes", points: 1 }
      - { value: "no", label: "No", points: 0 }
    weight: 2
    knockout: { when: { equals: { EXIT-01: "no" } }, severity: high, finding: "No return of data on exit." }
    mapsTo: [dora:Art.30(3)(f)]
  - id: EXIT-02
    domain: EXIT
    text: How many days of transition support do you provide?
    type: number
    visibleWhen: { equals: { ${visibleWhenTarget}: "yes" } }
`;
}

/** The shipped versions: a template whose content changes ships under a new version. */
const SHIPPED_VERSIONS: Record<string, string> = { 'ai-due-diligence-core': '1.2.0', 'ai-due-diligence-lite': '1.1.0', 'ai-due-diligence-generative': '1.0.0' };
const CORE_VERSION = SHIPPED_VERSIONS['ai-due-diligence-core'];
const withVersion = (text: string, from: string, to: string) => text.replace(`"version": "${from}"`, `"version": "${to}"`);

describe('questionnaires', () => {
  let t: TestApp;
  let risk: string;
  let auditor: string;
  let procurement: string;
  let vendor: string;
  beforeAll(async () => {
    t = await startTestApp();
    risk = (await signIn(t, Role.RiskManager)).token;
    auditor = (await signIn(t, Role.Auditor)).token;
    procurement = (await signIn(t, Role.Procurement)).token;
    vendor = (await signIn(t, Role.Vendor)).token;
  });
  afterAll(() => t.stop());

  it('lists every shipped template at its latest version, with counts', async () => {
    const res = await t.http().get(API).set(bearer(procurement)).expect(200);
    const byKey = new Map<string, Record<string, any>>(res.body.items.map((item: Record<string, any>) => [item.key, item]));
    for (const key of SHIPPED) expect(byKey.get(key)).toMatchObject({ version: SHIPPED_VERSIONS[key], versionCount: 1, kind: 'questionnaire' });
    expect(byKey.get(CORE)).toMatchObject({ domainCount: 15, tiers: ['medium', 'high', 'critical'] });
    expect(byKey.get(CORE)!.questionCount).toBeGreaterThanOrEqual(70);
    expect(byKey.get('ai-due-diligence-generative')!.questionCount).toBeGreaterThanOrEqual(20);
    expect(byKey.get('ai-due-diligence-lite')!.questionCount).toBeLessThanOrEqual(25);
    expect(res.body.items.map((item: { key: string }) => item.key)).toEqual([...byKey.keys()].sort());
  });

  it('pages the list by key', async () => {
    const first = await t.http().get(API).query({ limit: 1 }).set(bearer(risk)).expect(200);
    expect(first.body.items).toHaveLength(1);
    const second = await t.http().get(API).query({ limit: 1, cursor: first.body.nextCursor }).set(bearer(risk)).expect(200);
    expect(second.body.items[0].key > first.body.items[0].key).toBe(true);
    await t.http().get(API).query({ cursor: 'not-a-cursor' }).set(bearer(risk)).expect(400);
  });

  it('stores each shipped file once: storing it again changes nothing', async () => {
    const registry = t.app.get(QuestionnaireRegistry);
    const core = (await registry.latest(CORE))!;
    const again = await registry.store({ userId: null, role: 'system', requestId: null }, core.template, 'file:ai-due-diligence-core.yaml');
    expect(again.status).toBe('unchanged');
    const rows = await t.db.query('SELECT count(*)::int AS n FROM questionnaire_versions WHERE key = $1', [CORE]);
    expect(rows[0].n).toBe(1);
  });

  it('gives the shipped intake form to other features', async () => {
    const intake = await t.app.get(QuestionnaireRegistry).latest('intake');
    expect(intake!.kind).toBe('intake');
    expect(intake!.template.tiering).toBeDefined();
  });

  it('shows weights, points and knockouts to risk managers and auditors only', async () => {
    for (const token of [risk, auditor]) {
      const res = await t.http().get(`${API}/${CORE}/versions/${CORE_VERSION}`).set(bearer(token)).expect(200);
      expect(res.body.scoringIncluded).toBe(true);
      const data01 = res.body.questions.find((q: { id: string }) => q.id === 'DATA-01');
      expect(data01.knockout.severity).toBe('critical');
      expect(data01.options[0].points).toBe(1);
      expect(res.body.domains[0].weight).toBeGreaterThan(0);
    }
    for (const token of [procurement, t.adminToken]) {
      const res = await t.http().get(`${API}/${CORE}/versions/latest`).set(bearer(token)).expect(200);
      expect(res.body.scoringIncluded).toBe(false);
      expect(JSON.stringify(res.body)).not.toMatch(/"(points|weight|knockout|tiering)"/);
      expect(res.body.questions.find((q: { id: string }) => q.id === 'DATA-01').mapsTo).toContain('gdpr:Art.28(3)(a)');
    }
    await t.http().get(`${API}/${CORE}/versions/${CORE_VERSION}`).set(bearer(vendor)).expect(403);
    await t.http().get(API).set(bearer(vendor)).expect(403);
  });

  it('answers 404 for an unknown template and 400 for a malformed version', async () => {
    await t.http().get(`${API}/${CORE}/versions/9.9.9`).set(bearer(risk)).expect(404);
    const bad = await t.http().get(`${API}/${CORE}/versions/v1`).set(bearer(risk)).expect(400);
    expect(bad.body.errors[0].field).toBe('version');
  });

  it('imports a YAML template as a new version, and the same one again without change', async () => {
    const created = await t.http().post(`${API}/import`).set(bearer(risk)).set('content-type', 'application/yaml').send(exitCheck('1.0.0')).expect(201);
    expect(created.body).toMatchObject({ created: true, key: 'vendor-exit-check', version: '1.0.0', questionCount: 2 });
    const again = await t.http().post(`${API}/import`).set(bearer(risk)).set('content-type', 'application/yaml').send(exitCheck('1.0.0')).expect(200);
    expect(again.body).toMatchObject({ created: false, id: created.body.id });
    const read = await t.http().get(`${API}/vendor-exit-check/versions/1.0.0`).set(bearer(risk)).expect(200);
    expect(read.body.source).toBe('import');
    const audit = await t.http().get('/api/v1/audit-events').query({ entityType: 'questionnaire_version', entityId: created.body.id }).set(bearer(auditor)).expect(200);
    expect(audit.body.items.map((event: { action: string }) => event.action)).toEqual(['questionnaire_version.created']);
  });

  it('imports a JSON template', async () => {
    const yamlRead = await t.http().get(`${API}/vendor-exit-check/versions/1.0.0/export`).query({ format: 'json' }).set(bearer(risk)).expect(200);
    const body = JSON.parse(withVersion(yamlRead.text, '1.0.0', '1.1.0'));
    const res = await t.http().post(`${API}/import`).set(bearer(risk)).send(body).expect(201);
    expect(res.body).toMatchObject({ created: true, version: '1.1.0' });
    const list = await t.http().get(API).set(bearer(risk)).expect(200);
    expect(list.body.items.find((item: { key: string }) => item.key === 'vendor-exit-check')).toMatchObject({ version: '1.1.0', versionCount: 2 });
  });

  it('refuses imports from anyone but a risk manager', async () => {
    for (const token of [procurement, auditor, t.adminToken, vendor]) {
      await t.http().post(`${API}/import`).set(bearer(token)).set('content-type', 'application/yaml').send(exitCheck('3.0.0')).expect(403);
    }
  });

  it('refuses a broken template with the file, line and field of each error, and stores nothing', async () => {
    const res = await t.http().post(`${API}/import`).set(bearer(risk)).set('content-type', 'application/yaml').send(exitCheck('2.0.0', 'EXIT-09')).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('invalid_template');
    expect(res.body.errors).toEqual([
      {
        file: 'import.yaml',
        line: 23,
        field: 'questions[1].visibleWhen.equals.EXIT-09',
        message: 'EXIT-02: visibleWhen refers to EXIT-09, which is not a question of this template',
      },
    ]);
    await t.http().get(`${API}/vendor-exit-check/versions/2.0.0`).set(bearer(risk)).expect(404);
    const notYaml = await t.http().post(`${API}/import`).set(bearer(risk)).set('content-type', 'application/yaml').send('key: [unclosed').expect(400);
    expect(notYaml.body.errors[0]).toMatchObject({ file: 'import.yaml', line: 1 });
  });

  it('refuses a changed template under a version that is already stored (409)', async () => {
    const changed = exitCheck('1.0.0').replace('How many days', 'For how many days');
    const res = await t.http().post(`${API}/import`).set(bearer(risk)).set('content-type', 'application/yaml').send(changed).expect(409);
    expect(res.body.code).toBe('questionnaire_version_conflict');
    expect(res.body.errors[0]).toMatchObject({ field: 'version', line: 2 });
  });

  it('refuses to import an intake form', async () => {
    const intake = `kind: intake\nkey: intake\nversion: 9.0.0\ntitle: Intake\nquestions:\n  - { id: generative, text: Generates content?, type: boolean }\ntiering: {}\n`;
    const res = await t.http().post(`${API}/import`).set(bearer(risk)).set('content-type', 'application/yaml').send(intake).expect(422);
    expect(res.body.code).toBe('intake_not_importable');
  });

  it('exports JSON that re-imports and re-exports to the same bytes, and YAML that reads back to the same content', async () => {
    const json = await t.http().get(`${API}/${CORE}/versions/${CORE_VERSION}/export`).query({ format: 'json' }).set(bearer(risk)).expect(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.headers['content-disposition']).toBe(`attachment; filename="${CORE}-${CORE_VERSION}.json"`);
    const stored = await t.http().get(`${API}/${CORE}/versions/${CORE_VERSION}`).set(bearer(risk)).expect(200);
    expect(json.headers.etag).toBe(`"${stored.body.contentHash}"`);

    const copy = withVersion(json.text, CORE_VERSION, '1.1.1');
    await t.http().post(`${API}/import`).set(bearer(risk)).set('content-type', 'application/json').send(copy).expect(201);
    const reexported = await t.http().get(`${API}/${CORE}/versions/1.1.1/export`).set(bearer(risk)).expect(200);
    expect(reexported.text).toBe(copy);

    const yaml = await t.http().get(`${API}/${CORE}/versions/${CORE_VERSION}/export`).query({ format: 'yaml' }).set(bearer(auditor)).expect(200);
    expect(yaml.headers['content-type']).toMatch(/^application\/yaml/);
    const yamlCopy = yaml.text.replace(`\nversion: ${CORE_VERSION}\n`, '\nversion: 1.1.2\n');
    await t.http().post(`${API}/import`).set(bearer(risk)).set('content-type', 'application/yaml').send(yamlCopy).expect(201);
    const fromYaml = await t.http().get(`${API}/${CORE}/versions/1.1.2/export`).query({ format: 'json' }).set(bearer(risk)).expect(200);
    expect(fromYaml.text).toBe(withVersion(json.text, CORE_VERSION, '1.1.2'));
  });

  it('keeps exports, which carry scoring, from procurement', async () => {
    await t.http().get(`${API}/${CORE}/versions/${CORE_VERSION}/export`).set(bearer(procurement)).expect(403);
    await t.http().get(`${API}/${CORE}/versions/${CORE_VERSION}/export`).query({ format: 'xml' }).set(bearer(risk)).expect(400);
  });

  it('reports coverage per framework, and the shipped set covers every required id', async () => {
    const covered = new Map<string, string[]>();
    for (const key of SHIPPED) {
      const res = await t.http().get(`${API}/${key}/versions/${SHIPPED_VERSIONS[key]}/coverage`).set(bearer(procurement)).expect(200);
      expect(res.body).toMatchObject({ key, version: SHIPPED_VERSIONS[key] });
      for (const entry of res.body.required) covered.set(entry.reference, [...(covered.get(entry.reference) ?? []), ...entry.questions]);
    }
    expect(REQUIRED_COVERAGE.filter((reference) => !covered.get(reference)?.length)).toEqual([]);
    const core = await t.http().get(`${API}/${CORE}/versions/${CORE_VERSION}/coverage`).set(bearer(risk)).expect(200);
    const dora = core.body.frameworks.find((framework: { framework: string }) => framework.framework === 'dora');
    expect(dora.ids.find((entry: { id: string }) => entry.id === 'Art.30(2)(b)').questions).toEqual(['SUPPLY-03', 'SUPPLY-04']);
  });
});
