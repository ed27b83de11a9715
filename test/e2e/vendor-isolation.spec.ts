/**
 * Vendor isolation over the whole read surface. Two vendors go through the same flow (answers,
 * evidence, review, findings of every kind, a report); then vendor B calls every GET the contract
 * lets a vendor call, with every combination of its filters, and no response may carry an id of
 * vendor A. The routes and their filters come from the committed contract, so a new list or a new
 * filter is covered without touching this file.
 */
import { readFileSync } from 'node:fs';
import { TokenKind } from '../../src/auth/api-token.entity.js';
import { Role } from '../../src/auth/roles.js';
import { scopeToVendor } from '../../src/auth/vendor-scope.js';
import { FindingEntity } from '../../src/findings/finding.entity.js';
import { FINDING_VISIBILITY } from '../../src/findings/findings.service.js';
import { answerEverything, buyers, CREDIT_INTAKE, sentAssessment, type Buyer, type SentAssessment } from '../support/flows.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { multipart, pdf } from '../support/uploads.js';

interface Parameter {
  name: string;
  in: string;
  schema?: { enum?: string[]; type?: string; format?: string };
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  'x-roles'?: string[];
}

const contract = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')) as { paths: Record<string, Record<string, Operation>> };
const getOperations = Object.entries(contract.paths).flatMap(([path, methods]) => (methods.get ? [{ path, operation: methods.get }] : []));
const vendorReadable = getOperations.filter(({ operation }) => operation['x-roles']?.some((role) => role === Role.Vendor || role === 'any'));

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const PAST = '2000-01-01';
const FUTURE = '2999-12-31';

interface Party {
  assessment: SentAssessment;
  findingIds: string[];
  evidenceId: string;
  reportId: string;
  incidentId: string;
  vendorName: string;
}

/** The resource a path parameter names, from the path segment before it. */
function resourceOf(path: string, parameter: string): string {
  const segments = path.split('/');
  const at = segments.indexOf(`{${parameter}}`);
  return segments[at - 1];
}

function idFor(party: Party, resource: string): string {
  const ids: Record<string, string> = {
    assessments: party.assessment.assessmentId,
    findings: party.findingIds[0],
    evidence: party.evidenceId,
    reports: party.reportId,
    incidents: party.incidentId,
    vendors: party.assessment.vendorId,
    'ai-systems': party.assessment.aiSystemId,
    intakes: party.assessment.intakeId,
  };
  if (!ids[resource]) throw new Error(`No test id for /${resource}/{id}: add one to this spec`);
  return ids[resource];
}

/** The values each query filter is tried with: absent, every enum value, both vendors' ids, dates on either side. */
function filterValues(parameter: Parameter, own: Party, other: Party, staffIds: string[]): (string | undefined)[] {
  const schema = parameter.schema ?? {};
  if (parameter.name === 'cursor') return [undefined];
  if (parameter.name === 'limit') return ['200'];
  if (schema.enum) return [undefined, ...schema.enum];
  if (/ownerId|actor/.test(parameter.name)) return [undefined, ...staffIds];
  if (parameter.name === 'vendorId') return [undefined, own.assessment.vendorId, other.assessment.vendorId];
  if (parameter.name === 'aiSystemId') return [undefined, own.assessment.aiSystemId, other.assessment.aiSystemId];
  if (parameter.name === 'assessmentId') return [undefined, own.assessment.assessmentId, other.assessment.assessmentId];
  if (schema.format === 'date' || schema.format === 'date-time' || /Before|After|^from$|^to$/.test(parameter.name)) return [undefined, PAST, FUTURE];
  return [undefined, other.vendorName];
}

function combinations(lists: { name: string; values: (string | undefined)[] }[]): Record<string, string>[] {
  return lists.reduce<Record<string, string>[]>(
    (acc, { name, values }) => acc.flatMap((query) => values.map((value) => (value === undefined ? query : { ...query, [name]: value }))),
    [{}],
  );
}

/** Runs calls a few at a time: thousands of requests, but never a flood. */
async function inBatches<T>(items: T[], size: number, call: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(call));
}

describe('vendor isolation across every list and filter', () => {
  let t: TestApp;
  let buyer: Buyer;
  let a: Party;
  let b: Party;
  let idsOfA: Set<string>;

  async function party(vendorName: string): Promise<Party> {
    const assessment = await sentAssessment(t, buyer.procurement, { intake: CREDIT_INTAKE, vendorName });
    const risk = bearer(buyer.riskManager);
    const vendor = bearer(assessment.vendorToken);
    const { body, contentType } = multipart([{ name: 'file', filename: 'model card.pdf', content: pdf(vendorName), type: 'application/pdf' }]);
    const evidence = await t.http().post(`/api/v1/assessments/${assessment.assessmentId}/evidence`).set(vendor).set('content-type', contentType).send(body).expect(201);
    await answerEverything(t, assessment.vendorToken, assessment.assessmentId);
    await t.http().post(`/api/v1/assessments/${assessment.assessmentId}/submit`).set(vendor).expect(200);
    await t.http().post(`/api/v1/assessments/${assessment.assessmentId}/start-review`).set(risk).expect(200);
    const create = async (finding: object) => (await t.http().post(`/api/v1/assessments/${assessment.assessmentId}/findings`).set(risk).send(finding).expect(201)).body.id as string;
    const findingIds = [
      await create({ title: `${vendorName}: visible, overdue`, severity: 'high', visibleToVendor: true, dueDate: PAST, ownerId: buyer.riskManagerId }),
      await create({ title: `${vendorName}: visible, no due date`, severity: 'medium', visibleToVendor: true }),
      await create({ title: `${vendorName}: internal, due later`, severity: 'low', dueDate: FUTURE }),
      await create({ title: `${vendorName}: internal, no due date`, severity: 'critical' }),
    ];
    // Drafts without a due date are what the escaped OR leaked; the answers here may open none, so two are made so.
    const drafts = [await create({ title: `${vendorName}: draft, addressed to the vendor`, severity: 'high', visibleToVendor: true }), await create({ title: `${vendorName}: draft`, severity: 'medium' })];
    await t.db.query(`UPDATE findings SET status = 'draft' WHERE id = ANY($1)`, [drafts]);
    const report = await t.http().post(`/api/v1/assessments/${assessment.assessmentId}/reports`).set(risk).expect(202);
    const incident = await t
      .http()
      .post(`/api/v1/ai-systems/${assessment.aiSystemId}/incidents`)
      .set(vendor)
      .send({ type: 'outage', severity: 'medium', detectedAt: new Date(Date.now() - 3_600_000).toISOString(), description: `${vendorName}: scoring API down for an hour` })
      .expect(201);
    return { assessment, findingIds, evidenceId: evidence.body.id, reportId: report.body.id, incidentId: incident.body.id, vendorName };
  }

  /** Every id in the database that belongs to vendor A: any row whose vendor, AI system, assessment or finding is A's. */
  async function idsOwnedBy(owner: Party): Promise<Set<string>> {
    const columns: { table_name: string; column_name: string }[] = await t.db.query(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN information_schema.columns id ON id.table_name = c.table_name AND id.table_schema = c.table_schema AND id.column_name = 'id'
       WHERE c.table_schema = current_schema() AND c.column_name IN ('vendor_id', 'ai_system_id', 'assessment_id', 'finding_id')`,
    );
    const roots = [owner.assessment.vendorId, owner.assessment.aiSystemId, owner.assessment.assessmentId];
    const found = new Set<string>(roots);
    for (let round = 0; round < 3; round++) {
      for (const { table_name: table, column_name: column } of columns) {
        const rows: { id: string }[] = await t.db.query(`SELECT id::text AS id FROM "${table}" WHERE "${column}"::text = ANY($1)`, [[...found]]);
        rows.forEach((row) => found.add(row.id));
      }
    }
    return found;
  }

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
    buyer = await buyers(t);
    a = await party('Alpha Analytics Ltd');
    b = await party('Beta Bureau GmbH');
    idsOfA = await idsOwnedBy(a);
    expect(idsOfA.size).toBeGreaterThan(10);
  }, 180_000);

  afterAll(() => t?.stop());

  /** Ids of vendor A in a response, leaving out those the caller sent itself (a problem's `instance` echoes the path). */
  const leaksOf = (text: string, sent = '') => [...new Set(text.match(UUID) ?? [])].filter((id) => idsOfA.has(id) && !sent.includes(id));

  it('covers every GET a vendor may call', () => {
    expect(vendorReadable.map((o) => o.operation.operationId)).toEqual(expect.arrayContaining(['listFindings', 'listAssessmentFindings', 'listAssessments', 'listEvidence', 'getFinding']));
  });

  it.each(vendorReadable.map(({ path, operation }) => [operation.operationId, path, operation] as const))(
    "%s (%s): vendor B never receives an id of vendor A, with any filters",
    async (_, path, operation) => {
      const token = b.assessment.vendorToken;
      const pathParameters = (operation.parameters ?? []).filter((p) => p.in === 'path');
      const ownPath = pathParameters.reduce((url, p) => url.replace(`{${p.name}}`, idFor(b, resourceOf(path, p.name))), path);
      const foreignPath = pathParameters.reduce((url, p) => url.replace(`{${p.name}}`, idFor(a, resourceOf(path, p.name))), path);
      const filters = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, values: filterValues(p, b, a, [buyer.riskManagerId, buyer.procurementId]) }));
      const queries = combinations(filters);
      const leaks: string[] = [];
      await inBatches(queries, 8, async (query) => {
        const res = await t.http().get(ownPath).query(query).set(bearer(token)).buffer(true);
        expect(res.status).toBeLessThan(500);
        const url = `${ownPath}?${new URLSearchParams(query)}`;
        const found = leaksOf(res.text ?? String(res.body ?? ''), url);
        if (found.length) leaks.push(`${url} -> ${found.join(', ')}`);
      });
      if (pathParameters.length) {
        const res = await t.http().get(foreignPath).set(bearer(token));
        expect({ path: foreignPath, status: res.status, code: res.body?.code }).toEqual({ path: foreignPath, status: 404, code: 'not_found' });
        const found = leaksOf(res.text ?? '', foreignPath);
        if (found.length) leaks.push(`${foreignPath} -> ${found.join(', ')}`);
      }
      expect(leaks).toEqual([]);
    },
    300_000,
  );

  it("never lists another assessment's findings to staff, with any filters", async () => {
    const operation = contract.paths['/api/v1/assessments/{id}/findings'].get;
    const filters = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, values: filterValues(p, b, a, [buyer.riskManagerId]) }));
    const foreign: string[] = (await t.db.query(`SELECT id::text AS id FROM findings WHERE assessment_id <> $1`, [b.assessment.assessmentId])).map((row: { id: string }) => row.id);
    const wrong: string[] = [];
    await inBatches(combinations(filters), 8, async (query) => {
      const res = await t.http().get(`/api/v1/assessments/${b.assessment.assessmentId}/findings`).query(query).set(bearer(buyer.riskManager)).expect(200);
      const other = (res.body.items as { id: string; assessmentId: string }[]).filter((item) => item.assessmentId !== b.assessment.assessmentId || foreign.includes(item.id));
      if (other.length) wrong.push(`?${new URLSearchParams(query)} -> ${other.map((item) => item.id).join(', ')}`);
    });
    expect(wrong).toEqual([]);
  }, 300_000);

  it('keeps the findings without a due date in overdue=false, for staff and vendors alike', async () => {
    const staff = await t.http().get(`/api/v1/assessments/${b.assessment.assessmentId}/findings`).query({ overdue: 'false', limit: 200 }).set(bearer(buyer.riskManager)).expect(200);
    const titles = (staff.body.items as { title: string }[]).map((f) => f.title);
    expect(titles).toEqual(expect.arrayContaining(['Beta Bureau GmbH: visible, no due date', 'Beta Bureau GmbH: internal, no due date', 'Beta Bureau GmbH: internal, due later']));
    expect(titles).not.toContain('Beta Bureau GmbH: visible, overdue');
    const vendor = await t.http().get('/api/v1/findings').query({ overdue: 'false', limit: 200 }).set(bearer(b.assessment.vendorToken)).expect(200);
    expect((vendor.body.items as { title: string }[]).map((f) => f.title)).toEqual(['Beta Bureau GmbH: visible, no due date']);
    const overdue = await t.http().get('/api/v1/findings').query({ overdue: 'true' }).set(bearer(b.assessment.vendorToken)).expect(200);
    expect((overdue.body.items as { title: string }[]).map((f) => f.title)).toEqual(['Beta Bureau GmbH: visible, overdue']);
  });

  it('keeps the vendor rule bracketed even when a later condition is an OR', async () => {
    const principal = { userId: b.assessment.vendorUserId, email: '', name: '', role: Role.Vendor, vendorId: b.assessment.vendorId, tokenId: '', tokenKind: TokenKind.Session };
    const query = scopeToVendor(t.db.getRepository(FindingEntity).createQueryBuilder('f'), principal, FINDING_VISIBILITY).andWhere('f.due_date IS NULL OR TRUE');
    const vendors = new Set((await query.getMany()).map((finding) => finding.vendorId));
    expect([...vendors]).toEqual([b.assessment.vendorId]);
  });
});
