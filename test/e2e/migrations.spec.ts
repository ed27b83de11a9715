import { createDataSource } from '../../src/database/data-source.js';
import { migrate } from '../../src/database/migrate.js';
import { schemaDrift } from '../../src/database/schema-drift.js';
import { createTestDatabase, testConfig } from '../support/test-app.js';

describe('migrations', () => {
  it('bring an empty database exactly to what the entities describe', async () => {
    const database = await createTestDatabase();
    const db = createDataSource(testConfig(database.url, '/nonexistent'));
    try {
      await db.initialize();
      const applied = await migrate(db);
      expect(applied.length).toBeGreaterThan(0);
      const drift = await schemaDrift(db);
      expect(drift.up).toEqual([]);
      expect(await migrate(db)).toEqual([]);
    } finally {
      await db.destroy();
      await database.drop();
    }
  });

  it('undo cleanly, newest first', async () => {
    const database = await createTestDatabase();
    const db = createDataSource(testConfig(database.url, '/nonexistent'));
    try {
      await db.initialize();
      const applied = await migrate(db);
      for (let i = 0; i < applied.length; i++) await db.undoLastMigration();
      const tables = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`);
      expect(tables).toEqual([]);
    } finally {
      await db.destroy();
      await database.drop();
    }
  });
});
