import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A receiver of events: where to POST them, which to send, and the key to sign them with. */
@Entity('webhooks')
@Index('webhooks_created_idx', ['createdAt', 'id'])
export class WebhookEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', array: true })
  events: string[];

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** The signing secret, sealed with WEBHOOK_SECRET_KEY when it is set (see secret-box.ts). */
  @Column({ name: 'secret_sealed', type: 'text' })
  secretSealed: string;

  /** The first characters of the secret, to tell secrets apart without showing them. */
  @Column({ name: 'secret_hint', type: 'text' })
  secretHint: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  /** Deleted webhooks keep their delivery log; nothing more is sent to them. */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
