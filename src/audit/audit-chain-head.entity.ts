import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last link of the audit chain. Appending locks this one row, which serialises writers,
 * and verification compares against it, so deleting the newest events is detected too.
 */
@Entity('audit_chain_head')
export class AuditChainHeadEntity {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
