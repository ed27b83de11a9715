import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Review1795810962217 implements MigrationInterface {
  name = 'Review1795810962217';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "clarifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assessment_id" uuid NOT NULL, "question_ids" text array NOT NULL, "message" text NOT NULL, "requested_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "answered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_13bbcd97792a5c1663fcd28136f" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "clarifications_assessment_idx" ON "clarifications"  ("assessment_id", "created_at") `);
    await runner.query(`CREATE TYPE "public"."decision_outcome" AS ENUM('approved', 'approved_with_conditions', 'rejected')`);
    await runner.query(`CREATE TYPE "public"."decision_status" AS ENUM('pending_confirmation', 'final')`);
    await runner.query(`CREATE TABLE "decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assessment_id" uuid NOT NULL, "outcome" "public"."decision_outcome" NOT NULL, "status" "public"."decision_status" NOT NULL, "rationale" text NOT NULL, "proposed_conditions" jsonb NOT NULL DEFAULT '[]', "decided_by" uuid NOT NULL, "confirmed_by" uuid, "residual_risk" "public"."residual_risk" NOT NULL, "control_score" numeric(5,1), "score" jsonb NOT NULL, "valid_until" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finalised_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "REL_39612b7b041f985b1d8bdc96c5" UNIQUE ("assessment_id"), CONSTRAINT "PK_48eee6fa229cd5e43648f6a2ec3" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "decisions_assessment_key" ON "decisions"  ("assessment_id") `);
    await runner.query(`CREATE TYPE "public"."condition_status" AS ENUM('open', 'met', 'waived')`);
    await runner.query(`CREATE TABLE "conditions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "decision_id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "ai_system_id" uuid NOT NULL, "text" text NOT NULL, "due_date" date NOT NULL, "owner_id" uuid, "status" "public"."condition_status" NOT NULL DEFAULT 'open', "resolution_note" text, "evidence_ids" uuid array NOT NULL DEFAULT '{}', "resolved_by" uuid, "resolved_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_3938bdf2933c08ac7af7e0e15e7" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "conditions_ai_system_idx" ON "conditions"  ("ai_system_id") `);
    await runner.query(`CREATE INDEX "conditions_due_idx" ON "conditions"  ("status", "due_date") `);
    await runner.query(`CREATE TYPE "public"."finding_severity" AS ENUM('low', 'medium', 'high', 'critical')`);
    await runner.query(`CREATE TYPE "public"."finding_status" AS ENUM('draft', 'open', 'remediation_planned', 'remediated', 'closed', 'accepted', 'dismissed')`);
    await runner.query(`CREATE TYPE "public"."finding_source" AS ENUM('manual', 'knockout', 'low_score')`);
    await runner.query(`CREATE TABLE "findings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assessment_id" uuid NOT NULL, "ai_system_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "title" text NOT NULL, "description" text NOT NULL DEFAULT '', "severity" "public"."finding_severity" NOT NULL, "status" "public"."finding_status" NOT NULL DEFAULT 'open', "source" "public"."finding_source" NOT NULL DEFAULT 'manual', "question_ids" text array NOT NULL DEFAULT '{}', "owner_id" uuid, "due_date" date, "remediation_plan" text, "retest_result" text, "visible_to_vendor" boolean NOT NULL DEFAULT false, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_ae9807d6293c23c13ff8804d09c" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "findings_vendor_idx" ON "findings"  ("vendor_id", "status") `);
    await runner.query(`CREATE INDEX "findings_status_idx" ON "findings"  ("status", "due_date") `);
    await runner.query(`CREATE INDEX "findings_assessment_idx" ON "findings"  ("assessment_id", "created_at") `);
    await runner.query(`CREATE TABLE "finding_comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "finding_id" uuid NOT NULL, "author_id" uuid, "author_role" text NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3d336e750a4ecc78bbcbcaa6f35" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "finding_comments_finding_idx" ON "finding_comments"  ("finding_id", "created_at") `);
    await runner.query(`CREATE TABLE "risk_acceptances" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "finding_id" uuid NOT NULL, "approver_id" uuid NOT NULL, "rationale" text NOT NULL, "compensating_controls" text, "expires_at" date NOT NULL, "lapsed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b5f06c88d4d259e427fddd80765" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "risk_acceptances_expiry_idx" ON "risk_acceptances"  ("expires_at") `);
    await runner.query(`CREATE INDEX "risk_acceptances_finding_idx" ON "risk_acceptances"  ("finding_id", "created_at") `);
    await runner.query(`CREATE TYPE "public"."report_status" AS ENUM('queued', 'building', 'ready', 'failed')`);
    await runner.query(`CREATE TABLE "reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assessment_id" uuid NOT NULL, "status" "public"."report_status" NOT NULL DEFAULT 'queued', "progress" smallint NOT NULL DEFAULT '0', "error" text, "sha256" character(64), "size" bigint, "page_count" integer, "storage_key" text, "attempts" integer NOT NULL DEFAULT '0', "requested_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d9013193989303580053c0b5ef6" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "reports_assessment_idx" ON "reports"  ("assessment_id", "created_at") `);
    await runner.query(`CREATE TYPE "public"."assessment_trigger" AS ENUM('initial', 'scheduled', 'model_change', 'incident', 'scope_change', 'evidence_expired', 'other')`);
    await runner.query(`ALTER TABLE "assessments" ADD "trigger" "public"."assessment_trigger" NOT NULL DEFAULT 'initial'`);
    await runner.query(`ALTER TABLE "assessments" ADD "trigger_note" text`);
    await runner.query(`ALTER TABLE "assessments" ADD "score" jsonb`);
    await runner.query(`ALTER TABLE "assessments" ADD "review_started_at" TIMESTAMP WITH TIME ZONE`);
    await runner.query(`ALTER TABLE "assessments" ADD "decided_at" TIMESTAMP WITH TIME ZONE`);
    await runner.query(`ALTER TABLE "clarifications" ADD CONSTRAINT "FK_d1c97faeeaf8c12df0311892157" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "decisions" ADD CONSTRAINT "FK_39612b7b041f985b1d8bdc96c50" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "conditions" ADD CONSTRAINT "FK_8d93dca5d8aa18cdcf467af1210" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "findings" ADD CONSTRAINT "FK_9eca3b816756e41c6acfe7ddd14" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "finding_comments" ADD CONSTRAINT "FK_893b447d927a7f80c188529d5e2" FOREIGN KEY ("finding_id") REFERENCES "findings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "risk_acceptances" ADD CONSTRAINT "FK_2400236ca7efab2d227b362f558" FOREIGN KEY ("finding_id") REFERENCES "findings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "reports" ADD CONSTRAINT "FK_aa967d04d1afa1238f474ada2d0" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "reports" DROP CONSTRAINT "FK_aa967d04d1afa1238f474ada2d0"`);
    await runner.query(`ALTER TABLE "risk_acceptances" DROP CONSTRAINT "FK_2400236ca7efab2d227b362f558"`);
    await runner.query(`ALTER TABLE "finding_comments" DROP CONSTRAINT "FK_893b447d927a7f80c188529d5e2"`);
    await runner.query(`ALTER TABLE "findings" DROP CONSTRAINT "FK_9eca3b816756e41c6acfe7ddd14"`);
    await runner.query(`ALTER TABLE "conditions" DROP CONSTRAINT "FK_8d93dca5d8aa18cdcf467af1210"`);
    await runner.query(`ALTER TABLE "decisions" DROP CONSTRAINT "FK_39612b7b041f985b1d8bdc96c50"`);
    await runner.query(`ALTER TABLE "clarifications" DROP CONSTRAINT "FK_d1c97faeeaf8c12df0311892157"`);
    await runner.query(`ALTER TABLE "assessments" DROP COLUMN "decided_at"`);
    await runner.query(`ALTER TABLE "assessments" DROP COLUMN "review_started_at"`);
    await runner.query(`ALTER TABLE "assessments" DROP COLUMN "score"`);
    await runner.query(`ALTER TABLE "assessments" DROP COLUMN "trigger_note"`);
    await runner.query(`ALTER TABLE "assessments" DROP COLUMN "trigger"`);
    await runner.query(`DROP TYPE "public"."assessment_trigger"`);
    await runner.query(`DROP INDEX "public"."reports_assessment_idx"`);
    await runner.query(`DROP TABLE "reports"`);
    await runner.query(`DROP TYPE "public"."report_status"`);
    await runner.query(`DROP INDEX "public"."risk_acceptances_finding_idx"`);
    await runner.query(`DROP INDEX "public"."risk_acceptances_expiry_idx"`);
    await runner.query(`DROP TABLE "risk_acceptances"`);
    await runner.query(`DROP INDEX "public"."finding_comments_finding_idx"`);
    await runner.query(`DROP TABLE "finding_comments"`);
    await runner.query(`DROP INDEX "public"."findings_assessment_idx"`);
    await runner.query(`DROP INDEX "public"."findings_status_idx"`);
    await runner.query(`DROP INDEX "public"."findings_vendor_idx"`);
    await runner.query(`DROP TABLE "findings"`);
    await runner.query(`DROP TYPE "public"."finding_source"`);
    await runner.query(`DROP TYPE "public"."finding_status"`);
    await runner.query(`DROP TYPE "public"."finding_severity"`);
    await runner.query(`DROP INDEX "public"."conditions_due_idx"`);
    await runner.query(`DROP INDEX "public"."conditions_ai_system_idx"`);
    await runner.query(`DROP TABLE "conditions"`);
    await runner.query(`DROP TYPE "public"."condition_status"`);
    await runner.query(`DROP INDEX "public"."decisions_assessment_key"`);
    await runner.query(`DROP TABLE "decisions"`);
    await runner.query(`DROP TYPE "public"."decision_status"`);
    await runner.query(`DROP TYPE "public"."decision_outcome"`);
    await runner.query(`DROP INDEX "public"."clarifications_assessment_idx"`);
    await runner.query(`DROP TABLE "clarifications"`);
  }
}
