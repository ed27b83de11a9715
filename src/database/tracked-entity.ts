import { CreateDateColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Creation and change times, and the version that ETags and optimistic locking read. */
export abstract class TrackedEntity {
  // Milliseconds, as a JavaScript Date and a page cursor carry them: keyset order reads the plain column.
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
