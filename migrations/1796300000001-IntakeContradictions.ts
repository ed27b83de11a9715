import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Draft findings for vendor answers that contradict the intake. */
export class IntakeContradictions1796300000001 implements MigrationInterface {
  name = 'IntakeContradictions1796300000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TYPE "public"."finding_source" ADD VALUE IF NOT EXISTS 'inconsistent_with_intake'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`UPDATE "findings" SET "source" = 'manual' WHERE "source" = 'inconsistent_with_intake'`);
    await runner.query(`ALTER TYPE "public"."finding_source" RENAME TO "finding_source_old"`);
    await runner.query(`CREATE TYPE "public"."finding_source" AS ENUM('manual', 'knockout', 'low_score')`);
    await runner.query(`ALTER TABLE "findings" ALTER COLUMN "source" DROP DEFAULT`);
    await runner.query(`ALTER TABLE "findings" ALTER COLUMN "source" TYPE "public"."finding_source" USING "source"::text::"public"."finding_source"`);
    await runner.query(`ALTER TABLE "findings" ALTER COLUMN "source" SET DEFAULT 'manual'`);
    await runner.query(`DROP TYPE "public"."finding_source_old"`);
  }
}
