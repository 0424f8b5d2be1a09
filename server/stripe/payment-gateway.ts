// Stripe Checkout: the platform charges the mentee (separate charges and transfers);
// mentors are paid later by transfers. One Checkout Session per booking (idempotency key).
import Stripe from "stripe";
import {
  CaptureError,
  PaymentGatewayError,
  type ProviderPaymentState,
  type CheckoutRequest,
  type CheckoutSession,
  type PaymentGateway,
  type ProviderPayment,
  type ProviderRefundRecord,
  type TimeRange,
} from "../ports/payment-gateway.ts";
import { isPermanentStripeError } from "./client.ts";

/** Sorts a failed Stripe call (isPermanentStripeError), telling an already refunded payment apart. */
export function classifyStripeError(error: unknown): PaymentGatewayError {
  if (error instanceof PaymentGatewayError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Stripe.errors.StripeError ? error.code : undefined;
  if (code === "charge_already_refunded") return new PaymentGatewayError("already_refunded", message, code);
  return new PaymentGatewayError(isPermanentStripeError(error) ? "permanent" : "transient", message, code);
}

/** Stripe's created filter for a window, in whole seconds, both ends included. */
export const createdIn = (range: TimeRange) => ({
  gte: Math.floor(range.from.getTime() / 1000),
  lte: Math.ceil(range.to.getTime() / 1000),
});

export function paymentStateOf(intent: Stripe.PaymentIntent): ProviderPaymentState {
  const status =
    intent.status === "requires_capture"
      ? "authorized"
      : intent.status === "succeeded"
        ? "captured"
        : intent.status === "canceled"
          ? "canceled"
          : "other";
  return {
    id: intent.id,
    status,
    amountCapturable: intent.amount_capturable ?? 0,
    amountReceived: intent.amount_received ?? 0,
    currency: intent.currency,
    chargeId: typeof intent.latest_charge === "string" ? intent.latest_charge : (intent.latest_charge?.id ?? null),
  };
}

const UNEXPECTED_STATE = "payment_intent_unexpected_state";

export function stripeGateway(stripe: Stripe): PaymentGateway {
  const retrieve = async (id: string) => {
    try {
      return paymentStateOf(await stripe.paymentIntents.retrieve(id));
    } catch (error) {
      throw classifyStripeError(error);
    }
  };
  return {
    mode: "stripe",
    async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
      const session = await stripe.checkout.sessions.create(
        {
          mode: "payment",
          client_reference_id: request.bookingId,
          metadata: { bookingId: request.bookingId },
          payment_intent_data: {
            // Authorise when the mentee pays, capture when the mentor confirms (capturePayment);
            // a request that is declined, cancelled or expires only releases the hold.
            capture_method: "manual",
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
          { idempotencyKey: request.retries ? `refund:${request.bookingId}:r${request.retries}` : `refund:${request.bookingId}` },
        );
        return { id: refund.id, status: refund.status ?? "pending" };
      } catch (error) {
        throw classifyStripeError(error);
      }
    },
    async retrieveRefund(providerRefundId) {
      try {
        const refund = await stripe.refunds.retrieve(providerRefundId);
        return { id: refund.id, status: refund.status ?? "pending" };
      } catch (error) {
        throw classifyStripeError(error);
      }
    },
    async listPayments(range) {
      try {
        const payments: ProviderPayment[] = [];
        for await (const intent of stripe.paymentIntents.list({ created: createdIn(range), limit: 100 })) {
          if (intent.status !== "succeeded" || !intent.amount_received) continue;
          payments.push({
            id: intent.id,
            amountCents: intent.amount_received,
            currency: intent.currency,
            bookingId: intent.metadata?.bookingId ?? null,
            created: new Date(intent.created * 1000),
          });
        }
        return payments;
      } catch (error) {
        throw classifyStripeError(error);
      }
    },
    async listRefunds(range) {
      try {
        const refunds: ProviderRefundRecord[] = [];
        for await (const refund of stripe.refunds.list({ created: createdIn(range), limit: 100 })) {
          refunds.push({
            id: refund.id,
            amountCents: refund.amount,
            currency: refund.currency,
            status: refund.status ?? "pending",
            paymentIntentId: typeof refund.payment_intent === "string" ? refund.payment_intent : (refund.payment_intent?.id ?? null),
            bookingId: refund.metadata?.bookingId ?? null,
            created: new Date(refund.created * 1000),
          });
        }
        return refunds;
      } catch (error) {
        throw classifyStripeError(error);
      }
    },
    retrievePayment: retrieve,
    async capturePayment({ bookingId, paymentIntentId }) {
      try {
        const intent = await stripe.paymentIntents.capture(paymentIntentId, {}, { idempotencyKey: `capture:${bookingId}` });
        return paymentStateOf(intent);
      } catch (error) {
        const failure = classifyStripeError(error);
        if (failure.kind === "transient") throw new CaptureError(true, failure.message, failure.code);
        if (failure.code === UNEXPECTED_STATE) {
          // Captured already (by an earlier attempt whose answer was lost): that is the capture.
          const now = await retrieve(paymentIntentId).catch(() => null);
          if (now?.status === "captured") return now;
          if (now?.status === "canceled") {
            throw new CaptureError(
              false,
              "The card authorisation has lapsed or was cancelled; it can no longer be captured.",
              failure.code,
            );
          }
        }
        throw new CaptureError(false, failure.message, failure.code);
      }
    },
    async releaseAuthorization({ paymentIntentId }) {
      try {
        const intent = await stripe.paymentIntents.cancel(paymentIntentId, {}, { idempotencyKey: `release:${paymentIntentId}` });
        return paymentStateOf(intent);
      } catch (error) {
        const failure = classifyStripeError(error);
        // Already canceled (lapsed) or captured: say which, so a captured payment is refunded.
        if (failure.code === UNEXPECTED_STATE) return retrieve(paymentIntentId);
        throw failure;
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
