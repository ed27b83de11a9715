import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A creating POST that carried an Idempotency-Key, and the response it got. */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  /** The caller (user id) and the key, so two callers can use the same key. */
  @PrimaryColumn({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  route: string;

  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  /** Null while the first request is still running. */
  @Column({ name: 'status_code', type: 'smallint', nullable: true })
  statusCode: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
