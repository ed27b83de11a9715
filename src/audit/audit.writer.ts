import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { chainHash, GENESIS_HASH } from '../domain/audit-chain.js';
import type { Actor } from '../common/actor.js';
import { AuditChainHeadEntity } from './audit-chain-head.entity.js';
import { AuditEventEntity } from './audit-event.entity.js';
import type { Changes } from './changes.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  changes?: Changes;
}

/** Appends events to the hash chain inside the caller's transaction. */
@Injectable()
export class AuditWriter {
  async append(manager: EntityManager, actor: Actor, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const head = await manager
      .getRepository(AuditChainHeadEntity)
      .createQueryBuilder('h')
      .where('h.id = 1')
      .setLock('pessimistic_write')
      .getOne();
    let seq = BigInt(head?.seq ?? '0');
    let prevHash = head?.hash ?? GENESIS_HASH;
    const occurredAt = new Date();
    const events = entries.map((entry) => {
      seq += 1n;
      const event = {
        seq: seq.toString(),
        occurredAt,
        actorId: actor.userId,
        actorRole: actor.role,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        changes: entry.changes ?? {},
        requestId: actor.requestId,
      };
      const hash = chainHash(prevHash, event);
      const stored = manager.create(AuditEventEntity, { ...event, prevHash, hash });
      prevHash = hash;
      return stored;
    });
    await manager.insert(AuditEventEntity, events as QueryDeepPartialEntity<AuditEventEntity>[]);
    await manager.upsert(AuditChainHeadEntity, { id: 1, seq: seq.toString(), hash: prevHash }, ['id']);
  }
}
