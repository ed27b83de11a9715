import { Injectable } from '@nestjs/common';
import { DataSource, MoreThan } from 'typeorm';
import { chainStart, verifyChain, type ChainCursor } from '../domain/audit-chain.js';
import { keysetPage, type Page } from '../common/pagination.js';
import { AuditChainHeadEntity } from './audit-chain-head.entity.js';
import { AuditEventEntity } from './audit-event.entity.js';
import type { AuditEventQuery, ChainVerification } from './dto/audit.dto.js';

const VERIFY_BATCH = 2000;

@Injectable()
export class AuditService {
  constructor(private readonly db: DataSource) {}

  list(query: AuditEventQuery): Promise<Page<AuditEventEntity>> {
    const qb = this.db.getRepository(AuditEventEntity).createQueryBuilder('e');
    if (query.entityType) qb.andWhere('e.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.actor) qb.andWhere('e.actor_id = :actor', { actor: query.actor });
    if (query.from) qb.andWhere('e.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.occurred_at < :to', { to: query.to });
    // Newest first; seq is unique, so it is both the sort key and the tie-breaker.
    return keysetPage(qb, { sortColumn: 'e.seq', idColumn: 'e.seq', descending: true, position: (e) => ({ at: e.seq, id: e.seq }) }, query);
  }

  /** Walks the whole chain in batches and checks it ends where the head says it does. */
  async verify(): Promise<ChainVerification> {
    const events = this.db.getRepository(AuditEventEntity);
    let cursor: ChainCursor = chainStart();
    for (;;) {
      const batch = await events.find({ where: { seq: MoreThan((cursor.nextSeq - 1n).toString()) }, order: { seq: 'ASC' }, take: VERIFY_BATCH });
      const result = verifyChain(batch, cursor);
      if (!result.ok) return { valid: false, checked: result.checked, firstBrokenId: result.brokenSeq };
      cursor = result.cursor;
      if (batch.length < VERIFY_BATCH) break;
    }
    const head = await this.db.getRepository(AuditChainHeadEntity).findOneBy({ id: 1 });
    const headSeq = BigInt(head?.seq ?? '0');
    if (headSeq !== cursor.nextSeq - 1n || (head && head.hash !== cursor.prevHash)) {
      // The newest events are missing (or the head was tampered with): the break is right after the last good one.
      return { valid: false, checked: cursor.checked, firstBrokenId: (cursor.nextSeq).toString() };
    }
    return { valid: true, checked: cursor.checked };
  }
}
