import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

type Connected = (error: Error | undefined, ...rest: unknown[]) => void;

/** The pg.Pool inside TypeORM's PostgreSQL driver, as far as this guard uses it. */
interface Pool {
  connect(callback?: Connected): unknown;
}

export class NestedQueryError extends Error {}

const MESSAGE =
  'A query went through the DataSource while a transaction of the same call was open. The embedded ' +
  'database has a single connection and that transaction holds it, so the query would wait for ever: ' +
  "query through the transaction's EntityManager (work.manager) instead.";

/**
 * On the embedded database's single connection, a query made through the DataSource inside a
 * transaction (instead of through its EntityManager) would wait for the connection the transaction
 * holds until the pool gives up. This makes it fail at once with a message that says why.
 */
export function refuseNestedQueries(db: DataSource): void {
  const transaction = new AsyncLocalStorage<{ open: boolean }>();
  const manager = db.manager;
  const run = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = ((...args: unknown[]) => {
    const at = typeof args[0] === 'function' ? 0 : 1;
    const work = args[at] as (inner: EntityManager) => Promise<unknown>;
    args[at] = (inner: EntityManager) => {
      const scope = { open: true };
      return transaction.run(scope, () => work(inner)).finally(() => (scope.open = false));
    };
    return run(...args);
  }) as EntityManager['transaction'];

  const pool = (db.driver as unknown as { master: Pool }).master;
  const connect = pool.connect.bind(pool);
  pool.connect = (callback?: Connected) => {
    if (!transaction.getStore()?.open) return connect(callback);
    const error = new NestedQueryError(MESSAGE);
    if (!callback) return Promise.reject(error);
    callback(error);
  };
}
