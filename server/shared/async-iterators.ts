// A plain async iterator for the per-socket path of subscriptions: every event a busy instance
// fans out passes through it once per socket. @whatwg-node/promise-helpers' mapAsyncIterator
// wraps every step in "fake promise" objects and takes a value only when asked for it; this
// takes one `await` a step and maps each value as soon as it arrives. Ending it ends its source
// (the pub/sub listener is removed); a mapping that fails ends the source, then throws.

const done = <T>(): IteratorResult<T> => ({ done: true, value: undefined });

type Settled<U> = { ok: true; step: IteratorResult<U> } | { ok: false; error: unknown };

/**
 * Each value of `source` as `map` makes it (awaited), in order. `map` runs as soon as a value
 * arrives, not when the consumer asks for it: a burst of events whose mappings wait on something
 * (a database read) waits once, not once per event in turn. At most `ahead` mapped values wait
 * unread; then the source is not read until the consumer catches up. One consumer at a time (as
 * `for await` is).
 */
export function mapAhead<T, U>(source: AsyncIterable<T>, map: (value: T) => U | Promise<U>, ahead = 64): AsyncIterableIterator<U> {
  const inner = source[Symbol.asyncIterator]();
  const queue: Promise<Settled<U>>[] = [];
  let pumping = false;
  let finished = false;
  let wakeConsumer: (() => void) | null = null;
  let wakePump: (() => void) | null = null;
  const wake = () => {
    const consumer = wakeConsumer;
    wakeConsumer = null;
    consumer?.();
  };

  const pump = async () => {
    try {
      while (!finished) {
        if (queue.length >= ahead) {
          await new Promise<void>((resolve) => (wakePump = resolve));
          continue;
        }
        const step = await inner.next();
        if (finished) return;
        if (step.done) {
          queue.push(Promise.resolve({ ok: true, step: done<U>() }));
          wake();
          return;
        }
        queue.push(
          new Promise<U>((resolve) => resolve(map(step.value))).then(
            (value): Settled<U> => ({ ok: true, step: { done: false, value } }),
            (error: unknown): Settled<U> => ({ ok: false, error }),
          ),
        );
        wake();
      }
    } catch (error) {
      queue.push(Promise.resolve({ ok: false, error }));
      wake();
    }
  };

  const finish = async (value?: unknown): Promise<IteratorResult<U>> => {
    if (finished) return done<U>();
    finished = true;
    queue.length = 0;
    wake();
    wakePump?.();
    return inner.return ? ((await inner.return(value)) as IteratorResult<U>) : done<U>();
  };

  const iterator: AsyncIterableIterator<U> = {
    async next() {
      if (!pumping) {
        pumping = true;
        void pump();
      }
      while (queue.length === 0 && !finished) await new Promise<void>((resolve) => (wakeConsumer = resolve));
      const head = queue.shift();
      if (!head) return done<U>();
      const waiting = wakePump;
      wakePump = null;
      waiting?.();
      const settled = await head;
      if (!settled.ok) {
        await finish();
        throw settled.error;
      }
      if (settled.step.done) finished = true;
      return settled.step;
    },
    return: (value?: unknown) => finish(value),
    throw: async (error?: unknown) => {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
