// Stripe events about refunds, applied to the Refund rows (merged into the map of
// server/stripe/dispatcher.ts). applyStripeRefundNews is idempotent and ignores stale news.
import type Stripe from "stripe";
import type { Services } from "../services.ts";
import type { EventOutcome } from "../ports/event-outcome.ts";
import { idOf } from "../shared/ids.ts";
import { applyStripeRefundNews, type StripeRefundNews } from "./refunds.ts";

function refundNews(refund: Stripe.Refund): StripeRefundNews {
  return {
    stripeRefundId: refund.id,
    paymentIntentId: idOf(refund.payment_intent),
    refundId: refund.metadata?.refundId ?? null,
    bookingId: refund.metadata?.bookingId ?? null,
    status: refund.status === "succeeded" ? "succeeded" : refund.status === "failed" || refund.status === "canceled" ? "failed" : "other",
    failureReason: refund.failure_reason ?? null,
  };
}

/** charge.refunded: the charge is fully refunded (partial refunds are not ours: we refund in full). */
function chargeRefundNews(charge: Stripe.Charge): StripeRefundNews {
  const latest = charge.refunds?.data?.[0];
  return {
    stripeRefundId: latest?.id ?? null,
    paymentIntentId: idOf(charge.payment_intent),
    refundId: latest?.metadata?.refundId ?? null,
    bookingId: latest?.metadata?.bookingId ?? charge.metadata?.bookingId ?? null,
    status: charge.refunded ? "succeeded" : "other",
    failureReason: null,
  };
}

export const refundEventHandlers = {
  "refund.created": (services: Services, event: Stripe.RefundCreatedEvent): Promise<EventOutcome> =>
    applyStripeRefundNews(services, refundNews(event.data.object)),
  "refund.updated": (services: Services, event: Stripe.RefundUpdatedEvent): Promise<EventOutcome> =>
    applyStripeRefundNews(services, refundNews(event.data.object)),
  // A refund that failed, possibly after it had succeeded: reversed in the ledger, shown to admins.
  "refund.failed": (services: Services, event: Stripe.RefundFailedEvent): Promise<EventOutcome> =>
    applyStripeRefundNews(services, refundNews(event.data.object)),
  "charge.refunded": (services: Services, event: Stripe.ChargeRefundedEvent): Promise<EventOutcome> =>
    applyStripeRefundNews(services, chargeRefundNews(event.data.object)),
};
