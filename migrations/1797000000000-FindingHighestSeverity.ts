import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The highest severity a finding ever had, so risk-acceptance authority follows it after the
 * severity is lowered. Findings lowered before this column existed get it from the audit trail.
 */
export class FindingHighestSeverity1797000000000 implements MigrationInterface {
  name = 'FindingHighestSeverity1797000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "findings" ADD "highest_severity" "public"."finding_severity"`);
    await runner.query(
      `UPDATE "findings" f SET "highest_severity" = peak.severity
       FROM (SELECT entity_id, max((changes -> 'severity' ->> 'before')::"public"."finding_severity") AS severity
             FROM "audit_events" WHERE entity_type = 'finding' AND changes -> 'severity' ->> 'before' IS NOT NULL GROUP BY entity_id) peak
       WHERE f.id::text = peak.entity_id AND peak.severity > f.severity`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "findings" DROP COLUMN "highest_severity"`);
  }
}
