import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { UploadSpool } from '../evidence/upload-spool.js';
import { renderReport, type DrawingProgress } from './pdf/document.js';
import type { ReportData } from './report-data.js';

/** A finished PDF in a temp file, with what the report row records about it. */
export interface ReportFile {
  tempPath: string;
  sha256: string;
  size: number;
  pageCount: number;
}

/**
 * Draws a report into a temp file under DATA_DIR (beside the upload spool, so that storing it
 * locally is a rename, and a file left by a killed worker is swept like a stale upload). The
 * pages are held until the end anyway (for "Page n of m"), so the bytes are gathered in memory
 * and written with one call rather than as pdfkit's thousands of small chunks.
 */
@Injectable()
export class ReportFiles {
  private folder?: Promise<unknown>;

  constructor(private readonly spool: UploadSpool) {}

  async write(data: ReportData, progress?: DrawingProgress): Promise<ReportFile> {
    const chunks: Buffer[] = [];
    const collect = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    const { pageCount } = await renderReport(data, collect, progress);
    const bytes = Buffer.concat(chunks);
    await (this.folder ??= mkdir(this.spool.dir, { recursive: true }));
    const tempPath = join(this.spool.dir, `report-${randomUUID()}.part`);
    try {
      await writeFile(tempPath, bytes, { flag: 'wx' });
    } catch (error) {
      await this.discard(tempPath);
      throw error;
    }
    return { tempPath, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, pageCount };
  }

  async discard(tempPath: string): Promise<void> {
    await rm(tempPath, { force: true });
  }
}
