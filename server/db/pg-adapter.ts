import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import type { SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";

/**
 * @prisma/adapter-pg with one fix: when COMMIT itself fails (a deferred constraint), Prisma
 * reports the error but never hands the connection back, so the pool slowly runs dry and
 * closing it hangs. Here a failed COMMIT returns the connection to the pool at once.
 *
 * Upstream: @prisma/adapter-pg 6.19 (github.com/prisma/prisma, packages/adapter-pg). The
 * nearest upstream report is prisma/orm#29952: the same `PgTransaction` releasing its client
 * twice when a timeout hits during COMMIT (fix proposed in prisma/orm#29954: release at most
 * once per transaction). No report of this exact defect (no release at all after a failed
 * COMMIT) was found; it is still to be filed there. The same defect class was fixed in other
 * pools (duckdb/duckdb-postgres#546). It reaches into the adapter's unexported transaction class
 * (`client`), so test/postgres/adapter-canary.test.ts runs the unpatched adapter and fails
 * once upstream releases the connection itself: then delete this file's patch.
 */
export function postgresAdapter(pool: pg.Pool): SqlDriverAdapterFactory {
  const factory = new PrismaPg(pool);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => releaseOnFailedCommit(await startTransaction(isolationLevel));
    return adapter;
  };
  return factory;
}

function releaseOnFailedCommit(tx: Transaction): Transaction {
  const connection = (tx as unknown as { client: pg.PoolClient }).client;
  let released = false;
  const release = (error?: Error) => {
    if (released) return;
    released = true;
    connection.release(error);
  };
  const guard =
    <T>(run: (query: SqlQuery) => Promise<T>) =>
    async (query: SqlQuery): Promise<T> => {
      try {
        return await run(query);
      } catch (error) {
        if (/^\s*COMMIT\b/i.test(query.sql)) release();
        throw error;
      }
    };
  tx.executeRaw = guard(tx.executeRaw.bind(tx));
  tx.queryRaw = guard(tx.queryRaw.bind(tx));
  const finish = (original: () => Promise<void>) => async () => {
    if (released) return;
    // The adapter's commit and rollback only release the connection: count it as released.
    released = true;
    await original();
  };
  tx.commit = finish(tx.commit.bind(tx));
  tx.rollback = finish(tx.rollback.bind(tx));
  return tx;
}
