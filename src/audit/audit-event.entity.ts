import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One link of the audit hash chain. `seq` is assigned under an advisory lock so the chain has
 * no gaps; `hash = sha256(prevHash + canonical JSON of the event)` (see domain/audit-chain.ts).
 */
@Entity('audit_events')
@Index('audit_events_entity_idx', ['entityType', 'entityId', 'seq'])
@Index('audit_events_actor_idx', ['actorId', 'seq'])
@Index('audit_events_occurred_idx', ['occurredAt'])
export class AuditEventEntity {
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole: string | null;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId: string;

  /** Changed fields: `{ field: { before, after } }`. Secrets are never recorded. */
  @Column({ type: 'jsonb' })
  changes: Record<string, { before: unknown; after: unknown }>;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
