// Paces calls to a rate-limited provider: at most `perSecond` starts in any second, spread
// evenly (one every 1000/perSecond ms) so a burst of waiting callers does not arrive at once.
// Slots are handed out in call order. Two guards: each caller reserves the next free slot when
// it asks, and, when it wakes, a log of the starts actually granted in the last second is
// checked against the same clock, so late timers (a busy event loop) never squeeze more than
// `perSecond` starts into one second. `holdOff` pauses every caller after the provider said
// "too many requests".

export interface RateLimiter {
  readonly perSecond: number;
  /** Resolves when the caller may start one request, with the time (Date.now()) it was counted at. */
  take(): Promise<number>;
  /** No caller starts before `ms` from now (after a 429). */
  holdOff(ms: number): void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createRateLimiter(perSecond: number): RateLimiter {
  if (!(perSecond > 0)) throw new Error(`rate must be positive, got ${perSecond}`);
  const spacing = 1000 / perSecond;
  const windowSize = Math.max(1, Math.floor(perSecond));
  let nextSlot = 0;
  let pausedUntil = 0;
  /** Times of the last `windowSize` starts, oldest first. */
  const started: number[] = [];

  return {
    perSecond,
    async take() {
      const reserved = Math.max(Date.now(), nextSlot, pausedUntil);
      nextSlot = reserved + spacing;
      let wait = reserved - Date.now();
      for (;;) {
        if (wait > 0) await sleep(wait);
        const now = Date.now();
        if (now < pausedUntil) {
          wait = pausedUntil - now;
          continue;
        }
        // windowSize starts already in the last second: wait until the oldest leaves it.
        if (started.length >= windowSize && now - started[0]! < 1000) {
          wait = started[0]! + 1000 - now;
          continue;
        }
        started.push(now);
        if (started.length > windowSize) started.shift();
        return now;
      }
    },
    holdOff(ms) {
      pausedUntil = Math.max(pausedUntil, Date.now() + ms);
      nextSlot = Math.max(nextSlot, pausedUntil);
    },
  };
}
