import { ValidationRunEntity } from '../../src/validation/validation-run.entity.js';
import { buyers, draftAssessment, type Buyer, type DraftAssessment } from '../support/flows.js';
import { expectProblem } from '../support/problem.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { filesUnder, multipart } from '../support/uploads.js';
import { creditSample } from '../support/validation-samples.js';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

const SAMPLE = creditSample();
const MAPPING = { kind: 'classification', label: 'defaulted', score: 'pd', bootstrap: 10 };

describe('uploading a validation sample', () => {
  let t: TestApp;
  let buyer: Buyer;
  let a: DraftAssessment;

  beforeAll(async () => {
    // Evidence is capped far below the sample: the sample has a limit of its own.
    t = await startTestApp({ env: { MAX_UPLOAD_BYTES: '2048', MAX_SAMPLE_BYTES: String(Buffer.byteLength(SAMPLE)) } });
    buyer = await buyers(t);
    a = await draftAssessment(t, buyer.procurement);
  });
  afterAll(() => t.stop());

  const upload = (csv: string, key?: string, mapping: object = MAPPING) => {
    const { body, contentType } = multipart([{ name: 'mapping', value: JSON.stringify(mapping) }, { name: 'file', filename: 'holdout.csv', content: Buffer.from(csv), type: 'text/csv' }]);
    const post = t.http().post(`/api/v1/ai-systems/${a.aiSystemId}/validations`).set(bearer(buyer.riskManager)).set('content-type', contentType);
    return (key === undefined ? post : post.set('idempotency-key', key)).send(body);
  };
  const runCount = () => t.db.getRepository(ValidationRunEntity).count();

  it('accepts a sample of exactly MAX_SAMPLE_BYTES, larger than MAX_UPLOAD_BYTES', async () => {
    expect(Buffer.byteLength(SAMPLE)).toBeGreaterThan(2048);
    const res = await upload(SAMPLE).expect(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'queued' });
  });

  it('refuses a sample one row over MAX_SAMPLE_BYTES with 413, leaving no run and no file behind', async () => {
    const before = await t.db.getRepository(ValidationRunEntity).count();
    expectProblem(await upload(`${SAMPLE}1,0.5,30-44,1000\n`), 413, 'payload_too_large');
    expect(await t.db.getRepository(ValidationRunEntity).count()).toBe(before);
    expect(await filesUnder(join(t.config.dataDir, 'uploads'))).toEqual([]);
  });

  describe('with an Idempotency-Key', () => {
    it('starts one run for a repeated upload and answers the repeat with the first response', async () => {
      const key = `sample-${randomUUID()}`;
      const first = await upload(SAMPLE, key).expect(202);
      const before = await runCount();
      const again = await upload(SAMPLE, key).expect(202);
      expect(again.body).toEqual(first.body);
      expect(again.headers).toMatchObject({ location: `/api/v1/validations/${first.body.id}`, 'idempotent-replayed': 'true' });
      expect(await runCount()).toBe(before);
    });

    it.each([
      ['another file', SAMPLE.replace('0.5500', '0.5600'), MAPPING],
      ['another mapping', SAMPLE, { ...MAPPING, seed: 2 }],
    ])('refuses the key with %s: 422, and no run', async (_what, csv, mapping) => {
      const key = `sample-${randomUUID()}`;
      await upload(SAMPLE, key).expect(202);
      const before = await runCount();
      expectProblem(await upload(csv, key, mapping), 422, 'idempotency_key_reused');
      expect(await runCount()).toBe(before);
    });

    it('lets the key be used again after a refused upload', async () => {
      const key = `sample-${randomUUID()}`;
      expectProblem(await upload(SAMPLE, key, { ...MAPPING, groups: ['sex'] }), 422, 'unknown_column');
      await upload(SAMPLE, key).expect(202);
    });

    it('refuses a malformed key with 400 before reading the upload', async () => {
      const before = await runCount();
      expectProblem(await upload(SAMPLE, 'has a space'), 400, 'invalid_idempotency_key');
      expect(await runCount()).toBe(before);
    });
  });
});
