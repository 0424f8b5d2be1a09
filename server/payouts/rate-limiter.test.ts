// The pace of provider calls: never more than the rate in any second, whatever the number of
// callers waiting at once, and a hold-off after a 429 applies to every caller.
import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limiter.ts";

/** The most starts found in any window of 1000 ms. */
function mostInOneSecond(starts: number[]): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (sorted[i]! - sorted[j]! >= 1000) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe("rate limiter", () => {
  it("lets 25 concurrent callers start at most 10 in any second, in the order they asked", async () => {
    const limiter = createRateLimiter(10);
    const starts: number[] = [];
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 25 }, async (_, i) => {
        // The time the limiter counted the start at: the caller resumes a moment later.
        starts.push(await limiter.take());
        order.push(i);
      }),
    );
    expect(starts).toHaveLength(25);
    expect(mostInOneSecond(starts)).toBeLessThanOrEqual(10);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("holds every caller off after a 429", async () => {
    const limiter = createRateLimiter(1000);
    await limiter.take();
    const heldAt = Date.now();
    limiter.holdOff(200);
    const starts = await Promise.all(
      Array.from({ length: 3 }, async () => {
        await limiter.take();
        return Date.now();
      }),
    );
    // Timers may fire a millisecond early; none starts inside the hold-off.
    for (const start of starts) expect(start - heldAt).toBeGreaterThanOrEqual(199);
  });

  it("refuses a rate that is not positive", () => {
    expect(() => createRateLimiter(0)).toThrow("rate must be positive");
  });
});
