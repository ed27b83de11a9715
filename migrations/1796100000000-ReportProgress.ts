import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportProgress1796100000000 implements MigrationInterface {
  name = 'ReportProgress1796100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "reports" ADD "progressed_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "reports" DROP COLUMN "progressed_at"`);
  }
}
