import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationAttempts1796100000001 implements MigrationInterface {
  name = 'NotificationAttempts1796100000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "notifications" ADD "attempted_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "notifications" DROP COLUMN "attempted_at"`);
  }
}
