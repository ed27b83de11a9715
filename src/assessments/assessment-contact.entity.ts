import { Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { VendorContactEntity } from '../vendors/vendor-contact.entity.js';
import { AssessmentEntity } from './assessment.entity.js';

/** The vendor contacts an assessment is sent to. */
@Entity('assessment_contacts')
export class AssessmentContactEntity {
  @PrimaryColumn({ name: 'assessment_id', type: 'uuid' })
  assessmentId: string;

  @PrimaryColumn({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @ManyToOne(() => AssessmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<AssessmentEntity>;

  @ManyToOne(() => VendorContactEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Relation<VendorContactEntity>;
}
