/**
 * A list page costs a fixed number of queries, whatever its size: each list is read at a small and
 * a large page size, and the queries the request ran are counted on the application's DataSource.
 */
import type { Logger, QueryRunner } from 'typeorm';
import { FindingEntity } from '../../src/findings/finding.entity.js';
import { buyers, draftAssessment, type Buyer, type DraftAssessment } from '../support/flows.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

const ROWS = 4;

let t: TestApp;
let buyer: Buyer;
let drafts: DraftAssessment[];

/** Authentication and the outbox relay run on their own schedule, beside any request. */
const NOT_THE_LIST = /^(START TRANSACTION|COMMIT|ROLLBACK)|"api_tokens"|"outbox"/;

/** Counts the queries TypeORM sends while `run` is pending, but for authentication and the relay. */
async function queriesDuring(run: () => Promise<unknown>): Promise<number> {
  const logger: Logger = t.db.logger;
  const original = logger.logQuery.bind(logger);
  let count = 0;
  logger.logQuery = (query: string, parameters?: unknown[], runner?: QueryRunner) => {
    if (!NOT_THE_LIST.test(query)) count++;
    return original(query, parameters, runner);
  };
  try {
    await run();
  } finally {
    logger.logQuery = original;
  }
  return count;
}

/** The fewest queries of three reads of the page: stray background queries only ever add. */
async function queriesForPage(path: string, limit: number, token = buyer.riskManager): Promise<number> {
  const counts: number[] = [];
  for (let i = 0; i < 3; i++) {
    counts.push(
      await queriesDuring(async () => {
        const res = await t.http().get(path).query({ limit }).set(bearer(token)).expect(200);
        expect(res.body.items).toHaveLength(limit);
      }),
    );
  }
  return Math.min(...counts);
}

beforeAll(async () => {
  t = await startTestApp({ mode: 'api' });
  buyer = await buyers(t);
  drafts = [];
  for (let i = 0; i < ROWS; i++) drafts.push(await draftAssessment(t, buyer.procurement));
  await t.db.getRepository(FindingEntity).insert(
    drafts.map((d) => ({ assessmentId: d.assessmentId, aiSystemId: d.aiSystemId, vendorId: d.vendorId, title: 'Bias testing missing', severity: 'high' as const })),
  );
}, 120_000);

afterAll(() => t?.stop());

describe('list query counts', () => {
  it.each([
    ['the assessments list', '/api/v1/assessments'],
    ['the vendors list', '/api/v1/vendors'],
    ['the findings list', '/api/v1/findings'],
    ['the inventory', '/api/v1/inventory'],
  ])(`%s runs as many queries for a page of ${ROWS} as for a page of 1`, async (_name, path) => {
    const small = await queriesForPage(path, 1);
    const large = await queriesForPage(path, ROWS);
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
  });

  it('still returns each assessment with its own contacts when they are loaded for the whole page', async () => {
    const res = await t.http().get('/api/v1/assessments').query({ limit: ROWS }).set(bearer(buyer.riskManager)).expect(200);
    const contactsById = Object.fromEntries(res.body.items.map((a: { id: string; contactIds: string[] }) => [a.id, a.contactIds]));
    for (const draft of drafts) expect(contactsById[draft.assessmentId]).toEqual([draft.contactId]);
  });
});
