// Stripe events, turned into booking commands. A typed map from event type to handler;
// unknown types are acknowledged and ignored. Handlers are idempotent: Stripe delivers
// events late, twice and out of order.
import type Stripe from "stripe";
import type { Services } from "../services.ts";
import type { EventOutcome } from "./event-outcome.ts";
import { expireUnpaidBooking, markBookingPaid, refundLatePayment, refundMismatchedPayment } from "../domain/booking-commands.ts";
import { applyStripeRefundNews, type StripeRefundNews } from "./refunds.ts";
import { InvalidTransitionError, NotFoundError } from "../domain/errors.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { payoutEventHandlers } from "../payouts/stripe-events.ts";
import { isUuid } from "../domain/ids.ts";
import { logger } from "../log.ts";

type Handlers = {
  [T in Stripe.Event["type"]]?: (services: Services, event: Extract<Stripe.Event, { type: T }>) => Promise<EventOutcome>;
};

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : (value?.id ?? null));

function bookingIdOf(session: Stripe.Checkout.Session): string | null {
  const id = session.client_reference_id ?? session.metadata?.bookingId ?? null;
  return isUuid(id) ? id : null;
}

async function paymentSucceeded(services: Services, event: Stripe.Event, session: Stripe.Checkout.Session) {
  if (session.payment_status !== "paid") return "ignored"; // async methods: wait for async_payment_succeeded
  const bookingId = bookingIdOf(session);
  if (!bookingId) return "ignored";
  const booking = await services.db.booking.findUnique({ where: { id: bookingId } });
  if (!booking) return "ignored";
  if (await services.db.processedWebhookEvent.findUnique({ where: { id: event.id } })) return "duplicate";
  const paymentIntentId = idOf(session.payment_intent);
  if (session.amount_total !== booking.priceCents || session.currency?.toLowerCase() !== booking.currency) {
    // Not the booking's price: what arrived is recorded and refunded in full (AMOUNT_MISMATCH).
    const amountCents = session.amount_total;
    const currency = session.currency?.toLowerCase();
    if (typeof amountCents !== "number" || !Number.isSafeInteger(amountCents) || amountCents <= 0 || !currency) {
      logger.alert(
        { eventId: event.id, bookingId },
        `PAYMENT MISMATCH: ${event.id} for booking ${bookingId} reports no usable amount (${amountCents} ${currency}); not applied, needs a person`,
      );
      return "ignored";
    }
    return lateOrDuplicate(() =>
      refundMismatchedPayment(services, {
        bookingId,
        paymentIntentId,
        received: { amountCents, currency },
        event: { id: event.id, type: event.type },
      }),
    );
  }
  if (
    booking.paidAt === null &&
    (await services.db.refund.findUnique({ where: { bookingId }, select: { reason: true } }))?.reason === "AMOUNT_MISMATCH"
  ) {
    // A second payment for a booking whose first (mismatched) one is being refunded: never silently kept.
    logger.alert(
      { eventId: event.id, bookingId },
      `PAYMENT MISMATCH: ${event.id} paid booking ${bookingId} after a mismatched payment was refunded; not applied, needs a person`,
    );
    return "ignored";
  }
  try {
    await markBookingPaid(services, { bookingId, paymentIntentId, event: { id: event.id, type: event.type } });
    return "applied";
  } catch (error) {
    if (error instanceof NotFoundError) return "ignored";
    if (error instanceof InvalidTransitionError) {
      if (error.currentStatus === "CANCELLED" || error.currentStatus === "EXPIRED") {
        // Paid after the booking was closed (cancelled or expired): recorded and refunded.
        return lateOrDuplicate(() =>
          refundLatePayment(services, { bookingId, paymentIntentId, event: { id: event.id, type: event.type } }),
        );
      }
      return "duplicate";
    }
    if (isUniqueViolation(error)) return "duplicate"; // the same event applied concurrently
    throw error;
  }
}

async function lateOrDuplicate(apply: () => Promise<boolean>): Promise<EventOutcome> {
  try {
    return (await apply()) ? "applied" : "duplicate";
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}

/** The Checkout Session expired unpaid: so does its booking (only if still AWAITING_PAYMENT). */
async function checkoutExpired(services: Services, event: Stripe.Event, session: Stripe.Checkout.Session): Promise<EventOutcome> {
  const bookingId = bookingIdOf(session);
  if (!bookingId) return "ignored";
  if (await services.db.processedWebhookEvent.findUnique({ where: { id: event.id } })) return "duplicate";
  try {
    await expireUnpaidBooking(services, { bookingId, event: { id: event.id, type: event.type } });
    return "applied";
  } catch (error) {
    if (error instanceof NotFoundError) return "ignored";
    if (error instanceof InvalidTransitionError) return "duplicate"; // paid, cancelled or expired already
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}

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

const handlers: Handlers = {
  ...payoutEventHandlers,
  "checkout.session.completed": (services, event) => paymentSucceeded(services, event, event.data.object),
  "checkout.session.async_payment_succeeded": (services, event) => paymentSucceeded(services, event, event.data.object),
  "checkout.session.expired": (services, event) => checkoutExpired(services, event, event.data.object),
  "refund.created": (services, event) => applyStripeRefundNews(services, refundNews(event.data.object)),
  "refund.updated": (services, event) => applyStripeRefundNews(services, refundNews(event.data.object)),
  "charge.refunded": (services, event) => applyStripeRefundNews(services, chargeRefundNews(event.data.object)),
};

/** The event types a handler reads (server/payments/stripe-event-shapes.ts checks each one's data first). */
export const HANDLED_EVENT_TYPES = Object.keys(handlers);

export async function handleStripeEvent(services: Services, event: Stripe.Event): Promise<EventOutcome> {
  const handler = handlers[event.type] as ((s: Services, e: Stripe.Event) => Promise<EventOutcome>) | undefined;
  return handler ? handler(services, event) : "ignored";
}
