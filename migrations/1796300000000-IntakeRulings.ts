import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Risk managers' rulings on an intake's Article 5 rules, and the sign-off of a lowered tier. */
export class IntakeRulings1796300000000 implements MigrationInterface {
  name = 'IntakeRulings1796300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "intakes" ADD "article5_rulings" jsonb NOT NULL DEFAULT '[]'`);
    await runner.query(`ALTER TABLE "intakes" ADD "tier_sign_off" jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "intakes" DROP COLUMN "tier_sign_off"`);
    await runner.query(`ALTER TABLE "intakes" DROP COLUMN "article5_rulings"`);
  }
}
