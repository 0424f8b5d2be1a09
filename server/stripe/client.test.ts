import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { isPermanentStripeError } from "./client.ts";

const { StripeAPIError, StripeAuthenticationError, StripeCardError, StripeConnectionError, StripeIdempotencyError } = Stripe.errors;
const { StripeInvalidRequestError, StripePermissionError, StripeRateLimitError } = Stripe.errors;

describe("isPermanentStripeError", () => {
  it("treats refusals that the same request cannot change as permanent", () => {
    expect(isPermanentStripeError(new StripeInvalidRequestError({ message: "bad", statusCode: 400 }))).toBe(true);
    expect(isPermanentStripeError(new StripeCardError({ message: "declined", statusCode: 402 }))).toBe(true);
    expect(isPermanentStripeError(new StripePermissionError({ message: "no", statusCode: 403 }))).toBe(true);
    expect(isPermanentStripeError(new StripeInvalidRequestError({ message: "missing", statusCode: 404 }))).toBe(true);
  });

  it("keeps the work pending for what may succeed later or may already have succeeded", () => {
    // A misconfigured key is fixed by a person; the request itself was not refused.
    expect(isPermanentStripeError(new StripeAuthenticationError({ message: "bad key", statusCode: 401 }))).toBe(false);
    // Same key, different parameters: the first request may have gone through.
    expect(isPermanentStripeError(new StripeIdempotencyError({ message: "key reuse", statusCode: 400 }))).toBe(false);
    expect(isPermanentStripeError(new StripeRateLimitError({ message: "slow down", statusCode: 429 }))).toBe(false);
    expect(isPermanentStripeError(new StripeAPIError({ message: "oops", statusCode: 500 }))).toBe(false);
    expect(isPermanentStripeError(new StripeAPIError({ message: "conflict", statusCode: 409 }))).toBe(false);
    expect(isPermanentStripeError(new StripeConnectionError({ message: "reset" }))).toBe(false);
  });

  it("never classifies what is not a Stripe error as permanent", () => {
    expect(isPermanentStripeError(new Error("socket hang up"))).toBe(false);
    expect(isPermanentStripeError({ statusCode: 400 })).toBe(false);
    expect(isPermanentStripeError(undefined)).toBe(false);
  });
});
