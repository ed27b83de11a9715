import { CreateDateColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Creation and change times, and the version that ETags and optimistic locking read. */
export abstract class TrackedEntity {
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
