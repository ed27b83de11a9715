import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Evidence a vendor attaches to a remediation item after its assessment is locked. */
export class FindingEvidence1796700000000 implements MigrationInterface {
  name = 'FindingEvidence1796700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "evidence" ADD "finding_id" uuid`);
    await runner.query(`CREATE INDEX "evidence_finding_idx" ON "evidence" ("finding_id") `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "public"."evidence_finding_idx"`);
    await runner.query(`ALTER TABLE "evidence" DROP COLUMN "finding_id"`);
  }
}
