import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Monitoring plans, submissions and readings, vendor incidents, and the finding sources and reassessment trigger they add. */
export class Monitoring1797200000000 implements MigrationInterface {
  name = 'Monitoring1797200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TYPE "public"."incident_type" AS ENUM('model_failure', 'security_breach', 'personal_data_breach', 'unplanned_model_change', 'outage', 'harmful_output', 'regulatory_inquiry')`);
    await runner.query(`CREATE TYPE "public"."incident_severity" AS ENUM('low', 'medium', 'high', 'critical')`);
    await runner.query(`CREATE TYPE "public"."serious_incident_kind" AS ENUM('standard', 'widespread_or_critical_infrastructure', 'death')`);
    await runner.query(`CREATE TABLE "incidents" ("created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "ai_system_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "type" "public"."incident_type" NOT NULL, "severity" "public"."incident_severity" NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE, "detected_at" TIMESTAMP WITH TIME ZONE NOT NULL, "description" text NOT NULL, "evidence" text array NOT NULL DEFAULT '{}', "reported_by" uuid, "reported_by_vendor" boolean NOT NULL DEFAULT false, "major_ict" boolean NOT NULL DEFAULT false, "serious_incident" "public"."serious_incident_kind", "personal_data_breach" boolean NOT NULL DEFAULT false, "aware_at" TIMESTAMP WITH TIME ZONE, "classified_at" TIMESTAMP WITH TIME ZONE, "classified_by" uuid, "deadlines" jsonb NOT NULL DEFAULT '[]', "notifications_made" jsonb NOT NULL DEFAULT '[]', "finding_id" uuid, "reassessment_requested" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_ccb34c01719889017e2246469f9" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "incidents_vendor_idx" ON "incidents"  ("vendor_id", "created_at") `);
    await runner.query(`CREATE INDEX "incidents_system_idx" ON "incidents"  ("ai_system_id", "created_at") `);
    await runner.query(`CREATE TYPE "public"."monitoring_plan_status" AS ENUM('proposed', 'active', 'superseded', 'withdrawn')`);
    await runner.query(`CREATE TABLE "monitoring_plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ai_system_id" uuid NOT NULL, "version" integer NOT NULL, "status" "public"."monitoring_plan_status" NOT NULL DEFAULT 'proposed', "metrics" jsonb NOT NULL, "submission_window_days" integer NOT NULL, "authored_by" uuid, "approved_by" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, "active_from" date, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1e9a28bee7022e240a0f3e9b1f7" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "monitoring_plans_system_version_idx" ON "monitoring_plans"  ("ai_system_id", "version") `);
    await runner.query(`CREATE TYPE "public"."monitoring_metric_source" AS ENUM('vendor', 'sample', 'staff')`);
    await runner.query(`CREATE TABLE "monitoring_submissions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ai_system_id" uuid NOT NULL, "plan_id" uuid NOT NULL, "period" text NOT NULL, "source" "public"."monitoring_metric_source" NOT NULL, "validation_run_id" uuid, "submitted_by" uuid, "finding_ids" uuid array NOT NULL DEFAULT '{}', "reassessment_requested" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_810b994685febe2828b83d51059" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "monitoring_submissions_system_idx" ON "monitoring_submissions"  ("ai_system_id", "created_at") `);
    await runner.query(`CREATE TYPE "public"."monitoring_cadence" AS ENUM('monthly', 'quarterly', 'semi_annual', 'annual')`);
    await runner.query(`CREATE TYPE "public"."monitoring_rating" AS ENUM('green', 'amber', 'red')`);
    await runner.query(`CREATE TYPE "public"."monitoring_direction" AS ENUM('higher_is_better', 'lower_is_better')`);
    await runner.query(`CREATE TABLE "monitoring_readings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "submission_id" uuid NOT NULL, "ai_system_id" uuid NOT NULL, "plan_version" integer NOT NULL, "metric_key" text NOT NULL, "period" text NOT NULL, "cadence" "public"."monitoring_cadence" NOT NULL, "period_end" date NOT NULL, "value" double precision NOT NULL, "rating" "public"."monitoring_rating" NOT NULL, "direction" "public"."monitoring_direction" NOT NULL, "thresholds" jsonb NOT NULL, "reasoning" text NOT NULL, "actions" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c36baa82a7f1fe820b53caca8b6" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "monitoring_readings_series_idx" ON "monitoring_readings"  ("ai_system_id", "metric_key", "period_end") `);
    await runner.query(`CREATE UNIQUE INDEX "monitoring_readings_metric_period_idx" ON "monitoring_readings"  ("ai_system_id", "metric_key", "period") `);
    await runner.query(`ALTER TYPE "public"."assessment_trigger" ADD VALUE 'monitoring_red'`);
    await runner.query(`ALTER TYPE "public"."finding_source" ADD VALUE 'monitoring'`);
    await runner.query(`ALTER TYPE "public"."finding_source" ADD VALUE 'incident'`);
    await runner.query(`ALTER TABLE "incidents" ADD CONSTRAINT "FK_7e6fd69f05d2f65352a7a4c8727" FOREIGN KEY ("ai_system_id") REFERENCES "ai_systems"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "monitoring_plans" ADD CONSTRAINT "FK_a55bd3e1bb4de1c20898455257e" FOREIGN KEY ("ai_system_id") REFERENCES "ai_systems"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "monitoring_submissions" ADD CONSTRAINT "FK_f28eba7cb7830698fa248a20c0e" FOREIGN KEY ("ai_system_id") REFERENCES "ai_systems"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "monitoring_submissions" ADD CONSTRAINT "FK_d793ee27ec5a1e0233f40111d83" FOREIGN KEY ("plan_id") REFERENCES "monitoring_plans"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "monitoring_readings" ADD CONSTRAINT "FK_d1c400cce2ff57f906b1e774100" FOREIGN KEY ("submission_id") REFERENCES "monitoring_submissions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "monitoring_readings" DROP CONSTRAINT "FK_d1c400cce2ff57f906b1e774100"`);
    await runner.query(`ALTER TABLE "monitoring_submissions" DROP CONSTRAINT "FK_d793ee27ec5a1e0233f40111d83"`);
    await runner.query(`ALTER TABLE "monitoring_submissions" DROP CONSTRAINT "FK_f28eba7cb7830698fa248a20c0e"`);
    await runner.query(`ALTER TABLE "monitoring_plans" DROP CONSTRAINT "FK_a55bd3e1bb4de1c20898455257e"`);
    await runner.query(`ALTER TABLE "incidents" DROP CONSTRAINT "FK_7e6fd69f05d2f65352a7a4c8727"`);
    await runner.query(`DELETE FROM "findings" WHERE "source" IN ('monitoring', 'incident')`);
    await runner.query(`CREATE TYPE "public"."finding_source_old" AS ENUM('manual', 'knockout', 'low_score', 'inconsistent_with_intake', 'validation')`);
    await runner.query(`ALTER TABLE "findings" ALTER COLUMN "source" DROP DEFAULT`);
    await runner.query(`ALTER TABLE "findings" ALTER COLUMN "source" TYPE "public"."finding_source_old" USING "source"::"text"::"public"."finding_source_old"`);
    await runner.query(`ALTER TABLE "findings" ALTER COLUMN "source" SET DEFAULT 'manual'`);
    await runner.query(`DROP TYPE "public"."finding_source"`);
    await runner.query(`ALTER TYPE "public"."finding_source_old" RENAME TO "finding_source"`);
    await runner.query(`UPDATE "assessments" SET "trigger" = 'other' WHERE "trigger" = 'monitoring_red'`);
    await runner.query(`CREATE TYPE "public"."assessment_trigger_old" AS ENUM('initial', 'scheduled', 'model_change', 'incident', 'scope_change', 'evidence_expired', 'other')`);
    await runner.query(`ALTER TABLE "assessments" ALTER COLUMN "trigger" DROP DEFAULT`);
    await runner.query(`ALTER TABLE "assessments" ALTER COLUMN "trigger" TYPE "public"."assessment_trigger_old" USING "trigger"::"text"::"public"."assessment_trigger_old"`);
    await runner.query(`ALTER TABLE "assessments" ALTER COLUMN "trigger" SET DEFAULT 'initial'`);
    await runner.query(`DROP TYPE "public"."assessment_trigger"`);
    await runner.query(`ALTER TYPE "public"."assessment_trigger_old" RENAME TO "assessment_trigger"`);
    await runner.query(`DROP TABLE "monitoring_readings"`);
    await runner.query(`DROP TYPE "public"."monitoring_direction"`);
    await runner.query(`DROP TYPE "public"."monitoring_rating"`);
    await runner.query(`DROP TYPE "public"."monitoring_cadence"`);
    await runner.query(`DROP TABLE "monitoring_submissions"`);
    await runner.query(`DROP TYPE "public"."monitoring_metric_source"`);
    await runner.query(`DROP TABLE "monitoring_plans"`);
    await runner.query(`DROP TYPE "public"."monitoring_plan_status"`);
    await runner.query(`DROP TABLE "incidents"`);
    await runner.query(`DROP TYPE "public"."serious_incident_kind"`);
    await runner.query(`DROP TYPE "public"."incident_severity"`);
    await runner.query(`DROP TYPE "public"."incident_type"`);
  }
}
