import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795808618808 implements MigrationInterface {
  name = 'Foundation1795808618808';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "audit_chain_head" ("id" smallint NOT NULL, "seq" bigint NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_9211408bf584034de409b1bbec5" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE TABLE "audit_events" ("seq" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "actor_role" text, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text NOT NULL, "changes" jsonb NOT NULL, "request_id" text, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_6e299f5706e715265416fefe53e" PRIMARY KEY ("seq"))`);
    await runner.query(`CREATE INDEX "audit_events_occurred_idx" ON "audit_events"  ("occurred_at") `);
    await runner.query(`CREATE INDEX "audit_events_actor_idx" ON "audit_events"  ("actor_id", "seq") `);
    await runner.query(`CREATE INDEX "audit_events_entity_idx" ON "audit_events"  ("entity_type", "entity_id", "seq") `);
    await runner.query(`CREATE TYPE "public"."user_role" AS ENUM('admin', 'procurement', 'risk_manager', 'auditor', 'vendor')`);
    await runner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "name" text NOT NULL, "role" "public"."user_role" NOT NULL, "vendor_id" uuid, "password_hash" text, "disabled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "users_email_key" ON "users"  ("email") `);
    await runner.query(`CREATE TYPE "public"."token_kind" AS ENUM('session', 'api_key')`);
    await runner.query(`CREATE TABLE "api_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."token_kind" NOT NULL, "name" text, "token_hash" character(64) NOT NULL, "token_hint" text NOT NULL, "user_id" uuid NOT NULL, "created_by" uuid, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c587455266b5fa8dace7194caac" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "api_tokens_hash_key" ON "api_tokens"  ("token_hash") `);
    await runner.query(`CREATE INDEX "api_tokens_user_idx" ON "api_tokens"  ("user_id") `);
    await runner.query(`CREATE TABLE "idempotency_keys" ("owner_id" uuid NOT NULL, "key" text NOT NULL, "route" text NOT NULL, "request_hash" character(64) NOT NULL, "status_code" smallint, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_927e4a7018cbe5a6068f7f259f8" PRIMARY KEY ("owner_id", "key"))`);
    await runner.query(`CREATE TYPE "public"."notification_status" AS ENUM('pending', 'sending', 'sent', 'failed', 'unconfirmed')`);
    await runner.query(`CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "recipient" text NOT NULL, "dedupe_key" text NOT NULL, "subject" text NOT NULL, "text_body" text NOT NULL, "html_body" text NOT NULL, "status" "public"."notification_status" NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "message_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "notifications_dedupe_key" ON "notifications"  ("dedupe_key") `);
    await runner.query(`CREATE INDEX "notifications_status_idx" ON "notifications"  ("status") `);
    await runner.query(`CREATE TABLE "outbox" ("id" BIGSERIAL NOT NULL, "queue" text NOT NULL, "job_name" text NOT NULL, "job_id" text NOT NULL, "payload" jsonb NOT NULL, "delay_ms" integer NOT NULL DEFAULT '0', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "enqueued_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "outbox_pending_idx" ON "outbox"  ("id") WHERE enqueued_at IS NULL`);
    await runner.query(`ALTER TABLE "api_tokens" ADD CONSTRAINT "FK_b74883f5884a42fd8496d389b25" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "api_tokens" DROP CONSTRAINT "FK_b74883f5884a42fd8496d389b25"`);
    await runner.query(`DROP INDEX "public"."outbox_pending_idx"`);
    await runner.query(`DROP TABLE "outbox"`);
    await runner.query(`DROP INDEX "public"."notifications_status_idx"`);
    await runner.query(`DROP INDEX "public"."notifications_dedupe_key"`);
    await runner.query(`DROP TABLE "notifications"`);
    await runner.query(`DROP TYPE "public"."notification_status"`);
    await runner.query(`DROP TABLE "idempotency_keys"`);
    await runner.query(`DROP INDEX "public"."api_tokens_user_idx"`);
    await runner.query(`DROP INDEX "public"."api_tokens_hash_key"`);
    await runner.query(`DROP TABLE "api_tokens"`);
    await runner.query(`DROP TYPE "public"."token_kind"`);
    await runner.query(`DROP INDEX "public"."users_email_key"`);
    await runner.query(`DROP TABLE "users"`);
    await runner.query(`DROP TYPE "public"."user_role"`);
    await runner.query(`DROP INDEX "public"."audit_events_entity_idx"`);
    await runner.query(`DROP INDEX "public"."audit_events_actor_idx"`);
    await runner.query(`DROP INDEX "public"."audit_events_occurred_idx"`);
    await runner.query(`DROP TABLE "audit_events"`);
    await runner.query(`DROP TABLE "audit_chain_head"`);
  }
}
