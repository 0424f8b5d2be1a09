// Reads of one key answered out of order never take a reader back to an older state.
import { describe, expect, it } from "vitest";
import { newestReads } from "./newest-reads.ts";

/** A read whose answer the test gives, when it chooses. */
function controlled<T>() {
  let answer!: (value: T) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    answer = resolve;
    fail = reject;
  });
  return { send: () => promise, answer, fail };
}

/** Two reads of one key sent in turn, each answered when the test chooses. */
function twoReads() {
  const reads = newestReads<string>({ max: 10, ttlMs: 5_000 });
  const first = controlled<string>();
  const second = controlled<string>();
  return { first, second, one: reads.read("booking", first.send), two: reads.read("booking", second.send) };
}

describe("newestReads", () => {
  it("an earlier read answered after a later one is sent is answered with the later one's row", async () => {
    const { first, second, one, two } = twoReads();
    // The database answers the first with the newer state, the second with an older one.
    first.answer("state 2");
    second.answer("state 1");
    // Both are answered with the newest read sent: in turn, the reader never goes back.
    expect(await one).toBe("state 1");
    expect(await two).toBe("state 1");
  });

  it("a read sent after the newest has answered is its own, and other keys are apart", async () => {
    const reads = newestReads<string>({ max: 10, ttlMs: 5_000 });
    expect(await reads.read("a", async () => "a1")).toBe("a1");
    expect(await reads.read("b", async () => "b1")).toBe("b1");
    expect(await reads.read("a", async () => "a2")).toBe("a2");
  });

  it("a newer read that fails leaves the earlier its own answer, and fails for its own caller", async () => {
    const { first, second, one, two } = twoReads();
    second.fail(new Error("connection lost"));
    first.answer("state 1");
    expect(await one).toBe("state 1");
    await expect(two).rejects.toThrow("connection lost");
  });
});
