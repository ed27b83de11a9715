import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TrackedEntity } from '../database/tracked-entity.js';

export enum VendorStatus {
  Active = 'active',
  Offboarded = 'offboarded',
}

@Entity('vendors')
@Index('vendors_legal_name_idx', ['legalName'])
@Index('vendors_created_idx', ['createdAt', 'id'])
export class VendorEntity extends TrackedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Trigram GIN index (in the migration) for substring search. */
  @Index('vendors_legal_name_trgm_idx', { synchronize: false })
  @Column({ name: 'legal_name', type: 'text' })
  legalName: string;

  @Column({ type: 'text', nullable: true })
  website: string | null;

  /** ISO 3166-1 alpha-2 country of incorporation. */
  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'enum', enum: VendorStatus, enumName: 'vendor_status', default: VendorStatus.Active })
  status: VendorStatus;

  /** GIN index (in the migration) for `tags @> ARRAY[...]`. */
  @Index('vendors_tags_idx', { synchronize: false })
  @Column({ type: 'text', array: true, default: '{}' })
  tags: string[];

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
