import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Questionnaires1795809565523 implements MigrationInterface {
  name = 'Questionnaires1795809565523';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "questionnaire_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" text NOT NULL, "version" text NOT NULL, "major" integer NOT NULL, "minor" integer NOT NULL, "patch" integer NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "content_hash" character(64) NOT NULL, "template" jsonb NOT NULL, "question_count" integer NOT NULL, "source" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9c479103f1b00bf6755ffd1f3d2" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "questionnaire_versions_latest_idx" ON "questionnaire_versions"  ("key", "major", "minor", "patch") `);
    await runner.query(`CREATE UNIQUE INDEX "questionnaire_versions_key_version_key" ON "questionnaire_versions"  ("key", "version") `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "public"."questionnaire_versions_key_version_key"`);
    await runner.query(`DROP INDEX "public"."questionnaire_versions_latest_idx"`);
    await runner.query(`DROP TABLE "questionnaire_versions"`);
  }
}
