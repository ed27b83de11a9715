import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ContentSniffer, type Sniffed } from '../domain/media-type.js';

/** An upload written to a temp file, with what was learnt from its bytes on the way. */
export interface SpooledFile {
  tempPath: string;
  sha256: string;
  size: number;
  sniffed: Sniffed;
}

/** Temp files older than this were left by a process that died mid-upload. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Receives an upload into a temp file under DATA_DIR (the same disk as local storage, so
 * accepting it is a rename), hashing and sniffing the bytes as they pass: nothing is held whole
 * in memory, and a failed receive leaves no file behind.
 */
@Injectable()
export class UploadSpool implements OnModuleInit {
  private readonly logger = new Logger('evidence');
  readonly dir: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.dir = join(config.dataDir, 'uploads');
  }

  async onModuleInit(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await this.sweep(STALE_AFTER_MS).catch((error: unknown) => this.logger.warn({ err: error }, 'could not sweep stale uploads'));
  }

  async receive(source: Readable): Promise<SpooledFile> {
    // The source may fail while the folder is made: the pipeline below reports that error, not the process.
    const held = () => undefined;
    source.on('error', held);
    await mkdir(this.dir, { recursive: true }).finally(() => setImmediate(() => source.off('error', held)));
    const tempPath = join(this.dir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    const sniffer = new ContentSniffer();
    let size = 0;
    const inspect = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        sniffer.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, inspect, createWriteStream(tempPath, { flags: 'wx' }));
    } catch (error) {
      await this.discard(tempPath);
      throw error;
    }
    return { tempPath, sha256: hash.digest('hex'), size, sniffed: sniffer.finish() };
  }

  async discard(tempPath: string): Promise<void> {
    await rm(tempPath, { force: true });
  }

  /** Removes temp files older than `ageMs`; younger ones may belong to an upload in flight. */
  async sweep(ageMs: number): Promise<number> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names.filter((n) => n.endsWith('.part'))) {
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => null);
      if (info && Date.now() - info.mtimeMs > ageMs) {
        await this.discard(path);
        removed++;
      }
    }
    return removed;
  }
}
