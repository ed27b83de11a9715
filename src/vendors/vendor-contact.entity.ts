import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { VendorEntity } from './vendor.entity.js';

/** A person at the vendor who receives questionnaires; the e-mail is unique within its vendor. */
@Entity('vendor_contacts')
@Index('vendor_contacts_vendor_email_key', ['vendorId', 'email'], { unique: true })
export class VendorContactEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId: string;

  @ManyToOne(() => VendorEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vendor_id' })
  vendor?: Relation<VendorEntity>;

  @Column({ type: 'text' })
  name: string;

  /** Stored lower-cased. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text', nullable: true })
  role: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
