import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { EvidenceStorage, StoredFileMissing, storageKey } from './evidence-storage.js';
import type { StorageConfig } from './storage-config.js';

type S3Config = Extract<StorageConfig, { kind: 's3' }>;

/** Multipart parts of 8 MiB, two at a time: a 50 MB upload holds at most ~16 MiB in memory. */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 2;

const notFound = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
};

export function s3ClientConfig(config: S3Config): S3ClientConfig {
  return {
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    // Self-hosted S3 servers often reject the SDK's default flexible checksums (aws-chunked bodies).
    ...(config.endpoint ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
  };
}

/** Evidence in an S3-compatible bucket, under `prefix/ab/cd/<sha256>`. */
export class S3EvidenceStorage extends EvidenceStorage {
  constructor(
    private readonly config: S3Config,
    readonly client: S3Client = new S3Client(s3ClientConfig(config)),
  ) {
    super();
  }

  objectKey(sha256: string): string {
    return this.config.prefix ? `${this.config.prefix}/${storageKey(sha256)}` : storageKey(sha256);
  }

  async put(tempPath: string, sha256: string): Promise<string> {
    if (!(await this.exists(sha256))) {
      const upload = new Upload({
        client: this.client,
        params: { Bucket: this.config.bucket, Key: this.objectKey(sha256), Body: createReadStream(tempPath) },
        partSize: PART_SIZE,
        queueSize: QUEUE_SIZE,
      });
      await upload.done();
    }
    await rm(tempPath, { force: true });
    return storageKey(sha256);
  }

  async open(sha256: string): Promise<Readable> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(sha256) }));
      return object.Body as Readable;
    } catch (error) {
      if (notFound(error)) throw new StoredFileMissing(sha256);
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(sha256) }));
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(sha256) }));
      return true;
    } catch (error) {
      if (notFound(error)) return false;
      throw error;
    }
  }
}
