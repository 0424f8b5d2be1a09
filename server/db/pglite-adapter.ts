import type { PGlite, Transaction } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

/**
 * pglite-prisma-adapter is typed against an older @prisma/driver-adapter-utils than the
 * installed Prisma; the runtime contract is the same (checked by every test on PGlite).
 *
 * Its transactions swallow an error raised by COMMIT (for example a deferred constraint
 * trigger such as the ledger's balance check): Prisma would report success for a
 * transaction that was rolled back. `commit()` here rejects with that error instead.
 *
 * Upstream: pglite-prisma-adapter 0.6 (github.com/lucasthevenet/pglite-utils,
 * packages/prisma-adapter) copies the transaction pattern of @prisma/adapter-planetscale, whose
 * identical defect is prisma/orm#29138 (fixed there by prisma/orm#29155); not yet fixed in
 * this adapter. The patch replaces the unexported `startTransactionInner`; the canary in
 * test/database.test.ts runs the unpatched adapter and fails once upstream rejects a failed
 * COMMIT itself: then delete this patch.
 */
export function pgliteAdapter(pglite: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    reportCommitErrors(adapter as unknown as PGliteAdapterInternals);
    return adapter;
  };
  return factory;
}

/** The parts of the adapter's (unexported) classes that are patched. */
interface PGliteAdapterInternals {
  provider: string;
  adapterName: string;
  startTransactionInner(conn: PGlite, options: unknown): Promise<unknown>;
}

function reportCommitErrors(adapter: PGliteAdapterInternals): void {
  // The transaction wrapper shares the adapter's query methods (they read `this.client`).
  const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as { onError(error: unknown): never };
  adapter.startTransactionInner = (conn, options) =>
    new Promise((resolve, reject) => {
      let opened = false;
      let finish!: () => void;
      const outcome: Promise<void> = conn.transaction(async (tx: Transaction) => {
        opened = true;
        const finished = new Promise<void>((done) => (finish = done));
        const wrapper = Object.assign(Object.create(queryable) as object, {
          client: tx,
          options,
          provider: adapter.provider,
          adapterName: adapter.adapterName,
          async commit() {
            finish();
            try {
              await outcome;
            } catch (error) {
              queryable.onError.call(wrapper, error);
            }
          },
          async rollback() {
            await tx.rollback();
            finish();
            await outcome.catch(() => undefined);
          },
        });
        resolve(wrapper);
        await finished;
      });
      outcome.catch((error: unknown) => {
        if (!opened) reject(error);
      });
    });
}
