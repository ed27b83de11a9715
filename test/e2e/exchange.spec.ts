import ExcelJS from 'exceljs';
import { Role } from '../../src/auth/roles.js';
import { buyers, sentAssessment, submittedAssessment, type Buyer, type SentAssessment } from '../support/flows.js';
import { expectProblem } from '../support/problem.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { multipart } from '../support/uploads.js';

/** RFC 4180 cells: quoted when they hold a comma, quote or line break. */
const csvLine = (cells: string[]) => cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');

const CAIQ_HEADER = [
  'Question ID',
  'Question',
  'CSP CAIQ Answer',
  'SSRM Control Ownership',
  'CSP Implementation Description (Optional/Recommended)',
  'CSC Responsibilities (Optional/Recommended)',
  'CCM Control ID',
  'CCM Control Specification',
  'CCM Control Title',
  'CCM Domain Title',
];

/** A vendor's CAIQ v4 as a spreadsheet saves it to CSV: a title block, the header row, then one row per question. */
function caiqCsv(rows: [string, string, string][]): Buffer {
  const lines = [
    csvLine(['Consensus Assessment Initiative Questionnaire v4.0.2', '', '']),
    csvLine(['Vendor: Example Scoring Ltd', '', '']),
    '',
    csvLine(CAIQ_HEADER),
    ...rows.map(([id, answer, description]) => csvLine([id, `Question text of ${id}?`, answer, 'CSP-owned', description, '', id.replace(/\.\d+$/, ''), 'Specification', 'Title', 'Domain'])),
  ];
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`);
}

/** The same CAIQ as the workbook CSA publishes: a cover sheet, then the questions on a sheet with a title block. */
async function caiqXlsx(rows: [string, string, string][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Introduction').addRow(['Consensus Assessment Initiative Questionnaire v4.0.2']);
  const sheet = workbook.addWorksheet('CAIQv4.0.2');
  sheet.addRow(['Consensus Assessment Initiative Questionnaire v4.0.2']);
  sheet.addRow([{ richText: [{ text: 'Vendor: ' }, { text: 'Example Scoring Ltd', font: { bold: true } }] }]);
  sheet.addRow([]);
  sheet.addRow(CAIQ_HEADER);
  for (const [id, answer, description] of rows) sheet.addRow([id, `Question text of ${id}?`, answer, 'CSP-owned', description, '', id.replace(/\.\d+$/, '')]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('exchange formats: assessment export, OSCAL catalog, CAIQ answer import', () => {
  let t: TestApp;
  let buyer: Buyer;
  let auditor: string;
  let submitted: SentAssessment;
  const api = () => t.http();

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await buyers(t);
    auditor = (await signIn(t, Role.Auditor)).token;
    submitted = await submittedAssessment(t, buyer.procurement, { questionnaireKeys: ['ai-due-diligence-core'], answers: { 'USE-01': '=HYPERLINK("http://evil.example","Click")' } });
  });
  afterAll(() => t?.stop());

  describe('export', () => {
    it('gives staff the answers in questionnaire order and the evidence list as JSON', async () => {
      const res = await api().get(`/api/v1/assessments/${submitted.assessmentId}/export`).set(bearer(auditor)).expect(200);
      const responses: { question_id: string }[] = await t.db.query('SELECT question_id FROM responses WHERE assessment_id = $1', [submitted.assessmentId]);
      const evidence: { sha256: string; original_name: string }[] = await t.db.query('SELECT sha256, original_name FROM evidence WHERE assessment_id = $1 ORDER BY created_at, id', [submitted.assessmentId]);
      expect(res.body.assessment).toMatchObject({ id: submitted.assessmentId, vendorId: submitted.vendorId, aiSystemId: submitted.aiSystemId, aiSystemName: 'Scorer', cycle: 1, status: 'submitted', questionnaires: [expect.stringMatching(/^ai-due-diligence-core@/)] });
      expect(res.body.answers.map((a: { questionId: string }) => a.questionId).sort()).toEqual(responses.map((r) => r.question_id).sort());
      expect(res.body.answers[0]).toMatchObject({ questionId: 'USE-01', domain: 'USE', type: 'text', value: '=HYPERLINK("http://evil.example","Click")', notApplicable: false, suggested: false });
      expect(res.body.evidence.map((e: { sha256: string; fileName: string }) => [e.sha256, e.fileName])).toEqual(evidence.map((e) => [e.sha256, e.original_name]));
      expect(evidence.length).toBeGreaterThan(0);
      expect(JSON.stringify(res.body)).not.toMatch(/"(score|controlScore|residualRisk|weight|points)":/);
    });

    it('writes the same as one RFC 4180 CSV with formulas neutralised', async () => {
      const res = await api().get(`/api/v1/assessments/${submitted.assessmentId}/export?format=csv`).set(bearer(buyer.riskManager)).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="assessment-${submitted.assessmentId}.csv"`);
      const lines = res.text.split('\r\n');
      expect(lines[0]).toBe('record,question_id,questionnaire,domain,question,answer,not_applicable,reason,comment,suggested,answered_at,file_name,sha256,size_bytes,media_type,document_date,expires_at,review_status,uploaded_at');
      expect(lines[1]).toMatch(/^answer,USE-01,ai-due-diligence-core,USE,"?What is the intended purpose.*,"'=HYPERLINK\(""http:\/\/evil\.example"",""Click""\)",false,,,false,\d{4}-/);
      const json = (await api().get(`/api/v1/assessments/${submitted.assessmentId}/export`).set(bearer(auditor)).expect(200)).body;
      expect(lines.filter((l) => l.startsWith('answer,'))).toHaveLength(json.answers.length);
      const evidenceLines = lines.filter((l) => l.startsWith('evidence,'));
      expect(evidenceLines).toHaveLength(json.evidence.length);
      expect(evidenceLines[0]).toContain(`,${json.evidence[0].sha256},`);
      expect(res.text.endsWith('\r\n')).toBe(true);
    });

    it('refuses the vendor, a bad format and an unknown assessment', async () => {
      expectProblem(await api().get(`/api/v1/assessments/${submitted.assessmentId}/export`).set(bearer(submitted.vendorToken)), 403, 'forbidden');
      expectProblem(await api().get(`/api/v1/assessments/${submitted.assessmentId}/export?format=xlsx`).set(bearer(auditor)), 400, 'validation_failed');
      expectProblem(await api().get('/api/v1/assessments/00000000-0000-4000-8000-000000000000/export').set(bearer(auditor)), 404, 'not_found');
    });
  });

  describe('OSCAL catalog', () => {
    const TOKEN = /^[A-Za-z_][A-Za-z0-9._-]*$/;
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const DATE_TIME_WITH_ZONE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

    /**
     * The fields the OSCAL 1.1 catalog model requires: catalog.uuid and metadata (title,
     * last-modified, version, oscal-version); a group's title; a control's id and title; a
     * property's name and value; a link's href; a part's name; a back-matter resource's uuid.
     * Ids are tokens and unique in the document.
     */
    function oscalProblems(doc: any): string[] {
      const problems: string[] = [];
      const need = (ok: boolean, what: string) => ok || problems.push(what);
      const c = doc.catalog;
      need(UUID.test(c?.uuid ?? ''), 'catalog.uuid');
      need(typeof c?.metadata?.title === 'string' && c.metadata.title.length > 0, 'metadata.title');
      need(DATE_TIME_WITH_ZONE.test(c?.metadata?.['last-modified'] ?? ''), 'metadata.last-modified');
      need(typeof c?.metadata?.version === 'string', 'metadata.version');
      need(/^1\.\d+\.\d+$/.test(c?.metadata?.['oscal-version'] ?? ''), 'metadata.oscal-version');
      const ids: string[] = [];
      const props = (list: any[] | undefined, at: string) => (list ?? []).forEach((p, i) => need(TOKEN.test(p.name) && typeof p.value === 'string' && p.value.trim() === p.value && p.value !== '', `${at}.props[${i}]`));
      const parts = (list: any[] | undefined, at: string) => (list ?? []).forEach((p, i) => (need(TOKEN.test(p.name), `${at}.parts[${i}].name`), p.id && ids.push(p.id)));
      for (const [g, group] of (c?.groups ?? []).entries()) {
        need(typeof group.title === 'string' && group.title !== '', `groups[${g}].title`);
        need(TOKEN.test(group.id ?? ''), `groups[${g}].id`);
        ids.push(group.id);
        props(group.props, `groups[${g}]`);
        parts(group.parts, `groups[${g}]`);
        for (const [k, control] of (group.controls ?? []).entries()) {
          const at = `groups[${g}].controls[${k}]`;
          need(TOKEN.test(control.id ?? ''), `${at}.id`);
          need(typeof control.title === 'string' && control.title !== '', `${at}.title`);
          ids.push(control.id);
          props(control.props, at);
          parts(control.parts, at);
          (control.links ?? []).forEach((link: any, i: number) => need(typeof link.href === 'string' && link.href !== '', `${at}.links[${i}].href`));
        }
      }
      (c?.['back-matter']?.resources ?? []).forEach((r: any, i: number) => need(UUID.test(r.uuid ?? ''), `back-matter.resources[${i}].uuid`));
      need(new Set(ids).size === ids.length, 'ids are unique');
      return problems;
    }

    it('gives the core questionnaire as a catalog: domains as groups, questions as controls, maps_to as props and links', async () => {
      const res = await api().get('/api/v1/questionnaires/ai-due-diligence-core/versions/latest/oscal').set(bearer(buyer.procurement)).expect(200);
      expect(oscalProblems(res.body)).toEqual([]);
      const { catalog } = res.body;
      const template = (await api().get('/api/v1/questionnaires/ai-due-diligence-core/versions/latest').set(bearer(buyer.riskManager)).expect(200)).body;
      expect(catalog.metadata).toMatchObject({ title: template.title, version: template.version, 'oscal-version': '1.1.2' });
      expect(catalog.groups.map((g: { title: string }) => g.title)).toEqual(template.domains.map((d: { title: string }) => d.title));
      const use01 = catalog.groups[0].controls[0];
      expect(use01).toMatchObject({ id: 'use-01', title: 'USE-01' });
      expect(use01.parts[0]).toEqual({ id: 'use-01_smt', name: 'statement', prose: 'What is the intended purpose of the AI system, and which tasks does it perform?' });
      expect(use01.props.filter((p: { name: string }) => p.name === 'maps-to').map((p: { value: string }) => p.value)).toEqual(['nist-ai-rmf:MAP-1.1', 'iso-42001:A.9.4', 'eu-ai-act:Art.13(3)(b)']);
      const resources = new Map(catalog['back-matter'].resources.map((r: { uuid: string; title: string }) => [`#${r.uuid}`, r.title]));
      expect(use01.links.map((l: { href: string; text: string }) => [l.text, resources.get(l.href)])).toEqual([
        ['nist-ai-rmf:MAP-1.1', 'NIST AI RMF 1.0 (AI 100-1)'],
        ['iso-42001:A.9.4', expect.stringContaining('42001')],
        ['eu-ai-act:Art.13(3)(b)', 'EU AI Act, Regulation (EU) 2024/1689'],
      ]);
      const again = await api().get(`/api/v1/questionnaires/ai-due-diligence-core/versions/${template.version}/oscal`).set(bearer(auditor)).expect(200);
      expect(again.text).toBe(res.text);
      expect(res.text).not.toMatch(/"points"|"weight"|"knockout"/);
    });

    it('refuses the vendor, an unknown version and a malformed one', async () => {
      expectProblem(await api().get('/api/v1/questionnaires/ai-due-diligence-core/versions/latest/oscal').set(bearer(submitted.vendorToken)), 403, 'forbidden');
      expectProblem(await api().get('/api/v1/questionnaires/ai-due-diligence-core/versions/9.9.9/oscal').set(bearer(auditor)), 404, 'not_found');
      expectProblem(await api().get('/api/v1/questionnaires/ai-due-diligence-core/versions/v1/oscal').set(bearer(auditor)), 400, 'validation_failed');
    });
  });

  describe('CAIQ import', () => {
    let a: SentAssessment;
    const upload = (token: string, file: Buffer, query = '', assessmentId = a.assessmentId) => {
      const { body, contentType } = multipart([{ name: 'file', filename: 'caiq.csv', content: file, type: 'text/csv' }]);
      return api().post(`/api/v1/assessments/${assessmentId}/imports${query}`).set(bearer(token)).set('content-type', contentType).send(body);
    };
    const sheet = async () => new Map<string, any>((await api().get(`/api/v1/assessments/${a.assessmentId}/questions`).set(bearer(a.vendorToken)).expect(200)).body.items.map((q: { id: string; answer?: unknown }) => [q.id, q.answer]));

    beforeAll(async () => {
      a = await sentAssessment(t, buyer.procurement, { questionnaireKeys: ['ai-due-diligence-core'] });
      await api().put(`/api/v1/assessments/${a.assessmentId}/responses`).set(bearer(a.vendorToken)).send({ responses: [{ questionId: 'GOV-01', value: 'partly' }] }).expect(200);
    });

    it('turns the vendor’s CAIQ answers into suggestions to confirm, and reports every other row', async () => {
      const file = caiqCsv([
        ['A&A-01.1', 'Yes', 'Audit policy'],
        ['IAM-14.1', 'Yes', 'SSO with MFA, enforced by "conditional access"'],
        ['DSP-16.1', 'No', ''],
        ['SEF-01.1', 'NA', 'Handled by the parent company'],
        ['STA-08.1', 'Maybe', ''],
        ['GRC-01.1', 'Yes', 'AI policy approved by the board'],
        ['iam-14.1', 'No', 'a second row for the same question'],
      ]);
      const res = await upload(a.vendorToken, file).expect(200);
      expect(res.body).toMatchObject({ mapping: 'caiq-v4-ai', rowsRead: 7, counts: { suggested: 3, unmapped: 1, invalid: 2, already_answered: 1, not_in_assessment: 0 } });
      expect(res.body.rows.map((r: any) => [r.row, r.externalId, r.questionId, r.outcome])).toEqual([
        [5, 'A&A-01.1', null, 'unmapped'],
        [6, 'IAM-14.1', 'SEC-07', 'suggested'],
        [7, 'DSP-16.1', 'DATA-05', 'suggested'],
        [8, 'SEF-01.1', 'INC-01', 'suggested'],
        [9, 'STA-08.1', 'SUPPLY-05', 'invalid'],
        [10, 'GRC-01.1', 'GOV-01', 'already_answered'],
        [11, 'iam-14.1', 'SEC-07', 'invalid'],
      ]);
      expect(res.body.rows[4].message).toBe('"Maybe" has no translation for SUPPLY-05 (expected Yes, No)');

      const answers = await sheet();
      expect(answers.get('SEC-07')).toMatchObject({ value: 'yes', suggested: true, comment: 'SSO with MFA, enforced by "conditional access"' });
      expect(answers.get('DATA-05')).toMatchObject({ value: 'no', suggested: true });
      expect(answers.get('INC-01')).toMatchObject({ value: null, notApplicable: true, notApplicableReason: 'Marked NA in the imported CSA CAIQ v4', suggested: true });
      expect(answers.get('GOV-01')).toMatchObject({ value: 'partly', suggested: false });
      const [audit] = await t.db.query(`SELECT changes FROM audit_events WHERE action = 'responses.imported' AND entity_id = $1`, [a.assessmentId]);
      expect(audit.changes).toMatchObject({ mapping: { after: 'caiq-v4-ai' }, fileSha256: { after: res.body.sha256 }, suggestedQuestionIds: { after: ['SEC-07', 'DATA-05', 'INC-01'] } });
    });

    it('reads the same answers from an XLSX workbook, on the sheet that has the header row', async () => {
      const draft = await sentAssessment(t, buyer.procurement, { questionnaireKeys: ['ai-due-diligence-core'] });
      const file = await caiqXlsx([
        ['IAM-14.1', 'Yes', 'SSO with MFA'],
        ['DSP-16.1', 'No', ''],
        ['STA-08.1', 'Maybe', ''],
      ]);
      const { body, contentType } = multipart([{ name: 'file', filename: 'caiq.xlsx', content: file, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }]);
      const res = await api().post(`/api/v1/assessments/${draft.assessmentId}/imports`).set(bearer(draft.vendorToken)).set('content-type', contentType).send(body).expect(200);
      // Rows as the spreadsheet numbers them: the header is row 4 of the second sheet.
      expect(res.body.rows.map((r: any) => [r.row, r.externalId, r.questionId, r.outcome])).toEqual([
        [5, 'IAM-14.1', 'SEC-07', 'suggested'],
        [6, 'DSP-16.1', 'DATA-05', 'suggested'],
        [7, 'STA-08.1', 'SUPPLY-05', 'invalid'],
      ]);
      const answers = new Map<string, any>((await api().get(`/api/v1/assessments/${draft.assessmentId}/questions`).set(bearer(draft.vendorToken)).expect(200)).body.items.map((q: { id: string; answer?: unknown }) => [q.id, q.answer]));
      expect(answers.get('SEC-07')).toMatchObject({ value: 'yes', suggested: true, comment: 'SSO with MFA' });
      expect(answers.get('DATA-05')).toMatchObject({ value: 'no', suggested: true });
    });

    it('refuses a damaged workbook and one without the header row, and stores nothing', async () => {
      const draft = await sentAssessment(t, buyer.procurement, { questionnaireKeys: ['ai-due-diligence-core'] });
      const send = (content: Buffer) => {
        const { body, contentType } = multipart([{ name: 'file', filename: 'caiq.xlsx', content, type: 'application/octet-stream' }]);
        return api().post(`/api/v1/assessments/${draft.assessmentId}/imports`).set(bearer(draft.vendorToken)).set('content-type', contentType).send(body);
      };
      const good = await caiqXlsx([['IAM-14.1', 'Yes', '']]);
      expectProblem(await send(good.subarray(0, 200)), 422, 'unreadable_file');
      const other = new ExcelJS.Workbook();
      other.addWorksheet('Sheet1').addRow(['id', 'answer']);
      expectProblem(await send(Buffer.from(await other.xlsx.writeBuffer())), 422, 'columns_missing');
      expect(await t.db.query('SELECT count(*)::int AS n FROM responses WHERE assessment_id = $1', [draft.assessmentId])).toEqual([{ n: 0 }]);
    });

    it('keeps an answer the vendor confirmed when the same file comes again, and lets staff import too', async () => {
      await api().put(`/api/v1/assessments/${a.assessmentId}/responses`).set(bearer(a.vendorToken)).send({ responses: [{ questionId: 'SEC-07', value: 'yes' }] }).expect(200);
      const res = await upload(buyer.procurement, caiqCsv([['IAM-14.1', 'No', ''], ['DSP-16.1', 'Yes', '']])).expect(200);
      expect(res.body.rows.map((r: any) => [r.questionId, r.outcome])).toEqual([
        ['SEC-07', 'already_answered'],
        ['DATA-05', 'suggested'],
      ]);
      const answers = await sheet();
      expect(answers.get('SEC-07')).toMatchObject({ value: 'yes', suggested: false });
      expect(answers.get('DATA-05')).toMatchObject({ value: 'yes', suggested: true });
    });

    it('refuses another vendor, the auditor, a file that is not a CAIQ, a missing file and a submitted assessment', async () => {
      const file = caiqCsv([['IAM-14.1', 'Yes', '']]);
      const stranger = await signIn(t, Role.Vendor);
      expectProblem(await upload(stranger.token, file), 404, 'not_found');
      expectProblem(await upload(auditor, file), 403, 'forbidden');
      expectProblem(await upload(a.vendorToken, Buffer.from('id,answer\r\nIAM-14.1,Yes\r\n')), 422, 'columns_missing');
      expectProblem(await upload(a.vendorToken, file, '?mapping=sig-lite'), 422, 'unknown_mapping');
      expectProblem(await upload(a.vendorToken, file, '?mapping=NOT%20A%20KEY'), 400, 'validation_failed');
      const { body, contentType } = multipart([{ name: 'note', value: 'no file here' }]);
      expectProblem(await api().post(`/api/v1/assessments/${a.assessmentId}/imports`).set(bearer(a.vendorToken)).set('content-type', contentType).send(body), 400, 'file_missing');
      expectProblem(await upload(submitted.vendorToken, file, '', submitted.assessmentId), 409, 'answers_locked');
      expect((await sheet()).get('SEC-07')).toMatchObject({ value: 'yes', suggested: false });
    });
  });
});
