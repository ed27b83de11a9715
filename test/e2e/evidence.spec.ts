import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Role } from '../../src/auth/roles.js';
import { answerEverything, buyers, sentAssessment, type Buyer, type SentAssessment } from '../support/flows.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { PNG, WINDOWS_EXE, binary, file, filesUnder, multipart, pdf, sha256, type Part } from '../support/uploads.js';

describe('evidence', () => {
  let t: TestApp;
  let buyer: Buyer;
  let a: SentAssessment;
  let b: SentAssessment;
  let questionId: string;

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await buyers(t);
    a = await sentAssessment(t, buyer.procurement);
    b = await sentAssessment(t, buyer.procurement);
    const questions = await t.http().get(`/api/v1/assessments/${a.assessmentId}/questions`).set(bearer(a.vendorToken)).expect(200);
    questionId = questions.body.items[0].id;
  });
  afterAll(() => t.stop());

  const upload = (token: string, assessmentId: string, parts: Part[]) => {
    const { body, contentType } = multipart(parts);
    return t.http().post(`/api/v1/assessments/${assessmentId}/evidence`).set(bearer(token)).set('content-type', contentType).send(body);
  };
  const rows = async () => Number((await t.db.query('SELECT count(*) AS n FROM evidence'))[0].n);
  const stored = () => filesUnder(join(t.config.dataDir, 'evidence'));
  const temps = () => filesUnder(join(t.config.dataDir, 'uploads'));

  /** Runs a refused upload and checks it changed nothing: no row, no stored file, no temp file. */
  async function leavesNothing(refused: () => Promise<unknown>): Promise<void> {
    const [rowsBefore, storedBefore] = [await rows(), await stored()];
    await refused();
    expect({ rows: await rows(), stored: await stored(), temps: await temps() }).toEqual({ rows: rowsBefore, stored: storedBefore, temps: [] });
  }

  it('accepts a real PDF, stored under the SHA-256 of its bytes', async () => {
    const content = pdf();
    const res = await upload(a.vendorToken, a.assessmentId, [{ name: 'questionIds', value: questionId }, { name: 'documentDate', value: '2025-01-31' }, { name: 'expiresAt', value: '2026-01-31' }, file(content, 'SOC 2 report.pdf', 'text/plain')]);
    expect(res.status).toBe(201);
    const digest = sha256(content);
    expect(res.body).toEqual({ id: expect.any(String), sha256: digest, size: content.length, mediaType: 'application/pdf', name: 'SOC 2 report.pdf', questionIds: [questionId], documentDate: '2025-01-31', expiresAt: '2026-01-31', conditionId: null, findingId: null, reviewStatus: 'pending', reviewReason: null, createdAt: expect.any(String) });
    expect(await stored()).toContain(join(t.config.dataDir, 'evidence', digest.slice(0, 2), digest.slice(2, 4), digest));
    expect(await temps()).toEqual([]);
    const audit = await t.db.query(`SELECT action FROM audit_events WHERE entity_id = $1`, [res.body.id]);
    expect(audit).toEqual([{ action: 'evidence.uploaded' }]);
  });

  it('takes fields that come after the file', async () => {
    const res = await upload(a.vendorToken, a.assessmentId, [file(pdf('fields after')), { name: 'questionIds', value: questionId }]);
    expect(res.status).toBe(201);
    expect(res.body.questionIds).toEqual([questionId]);
  });

  it('streams a download with the same bytes, the sniffed type and a safe disposition, and audits it', async () => {
    const content = pdf('download me');
    const created = await upload(a.vendorToken, a.assessmentId, [file(content, 'Prüfbericht (final).pdf')]).expect(201);
    const res = await t.http().get(`/api/v1/evidence/${created.body.id}/download`).set(bearer(buyer.riskManager)).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(sha256(res.body as Buffer)).toBe(sha256(content));
    expect(res.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(content.length),
      'content-disposition': `attachment; filename="Pr_fbericht (final).pdf"; filename*=UTF-8''Pr%C3%BCfbericht%20%28final%29.pdf`,
      'x-content-type-options': 'nosniff',
    });
    const audit = await t.db.query(`SELECT action, actor_id FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [created.body.id]);
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['evidence.uploaded', 'evidence.downloaded']);
    expect(audit[1].actor_id).toBe(buyer.riskManagerId);
  });

  it('shows a PDF or an image inline, framed by the portal only, and keeps other types an attachment', async () => {
    const download = (id: string, query: string) => t.http().get(`/api/v1/evidence/${id}/download${query}`).set(bearer(buyer.riskManager)).buffer(true).parse(binary);
    const report = (await upload(a.vendorToken, a.assessmentId, [file(pdf('inline'), 'report.pdf')]).expect(201)).body.id;
    const picture = (await upload(a.vendorToken, a.assessmentId, [file(PNG, 'diagram.png', 'image/png')]).expect(201)).body.id;
    const sheet = (await upload(a.vendorToken, a.assessmentId, [file(Buffer.from('a,b\n1,2\n'), 'data.csv', 'text/csv')]).expect(201)).body.id;
    const pick = (res: { status: number; headers: Record<string, string> }) => ({
      status: res.status,
      disposition: res.headers['content-disposition'],
      csp: res.headers['content-security-policy'],
      frame: res.headers['x-frame-options'],
      nosniff: res.headers['x-content-type-options'],
    });
    expect(pick(await download(report, '?disposition=inline'))).toEqual({
      status: 200,
      disposition: `inline; filename="report.pdf"; filename*=UTF-8''report.pdf`,
      csp: "default-src 'none'; frame-ancestors 'self'",
      frame: 'SAMEORIGIN',
      nosniff: 'nosniff',
    });
    expect(pick(await download(picture, '?disposition=inline'))).toEqual({
      status: 200,
      disposition: `inline; filename="diagram.png"; filename*=UTF-8''diagram.png`,
      csp: "default-src 'none'; frame-ancestors 'self'; sandbox",
      frame: 'SAMEORIGIN',
      nosniff: 'nosniff',
    });
    const attachment = { status: 200, csp: "default-src 'none'; sandbox", frame: 'DENY', nosniff: 'nosniff' };
    expect(pick(await download(sheet, '?disposition=inline'))).toEqual({ ...attachment, disposition: `attachment; filename="data.csv"; filename*=UTF-8''data.csv` });
    expect(pick(await download(report, ''))).toEqual({ ...attachment, disposition: `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf` });
    const refused = await t.http().get(`/api/v1/evidence/${report}/download?disposition=embed`).set(bearer(buyer.riskManager));
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 400, code: 'validation_failed' });
  });

  it('refuses an executable renamed .pdf, whatever the client says it is', async () => {
    await leavesNothing(async () => {
      const res = await upload(a.vendorToken, a.assessmentId, [file(WINDOWS_EXE, 'invoice.pdf', 'application/pdf')]);
      expect({ status: res.status, code: res.body.code, type: res.headers['content-type'] }).toEqual({ status: 415, code: 'unsupported_media_type', type: expect.stringMatching(/^application\/problem\+json/) });
    });
  });

  it('refuses a script', async () => {
    await leavesNothing(() => upload(a.vendorToken, a.assessmentId, [file(Buffer.from('#!/bin/sh\necho hi\n'), 'notes.txt')]).expect(415));
  });

  it('stores a PNG named .txt as image/png, with a matching name', async () => {
    const res = await upload(a.vendorToken, a.assessmentId, [file(PNG, 'screenshot.txt', 'text/plain')]).expect(201);
    expect(res.body).toMatchObject({ mediaType: 'image/png', name: 'screenshot.png', sha256: sha256(PNG) });
  });

  it('refuses an empty file', async () => {
    await leavesNothing(async () => {
      const res = await upload(a.vendorToken, a.assessmentId, [file(Buffer.alloc(0), 'empty.pdf')]);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'empty_file' });
    });
  });

  it('cleans a name that tries to climb out of its folder', async () => {
    const res = await upload(a.vendorToken, a.assessmentId, [file(Buffer.from('root:x:0:0:root:/root:/bin/bash\n'), '../../etc/passwd')]).expect(201);
    expect(res.body).toMatchObject({ name: 'passwd.txt', mediaType: 'text/plain' });
    expect((await stored()).every((path) => path.startsWith(join(t.config.dataDir, 'evidence')))).toBe(true);
  });

  it('names a question that is not in the assessment, and stores nothing', async () => {
    await leavesNothing(async () => {
      const res = await upload(a.vendorToken, a.assessmentId, [{ name: 'questionIds', value: questionId }, { name: 'questionIds', value: 'NOPE-99' }, file(pdf('unlinked'))]);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'questionIds', message: 'NOPE-99 is not a question of this assessment' }]);
    });
  });

  it.each<[string, Part[], number, string]>([
    ['no file', [{ name: 'questionIds', value: 'X' }], 400, 'validation_failed'],
    ['a file in another field', [{ name: 'attachment', filename: 'a.pdf', content: Buffer.from('%PDF-1.4') }], 400, 'validation_failed'],
    ['two files', [file(pdf('one')), file(pdf('two'))], 400, 'too_many_files'],
    ['an unknown field', [{ name: 'vendorId', value: 'x' }, file(pdf('x'))], 400, 'validation_failed'],
    ['an impossible date', [{ name: 'documentDate', value: '2025-02-30' }, file(pdf('x'))], 400, 'validation_failed'],
    ['more fields than an upload needs', [...Array.from({ length: 21 }, () => ({ name: 'questionIds', value: 'X' })), file(pdf('x'))], 400, 'too_many_fields'],
    ['an expiry before the document date', [{ name: 'documentDate', value: '2025-02-01' }, { name: 'expiresAt', value: '2025-01-01' }, file(pdf('x'))], 400, 'validation_failed'],
  ])('refuses a form with %s', async (_, parts, status, code) => {
    await leavesNothing(async () => {
      const res = await upload(a.vendorToken, a.assessmentId, parts);
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    });
  });

  it('refuses a body that is not multipart, and a broken one, as problems', async () => {
    const json = await t.http().post(`/api/v1/assessments/${a.assessmentId}/evidence`).set(bearer(a.vendorToken)).send({ file: 'x' });
    expect({ status: json.status, code: json.body.code }).toEqual({ status: 415, code: 'unsupported_media_type' });
    const broken = await t.http().post(`/api/v1/assessments/${a.assessmentId}/evidence`).set(bearer(a.vendorToken)).set('content-type', 'multipart/form-data; boundary=xyz').send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 and no end');
    expect(broken.status).toBe(400);
    expect(await temps()).toEqual([]);
  });

  it('leaves nothing behind when the client goes away mid-upload', async () => {
    const rowsBefore = await rows();
    const storedBefore = await stored();
    const { body, contentType } = multipart([file(Buffer.concat([pdf('aborted'), randomBytes(2 * 1024 * 1024)]))]);
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`POST /api/v1/assessments/${a.assessmentId}/evidence HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${a.vendorToken}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`);
    socket.write(body.subarray(0, body.length / 2));
    const deadline = Date.now() + 5000;
    while ((await temps()).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await temps()).length).toBe(1); // the upload was under way
    socket.destroy();
    while ((await temps()).length > 0 && Date.now() < deadline + 5000) await new Promise((resolve) => setTimeout(resolve, 20));
    expect({ rows: await rows(), stored: await stored(), temps: await temps() }).toEqual({ rows: rowsBefore, stored: storedBefore, temps: [] });
  });

  it('lists newest first, for staff and for the vendor', async () => {
    const first = await upload(a.vendorToken, a.assessmentId, [file(pdf('older'))]).expect(201);
    const second = await upload(a.vendorToken, a.assessmentId, [file(pdf('newer'))]).expect(201);
    for (const token of [a.vendorToken, buyer.procurement, buyer.riskManager]) {
      const res = await t.http().get(`/api/v1/assessments/${a.assessmentId}/evidence`).set(bearer(token)).expect(200);
      const ids = res.body.items.map((item: { id: string }) => item.id);
      expect(ids.indexOf(second.body.id)).toBeLessThan(ids.indexOf(first.body.id));
      expect(ids.indexOf(second.body.id)).toBe(0);
    }
  });

  it('keeps identical content once, until the last upload of it is deleted', async () => {
    const content = pdf('shared content');
    const digest = sha256(content);
    const one = await upload(a.vendorToken, a.assessmentId, [file(content, 'one.pdf')]).expect(201);
    const two = await upload(a.vendorToken, a.assessmentId, [file(content, 'two.pdf')]).expect(201);
    const path = join(t.config.dataDir, 'evidence', digest.slice(0, 2), digest.slice(2, 4), digest);
    expect((await stored()).filter((p) => p === path)).toHaveLength(1);
    await t.http().delete(`/api/v1/evidence/${one.body.id}`).set(bearer(a.vendorToken)).expect(204);
    expect(await stored()).toContain(path);
    await t.http().delete(`/api/v1/evidence/${two.body.id}`).set(bearer(a.vendorToken)).expect(204);
    expect(await stored()).not.toContain(path);
    const audit = await t.db.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [two.body.id]);
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['evidence.uploaded', 'evidence.deleted']);
    await t.http().get(`/api/v1/evidence/${two.body.id}/download`).set(bearer(a.vendorToken)).expect(404);
  });

  describe('isolation between vendors', () => {
    let evidenceId: string;
    beforeAll(async () => {
      evidenceId = (await upload(a.vendorToken, a.assessmentId, [file(pdf('vendor A only'))]).expect(201)).body.id;
    });

    it.each([
      ['list', () => t.http().get(`/api/v1/assessments/${a.assessmentId}/evidence`)],
      ['download', () => t.http().get(`/api/v1/evidence/${evidenceId}/download`)],
      ['delete', () => t.http().delete(`/api/v1/evidence/${evidenceId}`)],
      ['upload to', () => t.http().post(`/api/v1/assessments/${a.assessmentId}/evidence`).set('content-type', multipart([file(pdf('intruder'))]).contentType).send(multipart([file(pdf('intruder'))]).body)],
    ])("gives vendor B a 404 when it tries to %s vendor A's evidence", async (_, call) => {
      const res = await call().set(bearer(b.vendorToken));
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'not_found' });
    });

    it('still has the evidence afterwards', async () => {
      await t.http().get(`/api/v1/evidence/${evidenceId}/download`).set(bearer(a.vendorToken)).expect(200);
    });
  });

  describe('roles', () => {
    it('lets an auditor list and download, but not upload or delete', async () => {
      const auditor = await signIn(t, Role.Auditor);
      const created = await upload(a.vendorToken, a.assessmentId, [file(pdf('for the auditor'))]).expect(201);
      await t.http().get(`/api/v1/assessments/${a.assessmentId}/evidence`).set(bearer(auditor.token)).expect(200);
      await t.http().get(`/api/v1/evidence/${created.body.id}/download`).set(bearer(auditor.token)).expect(200);
      const refused = await upload(auditor.token, a.assessmentId, [file(pdf('auditor upload'))]);
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'forbidden' });
      await t.http().delete(`/api/v1/evidence/${created.body.id}`).set(bearer(auditor.token)).expect(403);
    });

    it('does not let procurement upload on the vendor\'s behalf', async () => {
      await upload(buyer.procurement, a.assessmentId, [file(pdf('buyer upload'))]).expect(403);
    });
  });

  describe('after submission', () => {
    it('refuses to delete or add evidence once the vendor has submitted', async () => {
      const c = await sentAssessment(t, buyer.procurement);
      const kept = await upload(c.vendorToken, c.assessmentId, [file(pdf('submitted with the answers'))]).expect(201);
      await answerEverything(t, c.vendorToken, c.assessmentId);
      await t.http().post(`/api/v1/assessments/${c.assessmentId}/submit`).set(bearer(c.vendorToken)).expect(200);
      const removal = await t.http().delete(`/api/v1/evidence/${kept.body.id}`).set(bearer(c.vendorToken));
      expect({ status: removal.status, code: removal.body.code }).toEqual({ status: 409, code: 'answers_locked' });
      await leavesNothing(async () => {
        const late = await upload(c.vendorToken, c.assessmentId, [file(pdf('too late'))]);
        expect({ status: late.status, code: late.body.code }).toEqual({ status: 409, code: 'answers_locked' });
      });
      await t.http().get(`/api/v1/evidence/${kept.body.id}/download`).set(bearer(buyer.riskManager)).expect(200);
    });
  });
});

describe('evidence over the upload limit', () => {
  let t: TestApp;
  let assessment: SentAssessment;

  beforeAll(async () => {
    t = await startTestApp({ env: { MAX_UPLOAD_BYTES: '2048' } });
    assessment = await sentAssessment(t, (await buyers(t)).procurement);
  });
  afterAll(() => t.stop());

  it('refuses a file over MAX_UPLOAD_BYTES with 413, leaving nothing behind', async () => {
    const { body, contentType } = multipart([file(Buffer.concat([pdf('big'), randomBytes(10_000)]))]);
    const res = await t.http().post(`/api/v1/assessments/${assessment.assessmentId}/evidence`).set(bearer(assessment.vendorToken)).set('content-type', contentType).send(body);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 413, code: 'payload_too_large' });
    expect(await t.db.query('SELECT id FROM evidence')).toEqual([]);
    expect(await filesUnder(join(t.config.dataDir, 'evidence'))).toEqual([]);
    expect(await filesUnder(join(t.config.dataDir, 'uploads'))).toEqual([]);
  });

  it('accepts a file just under the limit', async () => {
    const content = Buffer.concat([pdf('small'), Buffer.alloc(2048 - pdf('small').length, 0x20)]);
    const { body, contentType } = multipart([file(content)]);
    const res = await t.http().post(`/api/v1/assessments/${assessment.assessmentId}/evidence`).set(bearer(assessment.vendorToken)).set('content-type', contentType).send(body);
    expect(res.status).toBe(201);
    expect(res.body.size).toBe(2048);
  });
});
