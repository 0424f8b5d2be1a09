import { describe, expect, it } from "vitest";
import { formatMoney, splitFee } from "./money.ts";

describe("formatMoney", () => {
  it("formats cents as dollars", () => {
    expect(formatMoney({ amountCents: 1250, currency: "usd" })).toBe("$12.50");
    expect(formatMoney({ amountCents: 5, currency: "usd" })).toBe("$0.05");
    expect(formatMoney({ amountCents: 0, currency: "usd" })).toBe("$0.00");
  });
  it("formats each currency with its own formatter, negative amounts too", () => {
    expect(formatMoney({ amountCents: -99, currency: "usd" })).toBe("-$0.99");
    expect(formatMoney({ amountCents: 1250, currency: "eur" })).toBe("€12.50");
    expect(formatMoney({ amountCents: 1250, currency: "USD" })).toBe("$12.50");
  });
  it("refuses fractional cents", () => {
    expect(() => formatMoney({ amountCents: 1.5, currency: "usd" })).toThrow(RangeError);
  });
});

describe("splitFee", () => {
  it("rounds the fee half up and gives the mentor the rest", () => {
    expect(splitFee(10_000, 20)).toEqual({ feeCents: 2000, mentorCents: 8000 });
    expect(splitFee(999, 20)).toEqual({ feeCents: 200, mentorCents: 799 }); // 199.8 -> 200
    expect(splitFee(1002, 15)).toEqual({ feeCents: 150, mentorCents: 852 }); // 150.3 -> 150
    expect(splitFee(10, 25)).toEqual({ feeCents: 3, mentorCents: 7 }); // 2.5 -> 3
  });
  it("never loses a cent", () => {
    for (let price = 1; price < 3000; price += 7) {
      for (const percent of [0, 1, 12, 20, 33, 99, 100]) {
        const { feeCents, mentorCents } = splitFee(price, percent);
        expect(feeCents + mentorCents).toBe(price);
        expect(feeCents).toBeGreaterThanOrEqual(0);
        expect(mentorCents).toBeGreaterThanOrEqual(0);
      }
    }
  });
  it("rejects bad percentages", () => {
    expect(() => splitFee(100, 101)).toThrow(RangeError);
    expect(() => splitFee(100, 2.5)).toThrow(RangeError);
  });
});
