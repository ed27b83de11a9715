import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Assessments1795809303039 implements MigrationInterface {
  name = 'Assessments1795809303039';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TYPE "public"."assessment_status" AS ENUM('draft', 'sent', 'in_progress', 'submitted', 'in_review', 'clarification_requested', 'approved', 'approved_with_conditions', 'rejected', 'cancelled')`);
    await runner.query(`CREATE TABLE "assessments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ai_system_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "intake_id" uuid NOT NULL, "cycle" integer NOT NULL, "status" "public"."assessment_status" NOT NULL DEFAULT 'draft', "due_date" date NOT NULL, "inherent_tier" "public"."risk_tier" NOT NULL, "questionnaires" jsonb NOT NULL, "requested_by" uuid NOT NULL, "created_by" uuid, "reviewer_id" uuid, "reopened_question_ids" text array NOT NULL DEFAULT '{}', "cancel_reason" text, "sent_at" TIMESTAMP WITH TIME ZONE, "submitted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_a3442bd80a00e9111cefca57f6c" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "assessments_due_idx" ON "assessments"  ("due_date", "id") `);
    await runner.query(`CREATE INDEX "assessments_vendor_idx" ON "assessments"  ("vendor_id", "status") `);
    await runner.query(`CREATE UNIQUE INDEX "assessments_system_cycle_key" ON "assessments"  ("ai_system_id", "cycle") `);
    await runner.query(`CREATE TABLE "assessment_contacts" ("assessment_id" uuid NOT NULL, "contact_id" uuid NOT NULL, CONSTRAINT "PK_82c885e6d49d7ad68c602ff692d" PRIMARY KEY ("assessment_id", "contact_id"))`);
    await runner.query(`CREATE TABLE "invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assessment_id" uuid NOT NULL, "contact_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "accepted_by" uuid, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"  ("token_hash") `);
    await runner.query(`CREATE INDEX "invitations_assessment_idx" ON "invitations"  ("assessment_id", "contact_id") `);
    await runner.query(`CREATE TABLE "responses" ("assessment_id" uuid NOT NULL, "question_id" text NOT NULL, "value" jsonb, "comment" text, "not_applicable" boolean NOT NULL DEFAULT false, "not_applicable_reason" text, "suggested" boolean NOT NULL DEFAULT false, "answered_by" uuid, "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_3ac4a2592bf72032c1db02bf17a" PRIMARY KEY ("assessment_id", "question_id"))`);
    await runner.query(`CREATE TABLE "evidence" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "assessment_id" uuid NOT NULL, "sha256" character(64) NOT NULL, "size" bigint NOT NULL, "media_type" text NOT NULL, "original_name" text NOT NULL, "storage_key" text NOT NULL, "document_date" date, "expires_at" date, "question_ids" text array NOT NULL DEFAULT '{}', "uploaded_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b864cb5d49854f89917fc0b44b9" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "evidence_sha256_idx" ON "evidence"  ("sha256") `);
    await runner.query(`CREATE INDEX "evidence_assessment_idx" ON "evidence"  ("assessment_id", "created_at") `);
    await runner.query(`ALTER TABLE "assessments" ADD CONSTRAINT "FK_7605949dcfcbc464e69ca8c2f3e" FOREIGN KEY ("ai_system_id") REFERENCES "ai_systems"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "assessments" ADD CONSTRAINT "FK_c3e48dac101c2236f0709a1307d" FOREIGN KEY ("vendor_id") REFERENCES "vendors"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "assessments" ADD CONSTRAINT "FK_81c00a13955928dbe92d38c0a90" FOREIGN KEY ("intake_id") REFERENCES "intakes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "assessment_contacts" ADD CONSTRAINT "FK_a55c114629e58a6a4fa5e4dc89b" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "assessment_contacts" ADD CONSTRAINT "FK_5bfacd1af3c6e87567d4844a1b7" FOREIGN KEY ("contact_id") REFERENCES "vendor_contacts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "invitations" ADD CONSTRAINT "FK_62c234f32e70a96354e3820ad97" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "invitations" ADD CONSTRAINT "FK_b54afe4a8ef5be2e96117a3b190" FOREIGN KEY ("contact_id") REFERENCES "vendor_contacts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "responses" ADD CONSTRAINT "FK_abe40558f6fadb33e286c788f4c" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "evidence" ADD CONSTRAINT "FK_e6a2ff9d867a73929c2e4c89366" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "FK_e6a2ff9d867a73929c2e4c89366"`);
    await runner.query(`ALTER TABLE "responses" DROP CONSTRAINT "FK_abe40558f6fadb33e286c788f4c"`);
    await runner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "FK_b54afe4a8ef5be2e96117a3b190"`);
    await runner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "FK_62c234f32e70a96354e3820ad97"`);
    await runner.query(`ALTER TABLE "assessment_contacts" DROP CONSTRAINT "FK_5bfacd1af3c6e87567d4844a1b7"`);
    await runner.query(`ALTER TABLE "assessment_contacts" DROP CONSTRAINT "FK_a55c114629e58a6a4fa5e4dc89b"`);
    await runner.query(`ALTER TABLE "assessments" DROP CONSTRAINT "FK_81c00a13955928dbe92d38c0a90"`);
    await runner.query(`ALTER TABLE "assessments" DROP CONSTRAINT "FK_c3e48dac101c2236f0709a1307d"`);
    await runner.query(`ALTER TABLE "assessments" DROP CONSTRAINT "FK_7605949dcfcbc464e69ca8c2f3e"`);
    await runner.query(`DROP INDEX "public"."evidence_assessment_idx"`);
    await runner.query(`DROP INDEX "public"."evidence_sha256_idx"`);
    await runner.query(`DROP TABLE "evidence"`);
    await runner.query(`DROP TABLE "responses"`);
    await runner.query(`DROP INDEX "public"."invitations_assessment_idx"`);
    await runner.query(`DROP INDEX "public"."invitations_token_hash_key"`);
    await runner.query(`DROP TABLE "invitations"`);
    await runner.query(`DROP TABLE "assessment_contacts"`);
    await runner.query(`DROP INDEX "public"."assessments_system_cycle_key"`);
    await runner.query(`DROP INDEX "public"."assessments_vendor_idx"`);
    await runner.query(`DROP INDEX "public"."assessments_due_idx"`);
    await runner.query(`DROP TABLE "assessments"`);
    await runner.query(`DROP TYPE "public"."assessment_status"`);
  }
}
