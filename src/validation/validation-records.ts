import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ValidationRunEntity } from './validation-run.entity.js';

const MAX_ERROR = 500;

/**
 * The run row through the worker: queued -> running -> done, or failed. Each step is one
 * conditional update, so a late or duplicate worker never moves a finished run.
 */
@Injectable()
export class ValidationRecords {
  constructor(private readonly db: DataSource) {}

  private get runs() {
    return this.db.getRepository(ValidationRunEntity);
  }

  /** Starts an attempt on a queued run, or one left running by a worker that died; null otherwise. */
  async claim(id: string): Promise<ValidationRunEntity | null> {
    const claimed = await this.runs
      .createQueryBuilder()
      .update()
      .set({ status: 'running', progress: 0, startedAt: () => 'now()', attempts: () => 'attempts + 1' })
      .where('id = :id AND status IN (:...open)', { id, open: ['queued', 'running'] })
      .execute();
    return (claimed.affected ?? 0) > 0 ? this.runs.findOneBy({ id }) : null;
  }

  async progress(id: string, percent: number): Promise<void> {
    await this.runs.update({ id, status: 'running' }, { progress: Math.max(0, Math.min(99, Math.round(percent))) });
  }

  async retryLater(id: string, error: Error): Promise<void> {
    await this.runs.update({ id, status: 'running' }, { status: 'queued', progress: 0, error: describe(error) });
  }

  async fail(id: string, error: Error): Promise<void> {
    await this.runs.update({ id, status: 'running' }, { status: 'failed', error: describe(error), finishedAt: () => 'now()' });
  }
}

function describe(error: Error): string {
  return (error.message || error.name).slice(0, MAX_ERROR);
}
