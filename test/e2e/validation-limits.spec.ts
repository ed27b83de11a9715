import { ValidationRunEntity } from '../../src/validation/validation-run.entity.js';
import { buyers, draftAssessment, type Buyer, type DraftAssessment } from '../support/flows.js';
import { expectProblem } from '../support/problem.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { filesUnder, multipart } from '../support/uploads.js';
import { creditSample } from '../support/validation-samples.js';
import { join } from 'node:path';

const SAMPLE = creditSample();
const MAPPING = { kind: 'classification', label: 'defaulted', score: 'pd', bootstrap: 10 };

describe('the upload limit of a validation sample', () => {
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

  const upload = (csv: string) => {
    const { body, contentType } = multipart([{ name: 'mapping', value: JSON.stringify(MAPPING) }, { name: 'file', filename: 'holdout.csv', content: Buffer.from(csv), type: 'text/csv' }]);
    return t.http().post(`/api/v1/ai-systems/${a.aiSystemId}/validations`).set(bearer(buyer.riskManager)).set('content-type', contentType).send(body);
  };

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
});
