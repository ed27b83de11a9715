import type { DataSource } from 'typeorm';

export interface SchemaDrift {
  up: string[];
  down: string[];
}

/** The SQL that would make the database match the entities; empty when migrations are complete. */
export async function schemaDrift(db: DataSource): Promise<SchemaDrift> {
  const log = await db.driver.createSchemaBuilder().log();
  const text = (query: { query: string; parameters?: unknown[] }) =>
    query.parameters?.length ? `${query.query} -- ${JSON.stringify(query.parameters)}` : query.query;
  return { up: log.upQueries.map(text), down: log.downQueries.map(text).reverse() };
}
