import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Role } from '../auth/roles.js';
import { SYSTEM_ACTOR } from '../common/actor.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { MailContent } from '../notifications/templates.js';
import type { Recipient } from './schedule-mails.js';

const BATCH = 200;

/**
 * What the sweep parts share: who to tell, which dedupe keys are still unused, and queuing many
 * notices in a few transactions. A notice whose key was used is dropped by NotificationsService.
 */
@Injectable()
export class NoticeOutbox {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  url(path: string): string {
    return `${this.config.publicUrl}/${path}`;
  }

  /** The keys among `keys` that no notification has used yet. */
  async unsent(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: { key: string }[] = await this.db.query(
      'SELECT k AS key FROM unnest($1::text[]) AS k WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.dedupe_key = k)',
      [keys],
    );
    return new Set(rows.map((row) => row.key));
  }

  /** Queues the mails whose dedupe keys are still unused; returns how many were queued, by kind. */
  async queueUnsent(mails: MailContent[]): Promise<Record<string, number>> {
    const fresh = await this.unsent(mails.map((mail) => mail.dedupeKey));
    const pending = mails.filter((mail) => fresh.has(mail.dedupeKey));
    const kindOf = new Map(pending.map((mail) => [mail.dedupeKey, mail.kind]));
    const queued: Record<string, number> = {};
    for (let at = 0; at < pending.length; at += BATCH) {
      const keys = await this.uow.run(SYSTEM_ACTOR, (work) => this.notifications.queueAll(work, pending.slice(at, at + BATCH)));
      for (const key of keys) queued[kindOf.get(key)!] = (queued[kindOf.get(key)!] ?? 0) + 1;
    }
    return queued;
  }

  async riskManagers(): Promise<Recipient[]> {
    return this.db.query(`SELECT id, email, name FROM users WHERE role = $1 AND disabled_at IS NULL ORDER BY id`, [Role.RiskManager]);
  }

  /** Active users by id; unknown or disabled ones are left out. */
  async users(ids: (string | null)[]): Promise<Map<string, Recipient>> {
    const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
    if (wanted.length === 0) return new Map();
    const rows: Recipient[] = await this.db.query('SELECT id, email, name FROM users WHERE id = ANY($1::uuid[]) AND disabled_at IS NULL', [wanted]);
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** The vendor contacts of each assessment, keyed by e-mail in dedupe keys. */
  async contacts(assessmentIds: string[]): Promise<Map<string, Recipient[]>> {
    const byAssessment = new Map<string, Recipient[]>();
    if (assessmentIds.length === 0) return byAssessment;
    const rows: (Recipient & { assessment_id: string })[] = await this.db.query(
      `SELECT ac.assessment_id, c.email AS id, c.email, c.name FROM assessment_contacts ac JOIN vendor_contacts c ON c.id = ac.contact_id
       WHERE ac.assessment_id = ANY($1::uuid[]) ORDER BY c.email`,
      [[...new Set(assessmentIds)]],
    );
    for (const { assessment_id: id, ...recipient } of rows) byAssessment.set(id, [...(byAssessment.get(id) ?? []), recipient]);
    return byAssessment;
  }
}

/** Everyone in `lists`, once each. */
export function everyone(...lists: (Recipient | undefined)[][]): Recipient[] {
  const seen = new Map<string, Recipient>();
  for (const recipient of lists.flat()) if (recipient && !seen.has(recipient.id)) seen.set(recipient.id, recipient);
  return [...seen.values()];
}

export function add(total: Record<string, number>, more: Record<string, number>): Record<string, number> {
  for (const [kind, count] of Object.entries(more)) total[kind] = (total[kind] ?? 0) + count;
  return total;
}
