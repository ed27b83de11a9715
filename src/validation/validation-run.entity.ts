import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import { AssessmentEntity } from '../assessments/assessment.entity.js';

export const VALIDATION_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ValidationStatus = (typeof VALIDATION_STATUSES)[number];

export const VALIDATION_KINDS = ['classification', 'generative_eval'] as const;
export type ValidationKind = (typeof VALIDATION_KINDS)[number];

/**
 * An independent validation of an AI system on the bank's own sample. The input is kept by its
 * SHA-256; the results are written once, with the findings they opened, and never change.
 */
@Entity('validation_runs')
@Index('validation_runs_ai_system_idx', ['aiSystemId', 'createdAt'])
@Index('validation_runs_retention_idx', ['inputDeletedAt', 'createdAt'])
export class ValidationRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'ai_system_id', type: 'uuid' })
  aiSystemId: string;

  @ManyToOne(() => AiSystemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id' })
  aiSystem?: Relation<AiSystemEntity>;

  /** The assessment the run was done for, when the risk manager named one: its breaches become findings there. */
  @Column({ name: 'assessment_id', type: 'uuid', nullable: true })
  assessmentId: string | null;

  @ManyToOne(() => AssessmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<AssessmentEntity>;

  @Column({ type: 'enum', enum: VALIDATION_KINDS, enumName: 'validation_kind' })
  kind: ValidationKind;

  @Column({ type: 'enum', enum: VALIDATION_STATUSES, enumName: 'validation_status', default: 'queued' })
  status: ValidationStatus;

  /** 0..100 while running. */
  @Column({ type: 'smallint', default: 0 })
  progress: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** The mapping as checked at upload, with its defaults filled in. */
  @Column({ type: 'jsonb' })
  mapping: Record<string, unknown>;

  @Column({ name: 'input_sha256', type: 'char', length: 64 })
  inputSha256: string;

  @Column({ name: 'input_size', type: 'bigint' })
  inputSize: string;

  @Column({ name: 'input_name', type: 'text' })
  inputName: string;

  /** When the retention sweep removed the raw file; the results stay. */
  @Column({ name: 'input_deleted_at', type: 'timestamptz', nullable: true })
  inputDeletedAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  results: Record<string, unknown> | null;

  /** SHA-256 of the results JSON exactly as stored, so a reader can check them byte for byte. */
  @Column({ name: 'results_sha256', type: 'char', length: 64, nullable: true })
  resultsSha256: string | null;

  @Column({ name: 'finding_ids', type: 'uuid', array: true, default: '{}' })
  findingIds: string[];

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
