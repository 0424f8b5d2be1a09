import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { PaymentGatewayError } from "../ports/payment-gateway.ts";
import { classifyStripeError, createdIn } from "./payment-gateway.ts";

describe("classifyStripeError", () => {
  it("tells an already refunded charge apart from other refusals", () => {
    const error = new Stripe.errors.StripeInvalidRequestError({ message: "refunded", statusCode: 400, code: "charge_already_refunded" });
    const classified = classifyStripeError(error);
    expect(classified).toBeInstanceOf(PaymentGatewayError);
    expect([classified.kind, classified.code, classified.message]).toEqual(["already_refunded", "charge_already_refunded", "refunded"]);
  });

  it("sorts the rest by the one permanence rule, keeping Stripe's code", () => {
    const declined = classifyStripeError(new Stripe.errors.StripeCardError({ message: "no", statusCode: 402, code: "card_declined" }));
    expect([declined.kind, declined.code]).toEqual(["permanent", "card_declined"]);
    expect(classifyStripeError(new Stripe.errors.StripeAPIError({ message: "down", statusCode: 503 })).kind).toBe("transient");
    expect(classifyStripeError(new Error("ECONNRESET")).kind).toBe("transient");
    expect(classifyStripeError("a thrown string").message).toBe("a thrown string");
  });

  it("passes a classified error through unchanged", () => {
    const original = new PaymentGatewayError("permanent", "kept", "x");
    expect(classifyStripeError(original)).toBe(original);
  });
});

describe("createdIn", () => {
  it("covers the window in whole seconds, both ends included", () => {
    const range = { from: new Date("2026-01-01T00:00:00.900Z"), to: new Date("2026-01-01T00:00:10.100Z") };
    expect(createdIn(range)).toEqual({ gte: 1767225600, lte: 1767225611 });
  });
});
