import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import { TrackedEntity } from '../database/tracked-entity.js';
import { SERIOUS_INCIDENT_KINDS, type SeriousIncidentKind } from '../domain/monitoring/incident-deadlines.js';

export const INCIDENT_TYPES = ['model_failure', 'security_breach', 'personal_data_breach', 'unplanned_model_change', 'outage', 'harmful_output', 'regulatory_inquiry'] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/** A deadline as stored: instants as ISO strings, so the record reads the same everywhere. */
export interface StoredDeadline {
  regime: string;
  stage: string;
  dueAt: string;
  rule: string;
  notifiedAt: string | null;
}

/** A notification the deployer made to an authority, as recorded by staff. */
export interface NotificationMade {
  regime: string;
  stage: string;
  madeAt: string;
  reference: string | null;
  recordedBy: string | null;
}

/** An incident of a vendor's AI system, reported by the vendor or by staff, with the deployer's reporting clocks. */
@Entity('incidents')
@Index('incidents_system_idx', ['aiSystemId', 'createdAt'])
@Index('incidents_vendor_idx', ['vendorId', 'createdAt'])
export class IncidentEntity extends TrackedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'ai_system_id', type: 'uuid' })
  aiSystemId: string;

  @ManyToOne(() => AiSystemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id' })
  aiSystem?: Relation<AiSystemEntity>;

  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId: string;

  @Column({ type: 'enum', enum: INCIDENT_TYPES, enumName: 'incident_type' })
  type: IncidentType;

  @Column({ type: 'enum', enum: INCIDENT_SEVERITIES, enumName: 'incident_severity' })
  severity: IncidentSeverity;

  @Column({ name: 'occurred_at', type: 'timestamptz', nullable: true })
  occurredAt: Date | null;

  @Column({ name: 'detected_at', type: 'timestamptz' })
  detectedAt: Date;

  @Column({ type: 'text' })
  description: string;

  /** References to what shows it: document names, ticket numbers, links. */
  @Column({ type: 'text', array: true, default: '{}' })
  evidence: string[];

  @Column({ name: 'reported_by', type: 'uuid', nullable: true })
  reportedBy: string | null;

  @Column({ name: 'reported_by_vendor', type: 'boolean', default: false })
  reportedByVendor: boolean;

  @Column({ name: 'major_ict', type: 'boolean', default: false })
  majorIct: boolean;

  @Column({ name: 'serious_incident', type: 'enum', enum: SERIOUS_INCIDENT_KINDS, enumName: 'serious_incident_kind', nullable: true })
  seriousIncident: SeriousIncidentKind | null;

  @Column({ name: 'personal_data_breach', type: 'boolean', default: false })
  personalDataBreach: boolean;

  /** When the deployer became aware; the clocks of all three regimes start here. */
  @Column({ name: 'aware_at', type: 'timestamptz', nullable: true })
  awareAt: Date | null;

  @Column({ name: 'classified_at', type: 'timestamptz', nullable: true })
  classifiedAt: Date | null;

  @Column({ name: 'classified_by', type: 'uuid', nullable: true })
  classifiedBy: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  deadlines: StoredDeadline[];

  @Column({ name: 'notifications_made', type: 'jsonb', default: () => "'[]'" })
  notificationsMade: NotificationMade[];

  @Column({ name: 'finding_id', type: 'uuid', nullable: true })
  findingId: string | null;

  @Column({ name: 'reassessment_requested', type: 'boolean', default: false })
  reassessmentRequested: boolean;
}
