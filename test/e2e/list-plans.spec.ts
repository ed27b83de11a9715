/**
 * The main list queries at a size where a sequential scan would show: 20,000 vendors, each with an
 * AI system, 10% with an assessment. The SQL the API sends is captured and EXPLAINed as it was run.
 */
import type { Logger, QueryRunner } from 'typeorm';
import { buyers, type Buyer } from '../support/flows.js';
import { seedScalePortfolio } from '../support/scale-seed.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

const VENDORS = 20_000;
const BIG_TABLES = ['vendors', 'ai_systems', 'assessments'];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

let t: TestApp;
let buyer: Buyer;

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/** The main query (the one reading `table` with a LIMIT) of a GET, with its parameters. */
async function listQueryOf(path: string, query: Record<string, string | number>, table: string): Promise<{ sql: string; parameters: unknown[]; body: { nextCursor: string | null } }> {
  const logger: Logger = t.db.logger;
  const original = logger.logQuery.bind(logger);
  const seen: { sql: string; parameters: unknown[] }[] = [];
  logger.logQuery = (sql: string, parameters?: unknown[], runner?: QueryRunner) => {
    seen.push({ sql, parameters: parameters ?? [] });
    return original(sql, parameters, runner);
  };
  try {
    const res = await t.http().get(path).query(query).set(bearer(buyer.riskManager)).expect(200);
    const main = seen.find((q) => q.sql.includes(`FROM "${table}"`) && q.sql.includes('LIMIT'));
    if (!main) throw new Error(`No list query on ${table} for ${path}`);
    return { ...main, body: res.body };
  } finally {
    logger.logQuery = original;
  }
}

async function planOf(sql: string, parameters: unknown[]): Promise<PlanNode[]> {
  const [row] = await t.db.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters);
  const explained = typeof row['QUERY PLAN'] === 'string' ? JSON.parse(row['QUERY PLAN']) : row['QUERY PLAN'];
  return nodesOf(explained[0].Plan);
}

function expectIndexedPlan(nodes: PlanNode[], table: string): void {
  const seqScans = nodes.filter((n) => n['Node Type'] === 'Seq Scan' && BIG_TABLES.includes(n['Relation Name'] ?? ''));
  expect(seqScans.map((n) => n['Relation Name'])).toEqual([]);
  const onTable = nodes.filter((n) => n['Relation Name'] === table && /Index|Bitmap Heap/.test(n['Node Type']));
  expect(onTable.length).toBeGreaterThan(0);
}

beforeAll(async () => {
  t = await startTestApp({ mode: 'api' });
  buyer = await buyers(t);
  await seedScalePortfolio((sql, parameters) => t.db.query(sql, parameters), VENDORS);
}, 300_000);

afterAll(() => t?.stop());

describe('list query plans at 20,000 vendors', () => {
  it('starts from 20,000 seeded vendors', async () => {
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM vendors');
    expect(n).toBe(VENDORS);
  });

  it('reads the first page of vendors from an index', async () => {
    const { sql, parameters } = await listQueryOf('/api/v1/vendors', { limit: 50 }, 'vendors');
    expectIndexedPlan(await planOf(sql, parameters), 'vendors');
  });

  it('reads a later page of vendors from an index, starting at the cursor', async () => {
    let cursor = (await listQueryOf('/api/v1/vendors', { limit: 200 }, 'vendors')).body.nextCursor!;
    for (let i = 0; i < 3; i++) cursor = (await listQueryOf('/api/v1/vendors', { limit: 200, cursor }, 'vendors')).body.nextCursor!;
    const { sql, parameters } = await listQueryOf('/api/v1/vendors', { limit: 50, cursor }, 'vendors');
    expectIndexedPlan(await planOf(sql, parameters), 'vendors');
  });

  it('searches vendor names through an index', async () => {
    const { sql, parameters } = await listQueryOf('/api/v1/vendors', { q: 'c4ca4238a0b9', limit: 50 }, 'vendors');
    expectIndexedPlan(await planOf(sql, parameters), 'vendors');
  });

  it('filters vendors by tag through an index', async () => {
    const { sql, parameters } = await listQueryOf('/api/v1/vendors', { tag: 'critical', limit: 50 }, 'vendors');
    expectIndexedPlan(await planOf(sql, parameters), 'vendors');
  });

  it('reads the inventory page from an index, with no full scan of the vendors it joins', async () => {
    const { sql, parameters } = await listQueryOf('/api/v1/inventory', { limit: 50 }, 'ai_systems');
    expectIndexedPlan(await planOf(sql, parameters), 'ai_systems');
  });

  it('reads the assessments list in due-date order from an index', async () => {
    const { sql, parameters } = await listQueryOf('/api/v1/assessments', { limit: 50 }, 'assessments');
    expectIndexedPlan(await planOf(sql, parameters), 'assessments');
  });
});
