// The official Stripe SDK, pointed at STRIPE_API_URL when set (a local stand-in in tests).
import Stripe from "stripe";

/**
 * Each attempt gives up after this long (the SDK's default is 80 s); with two retries a
 * mutation waiting on Stripe answers within about a minute even when Stripe hangs. Retries
 * reuse the request's idempotency key, so a timed-out attempt that did go through is not repeated.
 */
export const STRIPE_TIMEOUT_MS = 15_000;

export function createStripeClient(secretKey: string, apiUrl?: URL): Stripe {
  const common = { maxNetworkRetries: 2, timeout: STRIPE_TIMEOUT_MS };
  if (!apiUrl) return new Stripe(secretKey, common);
  return new Stripe(secretKey, {
    ...common,
    host: apiUrl.hostname,
    port: Number(apiUrl.port || (apiUrl.protocol === "https:" ? 443 : 80)),
    protocol: apiUrl.protocol === "https:" ? "https" : "http",
  });
}

/**
 * The one rule for a failed Stripe call: a refusal that retrying the same request cannot change
 * (400, 402, 403, 404), except an idempotency conflict. Everything else (connection errors, 401
 * from a misconfigured key, 409, 429, 5xx) may succeed later or may already have succeeded, so
 * callers keep the work pending and retry.
 */
export function isPermanentStripeError(error: unknown): boolean {
  if (!(error instanceof Stripe.errors.StripeError)) return false;
  if (error instanceof Stripe.errors.StripeIdempotencyError) return false;
  if (error instanceof Stripe.errors.StripeAuthenticationError) return false;
  const status = error.statusCode ?? 0;
  return status === 400 || status === 402 || status === 403 || status === 404;
}
