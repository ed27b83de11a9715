import { S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
import { ConfigError } from '../../src/config/config.js';
import { EvidenceStorage, StoredFileMissing, storageKey } from '../../src/evidence/storage/evidence-storage.js';
import { LocalEvidenceStorage } from '../../src/evidence/storage/local-storage.js';
import { S3EvidenceStorage, s3ClientConfig } from '../../src/evidence/storage/s3-storage.js';
import { loadStorageConfig } from '../../src/evidence/storage/storage-config.js';
import { createEvidenceStorage } from '../../src/evidence/storage/storage.provider.js';
import { UploadSpool } from '../../src/evidence/upload-spool.js';
import type { AppConfig } from '../../src/config/config.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'assay-storage-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function tempFile(content: Buffer): Promise<string> {
  const path = join(work, `${randomBytes(6).toString('hex')}.part`);
  await writeFile(path, content);
  return path;
}

/** The contract every driver keeps, run against each. */
function behavesAsEvidenceStorage(make: () => EvidenceStorage) {
  it('stores a temp file under its digest and reads it back', async () => {
    const storage = make();
    const content = randomBytes(100_000);
    const digest = sha256(content);
    const temp = await tempFile(content);
    expect(await storage.exists(digest)).toBe(false);
    expect(await storage.put(temp, digest)).toBe(storageKey(digest));
    expect(await storage.exists(digest)).toBe(true);
    expect(await readAll(await storage.open(digest))).toEqual(content);
    expect(await filesUnder(work)).not.toContain(temp.slice(work.length + 1)); // the temp file is taken or removed
  });

  it('keeps identical content once', async () => {
    const storage = make();
    const content = Buffer.from('the same policy, uploaded twice');
    const digest = sha256(content);
    await storage.put(await tempFile(content), digest);
    await storage.put(await tempFile(content), digest);
    expect(await readAll(await storage.open(digest))).toEqual(content);
  });

  it('deletes, and deleting again is not an error', async () => {
    const storage = make();
    const content = Buffer.from('short-lived');
    const digest = sha256(content);
    await storage.put(await tempFile(content), digest);
    await storage.delete(digest);
    expect(await storage.exists(digest)).toBe(false);
    await expect(storage.delete(digest)).resolves.toBeUndefined();
  });

  it('fails to open missing content before streaming anything', async () => {
    await expect(make().open(sha256(Buffer.from('never stored')))).rejects.toBeInstanceOf(StoredFileMissing);
  });
}

describe('local evidence storage', () => {
  behavesAsEvidenceStorage(() => new LocalEvidenceStorage(join(work, 'evidence')));

  it('fans files out as ab/cd/<sha256>', async () => {
    const storage = new LocalEvidenceStorage(join(work, 'evidence'));
    const content = Buffer.from('fan-out');
    const digest = sha256(content);
    await storage.put(await tempFile(content), digest);
    expect(await filesUnder(join(work, 'evidence'))).toEqual([`${digest.slice(0, 2)}/${digest.slice(2, 4)}/${digest}`]);
  });

  it('refuses a key that is not a digest, so no path can be smuggled in', () => {
    expect(() => storageKey('../../etc/passwd')).toThrow();
    expect(() => storageKey('A'.repeat(64))).toThrow();
  });
});

describe('the upload spool', () => {
  const spoolIn = (dir: string) => new UploadSpool({ dataDir: dir } as AppConfig);

  it('hashes, sniffs and counts the bytes while writing them', async () => {
    const spool = spoolIn(work);
    const content = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(200_000)]);
    const file = await spool.receive(Readable.from([content.subarray(0, 5000), content.subarray(5000)]));
    expect(file).toMatchObject({ sha256: sha256(content), size: content.length, sniffed: { accepted: true, mediaType: 'application/pdf' } });
    await spool.discard(file.tempPath);
    expect(await filesUnder(spool.dir)).toEqual([]);
  });

  it('leaves no temp file when the source fails half-way', async () => {
    const spool = spoolIn(work);
    const failing = new Readable({ read() {} });
    failing.push(randomBytes(10_000));
    setTimeout(() => failing.destroy(new Error('client went away')), 10);
    await expect(spool.receive(failing)).rejects.toThrow('client went away');
    expect(await filesUnder(spool.dir)).toEqual([]);
  });

  it('sweeps temp files left by a process that died, but not fresh ones', async () => {
    const spool = spoolIn(work);
    await spool.onModuleInit();
    await writeFile(join(spool.dir, 'old.part'), 'x');
    await new Promise((resolve) => setTimeout(resolve, 30));
    await writeFile(join(spool.dir, 'new.part'), 'x');
    expect(await spool.sweep(20)).toBe(1);
    expect(await filesUnder(spool.dir)).toEqual(['new.part']);
  });
});

describe('storage configuration', () => {
  it('defaults to DATA_DIR/evidence', () => {
    expect(loadStorageConfig('/data', {})).toEqual({ kind: 'local', root: join('/data', 'evidence') });
  });

  it('reads a bucket, a prefix and a custom endpoint', () => {
    const config = loadStorageConfig('/data', { STORAGE_URL: 's3://assay-evidence/prod/eu', S3_ENDPOINT: 'http://127.0.0.1:9000', AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's', AWS_REGION: 'eu-west-1' });
    expect(config).toEqual({ kind: 's3', bucket: 'assay-evidence', prefix: 'prod/eu', region: 'eu-west-1', endpoint: 'http://127.0.0.1:9000', forcePathStyle: true, credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
  });

  it('leaves credentials to the SDK chain on AWS itself', () => {
    expect(loadStorageConfig('/data', { STORAGE_URL: 's3://bucket' })).toEqual({ kind: 's3', bucket: 'bucket', prefix: '', region: 'us-east-1', forcePathStyle: false });
  });

  it.each([
    [{ STORAGE_URL: 'ftp://x/y' }, /must start with s3:\/\/ or file:\/\//],
    [{ STORAGE_URL: 'not a url' }, /STORAGE_URL is not a valid URL/],
    [{ STORAGE_URL: 's3://Bad_Bucket' }, /invalid bucket/],
    [{ STORAGE_URL: 's3://bucket', AWS_ACCESS_KEY_ID: 'k' }, /both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/],
    [{ STORAGE_URL: 's3://bucket', S3_ENDPOINT: 'minio:9000' }, /S3_ENDPOINT must be an http/],
    [{ STORAGE_URL: 's3://bucket', S3_FORCE_PATH_STYLE: 'yes' }, /S3_FORCE_PATH_STYLE must be true or false/],
    [{ STORAGE_URL: 'file:///' }, /needs a directory path/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => loadStorageConfig('/data', env)).toThrow(ConfigError);
    expect(() => loadStorageConfig('/data', env)).toThrow(message);
  });

  it('picks the driver from the URL', () => {
    expect(createEvidenceStorage(loadStorageConfig(work, {}))).toBeInstanceOf(LocalEvidenceStorage);
    expect(createEvidenceStorage(loadStorageConfig(work, { STORAGE_URL: `file://${work}/elsewhere` }))).toBeInstanceOf(LocalEvidenceStorage);
    expect(createEvidenceStorage(loadStorageConfig(work, { STORAGE_URL: 's3://bucket/p', AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's' }))).toBeInstanceOf(S3EvidenceStorage);
  });
});

describe('S3 evidence storage, against an S3-compatible server', () => {
  const bucket = 'assay-evidence';
  let server: S3rver;
  let endpoint: string;
  let serverDir: string;

  beforeAll(async () => {
    serverDir = await mkdtemp(join(tmpdir(), 'assay-s3rver-'));
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: serverDir, configureBuckets: [{ name: bucket, configs: [] }] });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await server.close();
    await rm(serverDir, { recursive: true, force: true });
  });

  const s3 = (accessKeyId = 'S3RVER') =>
    createEvidenceStorage(loadStorageConfig(work, { STORAGE_URL: `s3://${bucket}/tenant-a`, S3_ENDPOINT: endpoint, AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: 'S3RVER' }));

  behavesAsEvidenceStorage(() => s3());

  it('keeps objects under the prefix, fanned out by digest', async () => {
    const content = Buffer.from('prefixed');
    const digest = sha256(content);
    await s3().put(await tempFile(content), digest);
    expect(await filesUnder(serverDir)).toEqual(expect.arrayContaining([expect.stringContaining(`tenant-a/${digest.slice(0, 2)}/${digest.slice(2, 4)}/${digest}`)]));
  });

  it('streams a multipart upload larger than one part', async () => {
    const content = randomBytes(9 * 1024 * 1024);
    const digest = sha256(content);
    await s3().put(await tempFile(content), digest);
    expect(sha256(await readAll(await s3().open(digest)))).toBe(digest);
  }, 60_000);

  // s3rver checks the SigV4 Authorization header's form and key id, not the signature itself.
  it('sends signed requests: an unknown access key is refused, not taken for a missing object', async () => {
    await expect(s3('UNKNOWNKEY').exists(sha256(Buffer.from('x')))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
  });

  it('uses path-style addressing and plain checksums for a custom endpoint', async () => {
    const config = s3ClientConfig({ kind: 's3', bucket, prefix: '', region: 'us-east-1', endpoint, forcePathStyle: true });
    const client = new S3Client(config);
    expect(await client.config.forcePathStyle).toBe(true);
    expect(config).toMatchObject({ requestChecksumCalculation: 'WHEN_REQUIRED' });
    client.destroy();
  });
});
