import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, MoreThanOrEqual, Not } from 'typeorm';
import { SYSTEM_ACTOR } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { addDays, EXPIRED_NOTICE_CATCH_UP_DAYS, expiryOn, EXPIRY_NOTICE_DAYS } from '../domain/schedule.js';
import { emitFindingMove } from '../findings/finding-events.js';
import { FindingEntity } from '../findings/finding.entity.js';
import { RiskAcceptanceEntity } from '../findings/risk-acceptance.entity.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { MailContent } from '../notifications/templates.js';
import { AGE_LIMITS, currentEvidence } from './evidence-expiry.sql.js';
import { add, everyone, NoticeOutbox } from './notice-outbox.js';
import { acceptanceMail, evidenceMail, type Recipient } from './schedule-mails.js';

interface AcceptanceRow {
  id: string;
  expires_on: string;
  approver_id: string;
  finding_id: string;
  title: string;
  owner_id: string | null;
  system_name: string;
}

interface EvidenceRow {
  id: string;
  original_name: string;
  assessment_id: string;
  requested_by: string;
  expires_on: string;
  system_name: string;
}

/** Risk acceptances and evidence running out within 30 days; acceptances past their date lapse. */
@Injectable()
export class ExpiryNotices {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly outbox: NoticeOutbox,
    private readonly notifications: NotificationsService,
  ) {}

  async sweep(today: string): Promise<Record<string, number>> {
    const horizon = addDays(today, EXPIRY_NOTICE_DAYS);
    const acceptances: AcceptanceRow[] = await this.db.query(
      `SELECT r.id, r.expires_at::text AS expires_on, r.approver_id, f.id AS finding_id, f.title, f.owner_id, s.name AS system_name
       FROM risk_acceptances r JOIN findings f ON f.id = r.finding_id JOIN ai_systems s ON s.id = f.ai_system_id
       WHERE r.lapsed_at IS NULL AND f.status = 'accepted' AND r.expires_at <= $1::date`,
      [horizon],
    );
    const users = await this.outbox.users(acceptances.flatMap((row) => [row.approver_id, row.owner_id]));
    const expiring = acceptances.filter((row) => expiryOn(row.expires_on, today) === 'expiring');
    const mails = [...expiring.flatMap((row) => this.acceptanceMails(row, users, false)), ...(await this.evidence(today, horizon))];
    const queued = await this.outbox.queueUnsent(mails);
    for (const row of acceptances.filter((r) => expiryOn(r.expires_on, today) === 'expired')) add(queued, await this.lapse(row, today, users));
    return queued;
  }

  private acceptanceMails(row: AcceptanceRow, users: Map<string, Recipient>, lapsed: boolean): MailContent[] {
    const facts = { id: row.id, title: row.title, systemName: row.system_name, dueDate: row.expires_on, expiresOn: row.expires_on, url: this.outbox.url(`findings/${row.finding_id}`) };
    const to = everyone([users.get(row.approver_id), row.owner_id ? users.get(row.owner_id) : undefined]);
    return to.map((recipient) => acceptanceMail(recipient, facts, lapsed));
  }

  /**
   * The acceptance is marked lapsed; its finding opens again unless another acceptance still
   * covers it or it moved on (closed, say). Both changes are audited, and the people told.
   */
  private lapse(row: AcceptanceRow, today: string, users: Map<string, Recipient>): Promise<Record<string, number>> {
    return this.uow.run(SYSTEM_ACTOR, async (work): Promise<Record<string, number>> => {
      const acceptance = await work.manager.findOne(RiskAcceptanceEntity, { where: { id: row.id }, lock: { mode: 'pessimistic_write' } });
      if (!acceptance || acceptance.lapsedAt || acceptance.expiresAt >= today) return {};
      const lapsedAt = this.clock.now();
      await work.manager.update(RiskAcceptanceEntity, { id: acceptance.id }, { lapsedAt });
      work.audit({ action: 'risk_acceptance.lapsed', entityType: 'risk_acceptance', entityId: acceptance.id, changes: { lapsedAt: { before: null, after: lapsedAt.toISOString() } } });
      const finding = await work.manager.findOne(FindingEntity, { where: { id: acceptance.findingId }, lock: { mode: 'pessimistic_write' } });
      const covered = await work.manager.exists(RiskAcceptanceEntity, {
        where: { findingId: acceptance.findingId, id: Not(acceptance.id), lapsedAt: IsNull(), expiresAt: MoreThanOrEqual(today) },
      });
      if (!finding || finding.status !== 'accepted' || covered) return {};
      await work.manager.update(FindingEntity, { id: finding.id }, { status: 'open' });
      work.audit({
        action: 'finding.reopened',
        entityType: 'finding',
        entityId: finding.id,
        changes: { status: { before: 'accepted', after: 'open' }, riskAcceptanceId: { before: null, after: acceptance.id } },
      });
      emitFindingMove(work, 'accepted', { ...finding, status: 'open' });
      let queued = 0;
      for (const mail of this.acceptanceMails(row, users, true)) if (await this.notifications.queue(work, mail)) queued += 1;
      return { acceptance_lapsed: queued };
    });
  }

  /** To the requester of the approved cycle and the risk managers: they decide what to ask for. */
  private async evidence(today: string, horizon: string): Promise<MailContent[]> {
    const ageLimits = (await this.db.query(AGE_LIMITS)).map((row: { months: number }) => row.months);
    const rows: EvidenceRow[] = await this.db.query(
      `WITH ${currentEvidence('$1::date', '$2::date', ageLimits)}
       SELECT ce.id, ce.original_name, ce.assessment_id, ce.requested_by, ce.expires_on::text AS expires_on, s.name AS system_name
       FROM current_evidence ce JOIN ai_systems s ON s.id = ce.ai_system_id
       WHERE ce.expires_on BETWEEN $1::date AND $2::date`,
      [addDays(today, -EXPIRED_NOTICE_CATCH_UP_DAYS), horizon],
    );
    if (rows.length === 0) return [];
    const [requesters, riskManagers] = await Promise.all([this.outbox.users(rows.map((row) => row.requested_by)), this.outbox.riskManagers()]);
    return rows.flatMap((row) => {
      const facts = { id: row.id, title: row.original_name, systemName: row.system_name, dueDate: row.expires_on, expiresOn: row.expires_on, url: this.outbox.url(`assessments/${row.assessment_id}`) };
      const expired = expiryOn(row.expires_on, today) === 'expired';
      return everyone([requesters.get(row.requested_by)], riskManagers).map((recipient) => evidenceMail(recipient, facts, expired));
    });
  }
}
