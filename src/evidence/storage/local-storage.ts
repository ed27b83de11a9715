import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { EvidenceStorage, StoredFileMissing, storageKey } from './evidence-storage.js';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** Evidence in a local directory (DATA_DIR/evidence by default), one file per distinct content. */
export class LocalEvidenceStorage extends EvidenceStorage {
  constructor(readonly root: string) {
    super();
  }

  pathOf(sha256: string): string {
    return join(this.root, ...storageKey(sha256).split('/'));
  }

  /** A rename, so a reader never sees half a file; the temp file must be on the same disk (DATA_DIR). */
  async put(tempPath: string, sha256: string): Promise<string> {
    const target = this.pathOf(sha256);
    if (await this.exists(sha256)) {
      await rm(tempPath, { force: true });
    } else {
      await mkdir(dirname(target), { recursive: true });
      await rename(tempPath, target);
    }
    return storageKey(sha256);
  }

  async open(sha256: string): Promise<Readable> {
    try {
      const handle = await open(this.pathOf(sha256), 'r');
      return handle.createReadStream();
    } catch (error) {
      if (isMissing(error)) throw new StoredFileMissing(sha256);
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  async exists(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }
}
