import type { DataSource } from 'typeorm';
import { MigrationExecutor } from 'typeorm';

/** Arbitrary constant: the advisory lock that lets one process at a time run migrations. */
const MIGRATION_LOCK = 0x4153_5341;

/**
 * Runs pending migrations; several processes booting together take turns. The lock and the
 * migrations share one connection, so a pool of one (the embedded database) is enough.
 */
export async function migrate(db: DataSource): Promise<string[]> {
  const runner = db.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const executor = new MigrationExecutor(db, runner);
    executor.transaction = 'each';
    const applied = await executor.executePendingMigrations();
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
