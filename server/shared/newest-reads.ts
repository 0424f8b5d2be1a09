// Reads of one thing (a row, by key) sent in quick succession, answered so that what a reader
// receives in turn never goes back to an older state: a read is answered with its own result or,
// if a newer read of the same key was sent meanwhile, with the newest one's. The database may
// answer two reads in flight at once in any order, and the one sent first may see the later
// state; once the newest read sent has answered, any read sent later started after it did.
import { LRUCache } from "lru-cache";

export interface NewestReads<T> {
  /** Sends `read` for `key` and answers with its result or a newer read's of the same key. */
  read(key: string, read: () => Promise<T>): Promise<T>;
}

/** Keeps the newest read per key for `ttlMs` (at most `max` keys). */
export function newestReads<T>(options: { max: number; ttlMs: number }): NewestReads<T> {
  const newest = new LRUCache<string, { read: Promise<T> }>({ max: options.max, ttl: options.ttlMs });
  return {
    async read(key, send) {
      const own = { read: send() };
      newest.set(key, own);
      let answer = await own.read;
      let current = own;
      for (let next = newest.get(key); next !== undefined && next !== current; next = newest.get(key)) {
        current = next;
        try {
          answer = await next.read;
        } catch {
          break; // the newer read failed (its own caller hears of it): the answer in hand stands
        }
      }
      return answer;
    },
  };
}
