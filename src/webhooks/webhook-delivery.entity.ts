import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { WebhookEventEntity } from './webhook-event.entity.js';
import { WebhookEntity } from './webhook.entity.js';

export enum DeliveryStatus {
  Pending = 'pending',
  Delivering = 'delivering',
  Succeeded = 'succeeded',
  Failed = 'failed',
}

/** One event for one webhook. Its id is the `webhook-id` header: the same on every retry and redelivery. */
@Entity('webhook_deliveries')
@Unique('webhook_deliveries_once', ['webhookId', 'eventId'])
@Index('webhook_deliveries_webhook_idx', ['webhookId', 'createdAt', 'id'])
@Index('webhook_deliveries_open_idx', ['status', 'nextAttemptAt'], { where: `status IN ('pending', 'delivering')` })
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'webhook_id', type: 'uuid' })
  webhookId: string;

  @ManyToOne(() => WebhookEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'webhook_id' })
  webhook?: Relation<WebhookEntity>;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @ManyToOne(() => WebhookEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: Relation<WebhookEventEntity>;

  @Column({ type: 'enum', enum: DeliveryStatus, enumName: 'webhook_delivery_status', default: DeliveryStatus.Pending })
  status: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Redeliveries asked for; part of each job id so a redelivery is a new job. */
  @Column({ type: 'integer', default: 0 })
  round: number;

  @Column({ name: 'last_status_code', type: 'integer', nullable: true })
  lastStatusCode: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  /** When the retry window began: the first attempt, or the latest redelivery. */
  @Column({ name: 'window_started_at', type: 'timestamptz', default: () => 'now()' })
  windowStartedAt: Date;

  @Column({ name: 'attempted_at', type: 'timestamptz', nullable: true })
  attemptedAt: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
