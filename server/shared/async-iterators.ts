// Plain async iterators for the per-socket path of subscriptions: every event a busy instance
// fans out passes through each of these once per socket. graphql-yoga's `filter` operator adds a
// second Repeater (a queue and its promises) and @whatwg-node/promise-helpers' mapAsyncIterator
// wraps every step in "fake promise" objects; these take one `await` a step. Ending one ends its
// source (the pub/sub listener is removed); a mapping that fails ends the source, then throws.

const done = <T>(): IteratorResult<T> => ({ done: true, value: undefined });

/** The values of `source` that pass `keep`. */
export function keepOnly<T>(source: AsyncIterable<T>, keep: (value: T) => boolean): AsyncIterableIterator<T> {
  const inner = source[Symbol.asyncIterator]();
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      for (;;) {
        const step = await inner.next();
        if (step.done || keep(step.value)) return step;
      }
    },
    return: async (value?: unknown) => (inner.return ? inner.return(value) : done<T>()),
    throw: async (error?: unknown) => (inner.throw ? inner.throw(error) : Promise.reject(error)),
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/** Each value of `source` as `map` makes it (awaited). */
export function mapEach<T, U>(source: AsyncIterable<T>, map: (value: T) => U | Promise<U>): AsyncIterableIterator<U> {
  const inner = source[Symbol.asyncIterator]();
  const iterator: AsyncIterableIterator<U> = {
    async next() {
      const step = await inner.next();
      if (step.done) return step;
      try {
        return { done: false, value: await map(step.value) };
      } catch (error) {
        await inner.return?.();
        throw error;
      }
    },
    return: async (value?: unknown) => (inner.return ? ((await inner.return(value)) as IteratorResult<U>) : done<U>()),
    throw: async (error?: unknown) => (inner.throw ? ((await inner.throw(error)) as IteratorResult<U>) : Promise.reject(error)),
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
