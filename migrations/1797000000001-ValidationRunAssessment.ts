import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A validation run may be done for one assessment of its AI system; its findings go there. */
export class ValidationRunAssessment1797000000001 implements MigrationInterface {
  name = 'ValidationRunAssessment1797000000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "validation_runs" ADD "assessment_id" uuid`);
    await runner.query(`ALTER TABLE "validation_runs" ADD CONSTRAINT "FK_12e880a85704008f7261af8d89e" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "validation_runs" DROP CONSTRAINT "FK_12e880a85704008f7261af8d89e"`);
    await runner.query(`ALTER TABLE "validation_runs" DROP COLUMN "assessment_id"`);
  }
}
