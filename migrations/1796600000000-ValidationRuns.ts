import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ValidationRuns1796600000000 implements MigrationInterface {
  name = 'ValidationRuns1796600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TYPE "public"."validation_kind" AS ENUM('classification', 'generative_eval')`);
    await runner.query(`CREATE TYPE "public"."validation_status" AS ENUM('queued', 'running', 'done', 'failed')`);
    await runner.query(`CREATE TABLE "validation_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ai_system_id" uuid NOT NULL, "kind" "public"."validation_kind" NOT NULL, "status" "public"."validation_status" NOT NULL DEFAULT 'queued', "progress" smallint NOT NULL DEFAULT '0', "error" text, "mapping" jsonb NOT NULL, "input_sha256" character(64) NOT NULL, "input_size" bigint NOT NULL, "input_name" text NOT NULL, "input_deleted_at" TIMESTAMP WITH TIME ZONE, "results" jsonb, "results_sha256" character(64), "finding_ids" uuid array NOT NULL DEFAULT '{}', "attempts" integer NOT NULL DEFAULT '0', "requested_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_9ba1a734aa58ba6919e1e538153" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "validation_runs_retention_idx" ON "validation_runs"  ("input_deleted_at", "created_at") `);
    await runner.query(`CREATE INDEX "validation_runs_ai_system_idx" ON "validation_runs"  ("ai_system_id", "created_at") `);
    await runner.query(`ALTER TYPE "public"."finding_source" ADD VALUE 'validation'`);
    await runner.query(`ALTER TABLE "validation_runs" ADD CONSTRAINT "FK_2ca8a32385d1f3e5a8276913ff3" FOREIGN KEY ("ai_system_id") REFERENCES "ai_systems"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "validation_runs" DROP CONSTRAINT "FK_2ca8a32385d1f3e5a8276913ff3"`);
    await runner.query(`CREATE TYPE "public"."finding_source_old" AS ENUM('manual', 'knockout', 'low_score', 'inconsistent_with_intake')`);
    await runner.query(`DELETE FROM "findings" WHERE "source" = 'validation'`);
    await runner.query(`ALTER TABLE "findings" ALTER COLUMN "source" DROP DEFAULT`);
    await runner.query(`ALTER TABLE "findings" ALTER COLUMN "source" TYPE "public"."finding_source_old" USING "source"::"text"::"public"."finding_source_old"`);
    await runner.query(`ALTER TABLE "findings" ALTER COLUMN "source" SET DEFAULT 'manual'`);
    await runner.query(`DROP TYPE "public"."finding_source"`);
    await runner.query(`ALTER TYPE "public"."finding_source_old" RENAME TO "finding_source"`);
    await runner.query(`DROP INDEX "public"."validation_runs_ai_system_idx"`);
    await runner.query(`DROP INDEX "public"."validation_runs_retention_idx"`);
    await runner.query(`DROP TABLE "validation_runs"`);
    await runner.query(`DROP TYPE "public"."validation_status"`);
    await runner.query(`DROP TYPE "public"."validation_kind"`);
  }
}
