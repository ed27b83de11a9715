import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SweepRuns1796100000002 implements MigrationInterface {
  name = 'SweepRuns1796100000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "sweep_runs" ("name" text NOT NULL, "expected_since" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_completed_at" TIMESTAMP WITH TIME ZONE, "last_summary" jsonb, CONSTRAINT "PK_1e89c3bfa8e0000faa510f98005" PRIMARY KEY ("name"))`);
    await runner.query(`INSERT INTO "sweep_runs" ("name") VALUES ('sweep')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "sweep_runs"`);
  }
}
