// Stripe Checkout: the platform charges the mentee (separate charges and transfers);
// mentors are paid later by transfers. One Checkout Session per booking (idempotency key).
import Stripe from "stripe";
import { PaymentGatewayError, type CheckoutRequest, type CheckoutSession, type PaymentGateway } from "./gateway.ts";

/** Sorts a failed Stripe call: worth retrying, already refunded, or refused for good. */
export function classifyStripeError(error: unknown): PaymentGatewayError {
  if (error instanceof PaymentGatewayError) return error;
  const e = error as Partial<Stripe.errors.StripeError> & { message?: string };
  const message = e?.message ?? String(error);
  if (!(error instanceof Stripe.errors.StripeError)) return new PaymentGatewayError("transient", message);
  const status = e.statusCode;
  if (e.code === "charge_already_refunded") return new PaymentGatewayError("already_refunded", message, e.code);
  if (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    error instanceof Stripe.errors.StripeAPIError ||
    status === undefined ||
    status === 409 || // a concurrent request with the same idempotency key is still in flight
    status === 429 ||
    status >= 500
  ) {
    return new PaymentGatewayError("transient", message, e.code);
  }
  return new PaymentGatewayError("permanent", message, e.code);
}

export function stripeGateway(stripe: Stripe): PaymentGateway {
  return {
    mode: "stripe",
    async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
      const session = await stripe.checkout.sessions.create(
        {
          mode: "payment",
          client_reference_id: request.bookingId,
          metadata: { bookingId: request.bookingId },
          payment_intent_data: {
            metadata: { bookingId: request.bookingId },
            transfer_group: `booking:${request.bookingId}`,
          },
          customer_email: request.customerEmail,
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: request.currency,
                unit_amount: request.amountCents,
                product_data: { name: request.description },
              },
            },
          ],
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
        },
        { idempotencyKey: `checkout:${request.bookingId}` },
      );
      if (!session.url) throw new Error(`Stripe returned Checkout Session ${session.id} without a URL`);
      return { id: session.id, url: session.url };
    },
    async refund(request) {
      try {
        const refund = await stripe.refunds.create(
          {
            payment_intent: request.paymentIntentId,
            amount: request.amountCents,
            metadata: { bookingId: request.bookingId, refundId: request.refundId },
          },
          { idempotencyKey: `refund:${request.bookingId}` },
        );
        return { id: refund.id, status: refund.status ?? "pending" };
      } catch (error) {
        throw classifyStripeError(error);
      }
    },
    async expireCheckout(checkoutSessionId) {
      try {
        await stripe.checkout.sessions.expire(checkoutSessionId);
      } catch (error) {
        const failure = classifyStripeError(error);
        // Already expired or completed (a completed one's payment is refunded when it arrives).
        if (failure.kind !== "transient") return;
        throw failure;
      }
    },
  };
}
