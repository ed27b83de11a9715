import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DecisionControls1796200000000 implements MigrationInterface {
  name = 'DecisionControls1796200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TYPE "public"."decision_step" AS ENUM('proposed', 'confirmed', 'disagreed', 'voided')`);
    await runner.query(`CREATE TABLE "decision_steps" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assessment_id" uuid NOT NULL, "decision_id" uuid NOT NULL, "step" "public"."decision_step" NOT NULL, "outcome" "public"."decision_outcome" NOT NULL, "rationale" text NOT NULL, "actor_id" uuid, "actor_name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d36f96f4ed24e8a436ac7bbde99" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "decision_steps_assessment_idx" ON "decision_steps"  ("assessment_id", "created_at") `);
    await runner.query(`ALTER TABLE "decisions" ADD "confirmation_rationale" text`);
    await runner.query(`ALTER TABLE "decisions" ADD "voided_at" TIMESTAMP WITH TIME ZONE`);
    await runner.query(`ALTER TABLE "conditions" ADD "finding_ids" uuid array NOT NULL DEFAULT '{}'`);
    await runner.query(`ALTER TABLE "conditions" ADD "proposed_by" uuid`);
    await runner.query(`ALTER TABLE "evidence" ADD "condition_id" uuid`);
    await runner.query(`CREATE TYPE "public"."evidence_review_status" AS ENUM('pending', 'accepted', 'rejected')`);
    await runner.query(`ALTER TABLE "evidence" ADD "review_status" "public"."evidence_review_status" NOT NULL DEFAULT 'pending'`);
    await runner.query(`ALTER TABLE "evidence" ADD "review_reason" text`);
    await runner.query(`ALTER TABLE "evidence" ADD "reviewed_by" uuid`);
    await runner.query(`ALTER TABLE "evidence" ADD "reviewed_at" TIMESTAMP WITH TIME ZONE`);
    await runner.query(`ALTER TABLE "findings" ADD "dismissal_reason" text`);
    await runner.query(`ALTER TABLE "risk_acceptances" ADD "required_approvers" smallint NOT NULL DEFAULT '1'`);
    await runner.query(`ALTER TABLE "risk_acceptances" ADD "confirmed_by" uuid`);
    await runner.query(`ALTER TABLE "risk_acceptances" ADD "confirmed_at" TIMESTAMP WITH TIME ZONE`);
    await runner.query(`ALTER TABLE "decisions" DROP CONSTRAINT "FK_39612b7b041f985b1d8bdc96c50"`);
    await runner.query(`ALTER TABLE "decisions" DROP CONSTRAINT "REL_39612b7b041f985b1d8bdc96c5"`);
    await runner.query(`ALTER TYPE "public"."decision_status" ADD VALUE 'void'`);
    // A voided proposal stays on record, so only the decision that stands is unique per assessment.
    await runner.query(`DROP INDEX "public"."decisions_assessment_key"`);
    await runner.query(`CREATE UNIQUE INDEX "decisions_assessment_key" ON "decisions" ("assessment_id") WHERE voided_at IS NULL`);
    await runner.query(`DROP INDEX "public"."conditions_due_idx"`);
    await runner.query(`ALTER TYPE "public"."condition_status" ADD VALUE 'proposed_met'`);
    await runner.query(`CREATE INDEX "conditions_due_idx" ON "conditions"  ("status", "due_date") `);
    await runner.query(`ALTER TABLE "decisions" ADD CONSTRAINT "FK_39612b7b041f985b1d8bdc96c50" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "decisions" DROP CONSTRAINT "FK_39612b7b041f985b1d8bdc96c50"`);
    await runner.query(`DROP INDEX "public"."conditions_due_idx"`);
    await runner.query(`UPDATE "conditions" SET "status" = 'open' WHERE "status" = 'proposed_met'`);
    await runner.query(`CREATE TYPE "public"."condition_status_old" AS ENUM('open', 'met', 'waived')`);
    await runner.query(`ALTER TABLE "conditions" ALTER COLUMN "status" DROP DEFAULT`);
    await runner.query(`ALTER TABLE "conditions" ALTER COLUMN "status" TYPE "public"."condition_status_old" USING "status"::"text"::"public"."condition_status_old"`);
    await runner.query(`DROP TYPE "public"."condition_status"`);
    await runner.query(`ALTER TYPE "public"."condition_status_old" RENAME TO "condition_status"`);
    await runner.query(`ALTER TABLE "conditions" ALTER COLUMN "status" SET DEFAULT 'open'`);
    await runner.query(`CREATE INDEX "conditions_due_idx" ON "conditions"  ("status", "due_date") `);
    await runner.query(`DELETE FROM "decisions" WHERE "voided_at" IS NOT NULL`);
    await runner.query(`DROP INDEX "public"."decisions_assessment_key"`);
    await runner.query(`CREATE UNIQUE INDEX "decisions_assessment_key" ON "decisions"  ("assessment_id") `);
    await runner.query(`CREATE TYPE "public"."decision_status_old" AS ENUM('pending_confirmation', 'final')`);
    await runner.query(`ALTER TABLE "decisions" ALTER COLUMN "status" TYPE "public"."decision_status_old" USING "status"::"text"::"public"."decision_status_old"`);
    await runner.query(`DROP TYPE "public"."decision_status"`);
    await runner.query(`ALTER TYPE "public"."decision_status_old" RENAME TO "decision_status"`);
    await runner.query(`ALTER TABLE "decisions" ADD CONSTRAINT "REL_39612b7b041f985b1d8bdc96c5" UNIQUE ("assessment_id")`);
    await runner.query(`ALTER TABLE "decisions" ADD CONSTRAINT "FK_39612b7b041f985b1d8bdc96c50" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "risk_acceptances" DROP COLUMN "confirmed_at"`);
    await runner.query(`ALTER TABLE "risk_acceptances" DROP COLUMN "confirmed_by"`);
    await runner.query(`ALTER TABLE "risk_acceptances" DROP COLUMN "required_approvers"`);
    await runner.query(`ALTER TABLE "findings" DROP COLUMN "dismissal_reason"`);
    await runner.query(`ALTER TABLE "evidence" DROP COLUMN "reviewed_at"`);
    await runner.query(`ALTER TABLE "evidence" DROP COLUMN "reviewed_by"`);
    await runner.query(`ALTER TABLE "evidence" DROP COLUMN "review_reason"`);
    await runner.query(`ALTER TABLE "evidence" DROP COLUMN "review_status"`);
    await runner.query(`DROP TYPE "public"."evidence_review_status"`);
    await runner.query(`ALTER TABLE "evidence" DROP COLUMN "condition_id"`);
    await runner.query(`ALTER TABLE "conditions" DROP COLUMN "proposed_by"`);
    await runner.query(`ALTER TABLE "conditions" DROP COLUMN "finding_ids"`);
    await runner.query(`ALTER TABLE "decisions" DROP COLUMN "voided_at"`);
    await runner.query(`ALTER TABLE "decisions" DROP COLUMN "confirmation_rationale"`);
    await runner.query(`DROP INDEX "public"."decision_steps_assessment_idx"`);
    await runner.query(`DROP TABLE "decision_steps"`);
    await runner.query(`DROP TYPE "public"."decision_step"`);
  }
}
