import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Procurement1795809106068 implements MigrationInterface {
  name = 'Procurement1795809106068';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TYPE "public"."vendor_status" AS ENUM('active', 'offboarded')`);
    await runner.query(`CREATE TABLE "vendors" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "legal_name" text NOT NULL, "website" text, "country" character(2) NOT NULL, "status" "public"."vendor_status" NOT NULL DEFAULT 'active', "tags" text array NOT NULL DEFAULT '{}', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_9c956c9797edfae5c6ddacc4e6e" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "vendors_legal_name_idx" ON "vendors"  ("legal_name") `);
    await runner.query(`CREATE TYPE "public"."model_type" AS ENUM('predictive', 'generative', 'computer_vision', 'recommender', 'other')`);
    await runner.query(`CREATE TYPE "public"."hosting" AS ENUM('vendor_saas', 'vendor_api', 'self_hosted')`);
    await runner.query(`CREATE TYPE "public"."risk_tier" AS ENUM('low', 'medium', 'high', 'critical')`);
    await runner.query(`CREATE TYPE "public"."eu_ai_act_category" AS ENUM('minimal_risk', 'limited_risk', 'high_risk', 'prohibited')`);
    await runner.query(`CREATE TYPE "public"."approval_status" AS ENUM('not_assessed', 'approved', 'approved_with_conditions', 'rejected')`);
    await runner.query(`CREATE TYPE "public"."residual_risk" AS ENUM('low', 'moderate', 'high', 'severe')`);
    await runner.query(`CREATE TABLE "ai_systems" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "vendor_id" uuid NOT NULL, "name" text NOT NULL, "model_version" text NOT NULL, "model_type" "public"."model_type" NOT NULL, "description" text NOT NULL DEFAULT '', "hosting" "public"."hosting" NOT NULL, "data_regions" text array NOT NULL DEFAULT '{}', "foundation_model_providers" text array NOT NULL DEFAULT '{}', "auto_send" boolean NOT NULL DEFAULT false, "inherent_tier" "public"."risk_tier", "eu_ai_act_category" "public"."eu_ai_act_category", "approval_status" "public"."approval_status" NOT NULL DEFAULT 'not_assessed', "residual_risk" "public"."residual_risk", "approval_conditions" jsonb NOT NULL DEFAULT '[]', "approved_at" TIMESTAMP WITH TIME ZONE, "approval_valid_until" date, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_ca090df9614e1a21cf7fc9c460a" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "ai_systems_valid_until_idx" ON "ai_systems"  ("approval_valid_until") `);
    await runner.query(`CREATE INDEX "ai_systems_vendor_idx" ON "ai_systems"  ("vendor_id") `);
    await runner.query(`CREATE TABLE "ai_system_version_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ai_system_id" uuid NOT NULL, "from_version" text NOT NULL, "to_version" text NOT NULL, "changed_by" uuid, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fef772028bbc557101afeacbf9a" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "ai_system_version_changes_system_idx" ON "ai_system_version_changes"  ("ai_system_id", "changed_at") `);
    await runner.query(`CREATE TABLE "intakes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "ai_system_id" uuid NOT NULL, "use_case" text NOT NULL, "business_owner" text, "answers" jsonb NOT NULL, "form_version" text NOT NULL, "inherent_tier" "public"."risk_tier" NOT NULL, "eu_ai_act_category" "public"."eu_ai_act_category" NOT NULL, "can_proceed" boolean NOT NULL, "reasons" jsonb NOT NULL, "requested_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a90d2ecf82eb04f663a52d34fef" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "intakes_ai_system_idx" ON "intakes"  ("ai_system_id", "created_at") `);
    await runner.query(`CREATE TABLE "vendor_contacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "vendor_id" uuid NOT NULL, "name" text NOT NULL, "email" text NOT NULL, "role" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_be85926efdfccb43c9fe0797799" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "vendor_contacts_vendor_email_key" ON "vendor_contacts"  ("vendor_id", "email") `);
    await runner.query(`ALTER TABLE "ai_systems" ADD CONSTRAINT "FK_daf4e56b8471da1db60d828276a" FOREIGN KEY ("vendor_id") REFERENCES "vendors"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "ai_system_version_changes" ADD CONSTRAINT "FK_31baa1db9f7dd37e6b238fdd483" FOREIGN KEY ("ai_system_id") REFERENCES "ai_systems"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_446d20b999bfabdb39b35160467" FOREIGN KEY ("vendor_id") REFERENCES "vendors"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "intakes" ADD CONSTRAINT "FK_c2083d35dcd1ed3a96582aa99c7" FOREIGN KEY ("ai_system_id") REFERENCES "ai_systems"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "vendor_contacts" ADD CONSTRAINT "FK_73e9815c879d3db8bf5edce7cbc" FOREIGN KEY ("vendor_id") REFERENCES "vendors"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "vendor_contacts" DROP CONSTRAINT "FK_73e9815c879d3db8bf5edce7cbc"`);
    await runner.query(`ALTER TABLE "intakes" DROP CONSTRAINT "FK_c2083d35dcd1ed3a96582aa99c7"`);
    await runner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_446d20b999bfabdb39b35160467"`);
    await runner.query(`ALTER TABLE "ai_system_version_changes" DROP CONSTRAINT "FK_31baa1db9f7dd37e6b238fdd483"`);
    await runner.query(`ALTER TABLE "ai_systems" DROP CONSTRAINT "FK_daf4e56b8471da1db60d828276a"`);
    await runner.query(`DROP INDEX "public"."vendor_contacts_vendor_email_key"`);
    await runner.query(`DROP TABLE "vendor_contacts"`);
    await runner.query(`DROP INDEX "public"."intakes_ai_system_idx"`);
    await runner.query(`DROP TABLE "intakes"`);
    await runner.query(`DROP INDEX "public"."ai_system_version_changes_system_idx"`);
    await runner.query(`DROP TABLE "ai_system_version_changes"`);
    await runner.query(`DROP INDEX "public"."ai_systems_vendor_idx"`);
    await runner.query(`DROP INDEX "public"."ai_systems_valid_until_idx"`);
    await runner.query(`DROP TABLE "ai_systems"`);
    await runner.query(`DROP TYPE "public"."residual_risk"`);
    await runner.query(`DROP TYPE "public"."approval_status"`);
    await runner.query(`DROP TYPE "public"."eu_ai_act_category"`);
    await runner.query(`DROP TYPE "public"."risk_tier"`);
    await runner.query(`DROP TYPE "public"."hosting"`);
    await runner.query(`DROP TYPE "public"."model_type"`);
    await runner.query(`DROP INDEX "public"."vendors_legal_name_idx"`);
    await runner.query(`DROP TABLE "vendors"`);
    await runner.query(`DROP TYPE "public"."vendor_status"`);
  }
}
