import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1797300000000 implements MigrationInterface {
  name = 'Webhooks1797300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "webhook_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" text NOT NULL, "dedupe_key" text NOT NULL, "data" jsonb NOT NULL, "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4cba37e6a0acb5e1fc49c34ebfd" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "webhook_events_dedupe_key" ON "webhook_events"  ("dedupe_key") `);
    await runner.query(`CREATE TABLE "webhooks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "url" text NOT NULL, "events" text array NOT NULL, "description" text, "secret_sealed" text NOT NULL, "secret_hint" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_9e8795cfc899ab7bdaa831e8527" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "webhooks_created_idx" ON "webhooks"  ("created_at", "id") `);
    await runner.query(`CREATE TYPE "public"."webhook_delivery_status" AS ENUM('pending', 'delivering', 'succeeded', 'failed')`);
    await runner.query(`CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "webhook_id" uuid NOT NULL, "event_id" uuid NOT NULL, "status" "public"."webhook_delivery_status" NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "round" integer NOT NULL DEFAULT '0', "last_status_code" integer, "last_error" text, "next_attempt_at" TIMESTAMP WITH TIME ZONE, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "attempted_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "webhook_deliveries_once" UNIQUE ("webhook_id", "event_id"), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "webhook_deliveries_open_idx" ON "webhook_deliveries"  ("status", "next_attempt_at") WHERE status IN ('pending', 'delivering')`);
    await runner.query(`CREATE INDEX "webhook_deliveries_webhook_idx" ON "webhook_deliveries"  ("webhook_id", "created_at", "id") `);
    await runner.query(`ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_a0286aeb96db651efd1ae2966f2" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_27d1ee90033bdafe0ffe8f1be6f" FOREIGN KEY ("event_id") REFERENCES "webhook_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_27d1ee90033bdafe0ffe8f1be6f"`);
    await runner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_a0286aeb96db651efd1ae2966f2"`);
    await runner.query(`DROP INDEX "public"."webhook_deliveries_webhook_idx"`);
    await runner.query(`DROP INDEX "public"."webhook_deliveries_open_idx"`);
    await runner.query(`DROP TABLE "webhook_deliveries"`);
    await runner.query(`DROP TYPE "public"."webhook_delivery_status"`);
    await runner.query(`DROP INDEX "public"."webhooks_created_idx"`);
    await runner.query(`DROP TABLE "webhooks"`);
    await runner.query(`DROP INDEX "public"."webhook_events_dedupe_key"`);
    await runner.query(`DROP TABLE "webhook_events"`);
  }
}
