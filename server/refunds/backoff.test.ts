import { describe, expect, it } from "vitest";
import { REFUND_MAX_ATTEMPTS, refundBackoffMs } from "./refunds.ts";

describe("refundBackoffMs", () => {
  it("doubles from one minute after each failed attempt", () => {
    expect([1, 2, 3, 4].map(refundBackoffMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
  });

  it("waits one minute before the first retry whatever the count says", () => {
    expect(refundBackoffMs(0)).toBe(60_000);
    expect(refundBackoffMs(-3)).toBe(60_000);
  });

  it("never waits more than six hours, up to the last attempt", () => {
    expect(refundBackoffMs(10)).toBe(6 * 3600_000);
    expect(refundBackoffMs(REFUND_MAX_ATTEMPTS)).toBe(6 * 3600_000);
    const waits = Array.from({ length: REFUND_MAX_ATTEMPTS }, (_, i) => refundBackoffMs(i + 1));
    expect(waits.every((wait, i) => i === 0 || wait >= waits[i - 1]!)).toBe(true);
  });
});
