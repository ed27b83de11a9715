import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { buyers, sentAssessment, type SentAssessment } from '../support/flows.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { binary, file, filesUnder, multipart, pdf, sha256 } from '../support/uploads.js';

describe('evidence on S3-compatible storage', () => {
  const bucket = 'assay-evidence';
  let server: S3rver;
  let serverDir: string;
  let t: TestApp;
  let assessment: SentAssessment;
  const objects = () => filesUnder(join(serverDir, bucket));

  beforeAll(async () => {
    serverDir = await mkdtemp(join(tmpdir(), 'assay-s3rver-'));
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: serverDir, configureBuckets: [{ name: bucket, configs: [] }] });
    const { port } = await server.run();
    const env = { STORAGE_URL: `s3://${bucket}/evidence`, S3_ENDPOINT: `http://127.0.0.1:${port}`, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };
    const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    Object.assign(process.env, env); // the storage is chosen from the environment when the app is built
    try {
      t = await startTestApp();
    } finally {
      for (const [name, value] of Object.entries(saved)) if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    assessment = await sentAssessment(t, (await buyers(t)).procurement);
  });
  afterAll(async () => {
    await t?.stop();
    await server.close();
    await rm(serverDir, { recursive: true, force: true });
  });

  it('uploads into the bucket, downloads from it and deletes from it', async () => {
    const content = pdf('in the bucket');
    const { body, contentType } = multipart([file(content, 'bucket.pdf')]);
    const created = await t.http().post(`/api/v1/assessments/${assessment.assessmentId}/evidence`).set(bearer(assessment.vendorToken)).set('content-type', contentType).send(body).expect(201);
    expect(created.body.sha256).toBe(sha256(content));
    expect((await objects()).some((path) => path.includes(`evidence/${created.body.sha256.slice(0, 2)}/${created.body.sha256.slice(2, 4)}/${created.body.sha256}`))).toBe(true);
    expect(await filesUnder(join(t.config.dataDir, 'evidence'))).toEqual([]);
    expect(await filesUnder(join(t.config.dataDir, 'uploads'))).toEqual([]);
    const res = await t.http().get(`/api/v1/evidence/${created.body.id}/download`).set(bearer(assessment.vendorToken)).buffer(true).parse(binary);
    expect(sha256(res.body as Buffer)).toBe(sha256(content));
    await t.http().delete(`/api/v1/evidence/${created.body.id}`).set(bearer(assessment.vendorToken)).expect(204);
    expect((await objects()).some((path) => path.includes(created.body.sha256))).toBe(false);
  });
});
