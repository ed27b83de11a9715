import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AiSystemEntity } from './ai-system.entity.js';

/** Each change of the model version in use: a trigger for reassessment. */
@Entity('ai_system_version_changes')
@Index('ai_system_version_changes_system_idx', ['aiSystemId', 'changedAt'])
export class AiSystemVersionChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'ai_system_id', type: 'uuid' })
  aiSystemId: string;

  @ManyToOne(() => AiSystemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ai_system_id' })
  aiSystem?: Relation<AiSystemEntity>;

  @Column({ name: 'from_version', type: 'text' })
  fromVersion: string;

  @Column({ name: 'to_version', type: 'text' })
  toVersion: string;

  @Column({ name: 'changed_by', type: 'uuid', nullable: true })
  changedBy: string | null;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}
