import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../common/actor.js';
import { UnitOfWork } from '../database/unit-of-work.js';

const BATCH = 500;

interface OverdueRow {
  id: string;
  assessment_id: string;
  ai_system_id: string;
  due_date: string;
  status: string;
  text: string;
  owner_id: string | null;
}

const dedupeKey = (row: Pick<OverdueRow, 'id' | 'due_date'>) => `condition.overdue:${row.id}:${row.due_date}`;

/**
 * The sweep's part for `condition.overdue`: each open condition past its due date is announced
 * once per due date (the event's dedupe key), however many sweeps run while it stays overdue.
 */
@Injectable()
export class OverdueConditionEvents {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async sweep(today: string): Promise<Record<string, number>> {
    const rows: OverdueRow[] = await this.db.query(
      `SELECT c.id, c.assessment_id, c.ai_system_id, c.due_date::text AS due_date, c.status, c.text, c.owner_id FROM conditions c
       WHERE c.status IN ('open', 'proposed_met') AND c.due_date < $1::date
         AND NOT EXISTS (SELECT 1 FROM webhook_events e WHERE e.dedupe_key = 'condition.overdue:' || c.id || ':' || c.due_date::text)
       ORDER BY c.due_date, c.id LIMIT ${BATCH}`,
      [today],
    );
    if (rows.length === 0) return {};
    await this.uow.run(SYSTEM_ACTOR, async (work) => {
      for (const row of rows) {
        const data = { conditionId: row.id, assessmentId: row.assessment_id, aiSystemId: row.ai_system_id, text: row.text, dueDate: row.due_date, status: row.status, ownerId: row.owner_id, today };
        work.emit('condition.overdue', data, dedupeKey(row));
      }
    });
    // Events are not notices: the summary's counts stay those of e-mails.
    return {};
  }
}
