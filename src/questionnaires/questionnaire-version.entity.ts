import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { QuestionnaireTemplate, TemplateKind } from '../domain/questionnaire-template.js';

/**
 * One version of a questionnaire template, stored whole and never changed: assessments point at
 * the version they were sent with, so its questions and scoring stay as they were.
 */
@Entity('questionnaire_versions')
@Index('questionnaire_versions_key_version_key', ['key', 'version'], { unique: true })
@Index('questionnaire_versions_latest_idx', ['key', 'major', 'minor', 'patch'])
export class QuestionnaireVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  version: string;

  /** The version's parts, so the latest version is found by the database. */
  @Column({ type: 'integer' })
  major: number;

  @Column({ type: 'integer' })
  minor: number;

  @Column({ type: 'integer' })
  patch: number;

  @Column({ type: 'text' })
  kind: TemplateKind;

  @Column({ type: 'text' })
  title: string;

  /** SHA-256 of the template's canonical JSON. */
  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash: string;

  @Column({ type: 'jsonb' })
  template: QuestionnaireTemplate;

  @Column({ name: 'question_count', type: 'integer' })
  questionCount: number;

  /** Where it came from: `file:<name>` for a shipped template, `import` for one sent to the API. */
  @Column({ type: 'text' })
  source: string;

  /** The user who imported it; null for shipped templates. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
