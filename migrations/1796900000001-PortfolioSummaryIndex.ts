import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every column the portfolio summary groups by, so it counts from the index and not the table. */
export class PortfolioSummaryIndex1796900000001 implements MigrationInterface {
  name = 'PortfolioSummaryIndex1796900000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX "ai_systems_portfolio_idx" ON "ai_systems" ("inherent_tier", "eu_ai_act_category", "approval_status", "approval_valid_until")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "public"."ai_systems_portfolio_idx"`);
  }
}
