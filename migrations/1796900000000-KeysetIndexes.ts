import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose lists page by creation time: their `created_at` is kept at the millisecond a cursor carries. */
const PAGED_BY_CREATION = ['vendors', 'users', 'ai_systems', 'assessments', 'findings', 'conditions', 'api_tokens', 'intakes', 'notifications', 'validation_runs'];

/** The index behind each list's order (and its leading filter), so no page reads the whole table. */
const LIST_INDEXES: [name: string, table: string, columns: string][] = [
  ['vendors_created_idx', 'vendors', '"created_at", "id"'],
  ['ai_systems_created_idx', 'ai_systems', '"created_at", "id"'],
  ['ai_systems_vendor_created_idx', 'ai_systems', '"vendor_id", "created_at", "id"'],
  ['users_created_idx', 'users', '"created_at", "id"'],
  ['api_tokens_kind_created_idx', 'api_tokens', '"kind", "created_at", "id"'],
  ['intakes_created_idx', 'intakes', '"created_at", "id"'],
  ['findings_created_idx', 'findings', '"created_at", "id"'],
  ['findings_vendor_created_idx', 'findings', '"vendor_id", "created_at", "id"'],
  ['notifications_created_idx', 'notifications', '"created_at", "id"'],
];

/** Substring search and array containment: trigram and GIN indexes. */
const SEARCH_INDEXES: [name: string, table: string, expression: string][] = [
  ['vendors_legal_name_trgm_idx', 'vendors', '"legal_name" gin_trgm_ops'],
  ['vendors_tags_idx', 'vendors', '"tags"'],
  ['ai_systems_name_trgm_idx', 'ai_systems', '"name" gin_trgm_ops'],
];

export class KeysetIndexes1796900000000 implements MigrationInterface {
  name = 'KeysetIndexes1796900000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const table of PAGED_BY_CREATION) {
      await runner.query(`ALTER TABLE "${table}" ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE USING date_trunc('milliseconds', "created_at")`);
    }
    await runner.query(`DROP INDEX "public"."ai_systems_vendor_idx"`);
    for (const [name, table, columns] of LIST_INDEXES) await runner.query(`CREATE INDEX "${name}" ON "${table}" (${columns})`);
    await runner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    for (const [name, table, expression] of SEARCH_INDEXES) await runner.query(`CREATE INDEX "${name}" ON "${table}" USING gin (${expression})`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const [name] of [...SEARCH_INDEXES, ...LIST_INDEXES].reverse()) await runner.query(`DROP INDEX "public"."${name}"`);
    await runner.query(`CREATE INDEX "ai_systems_vendor_idx" ON "ai_systems" ("vendor_id")`);
    for (const table of PAGED_BY_CREATION) {
      await runner.query(`ALTER TABLE "${table}" ALTER COLUMN "created_at" TYPE TIMESTAMP WITH TIME ZONE`);
    }
  }
}
