// Stripe events of Checkout, turned into booking commands (merged into the map of
// server/stripe/dispatcher.ts). Idempotent: Stripe delivers events late, twice and out of order.
//   checkout.session.completed / async_payment_succeeded  the booking is paid: its card authorised
//                                                          (manual capture; the payment intent is read
//                                                          back from Stripe) or, for a session that
//                                                          captured at once, charged. A mismatched
//                                                          amount, or a payment after it closed, is
//                                                          released (authorised) or refunded (charged)
//   payment_intent.canceled                                the authorisation of a PENDING booking lapsed
//                                                          (or was cancelled at Stripe): it expires
//   checkout.session.expired                               an unpaid booking expires
import type Stripe from "stripe";
import type { Services } from "../services.ts";
import type { EventOutcome } from "../ports/event-outcome.ts";
import {
  expireBooking,
  expireUnpaidBooking,
  markBookingPaid,
  refundLatePayment,
  refundMismatchedPayment,
  releaseLateAuthorization,
  releaseMismatchedAuthorization,
} from "./booking-commands.ts";
import { PaymentGatewayError } from "../ports/payment-gateway.ts";
import { InvalidTransitionError, NotFoundError } from "../shared/errors.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { isUuid, idOf } from "../shared/ids.ts";
import { logger } from "../log.ts";

function bookingIdOf(session: Stripe.Checkout.Session): string | null {
  const id = session.client_reference_id ?? session.metadata?.bookingId ?? null;
  return isUuid(id) ? id : null;
}

/**
 * What the completed session says was paid. `payment_status: "paid"`: Stripe captured the money
 * at checkout. Otherwise, a complete session whose payment intent Stripe reports authorised
 * (`requires_capture`, read back from Stripe rather than trusted from the event) holds the card
 * for the amount capturable. Anything else (an async method still processing) is not paid yet.
 */
async function paymentOf(
  services: Services,
  session: Stripe.Checkout.Session,
): Promise<{ captured: boolean; amountCents: number | null | undefined; currency: string | undefined } | null> {
  if (session.payment_status === "paid") {
    return { captured: true, amountCents: session.amount_total, currency: session.currency?.toLowerCase() };
  }
  const paymentIntentId = idOf(session.payment_intent);
  if (session.status !== "complete" || !paymentIntentId) return null;
  try {
    const payment = await services.payments.retrievePayment(paymentIntentId);
    if (payment.status === "authorized") {
      return { captured: false, amountCents: payment.amountCapturable, currency: payment.currency.toLowerCase() };
    }
    if (payment.status === "captured")
      return { captured: true, amountCents: payment.amountReceived, currency: payment.currency.toLowerCase() };
    return null;
  } catch (error) {
    // Unknown to Stripe (not ours): ignored. Stripe unreachable: 500, and Stripe delivers it again.
    if (error instanceof PaymentGatewayError && error.kind !== "transient") return null;
    throw error;
  }
}

async function paymentSucceeded(services: Services, event: Stripe.Event, session: Stripe.Checkout.Session) {
  const bookingId = bookingIdOf(session);
  if (!bookingId) return "ignored";
  const booking = await services.db.booking.findUnique({ where: { id: bookingId } });
  if (!booking) return "ignored";
  if (await services.db.processedWebhookEvent.findUnique({ where: { id: event.id } })) return "duplicate";
  const paid = await paymentOf(services, session);
  if (!paid) return "ignored"; // async methods: wait for async_payment_succeeded
  const paymentIntentId = idOf(session.payment_intent);
  const ref = { id: event.id, type: event.type };
  if (paid.amountCents !== booking.priceCents || paid.currency !== booking.currency) {
    // Not the booking's price: a hold is released; money that arrived is recorded and refunded (AMOUNT_MISMATCH).
    const { amountCents, currency } = paid;
    if (typeof amountCents !== "number" || !Number.isSafeInteger(amountCents) || amountCents <= 0 || !currency) {
      logger.alert(
        { eventId: event.id, bookingId },
        `PAYMENT MISMATCH: ${event.id} for booking ${bookingId} reports no usable amount (${amountCents} ${currency}); not applied, needs a person`,
      );
      return "ignored";
    }
    if (!paid.captured && paymentIntentId) {
      return lateOrDuplicate(() =>
        releaseMismatchedAuthorization(services, { bookingId, paymentIntentId, received: { amountCents, currency }, event: ref }),
      );
    }
    return lateOrDuplicate(() =>
      refundMismatchedPayment(services, { bookingId, paymentIntentId, received: { amountCents, currency }, event: ref }),
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
    await markBookingPaid(services, { bookingId, paymentIntentId, captured: paid.captured, event: ref });
    return "applied";
  } catch (error) {
    if (error instanceof NotFoundError) return "ignored";
    if (error instanceof InvalidTransitionError) {
      if (error.currentStatus === "CANCELLED" || error.currentStatus === "EXPIRED") {
        // Paid after the booking was closed (cancelled or expired): released (a hold) or refunded (a charge).
        if (!paid.captured && paymentIntentId) {
          return lateOrDuplicate(() => releaseLateAuthorization(services, { bookingId, paymentIntentId, event: ref }));
        }
        return lateOrDuplicate(() => refundLatePayment(services, { bookingId, paymentIntentId, event: ref }));
      }
      return "duplicate";
    }
    if (isUniqueViolation(error)) return "duplicate"; // the same event applied concurrently
    throw error;
  }
}

/**
 * Stripe cancelled a payment intent: ours (a release, nothing to do) or a lapsed authorisation
 * (7 days uncaptured). A PENDING booking whose hold is gone can no longer be confirmed: it
 * expires, as if unanswered, and the mentee is told they were not charged.
 */
async function paymentCanceled(services: Services, event: Stripe.Event, intent: Stripe.PaymentIntent): Promise<EventOutcome> {
  const booking = await services.db.booking.findFirst({
    where: { stripePaymentIntentId: intent.id, status: "PENDING", capturedAt: null },
    select: { id: true },
  });
  if (!booking) {
    const known = await services.db.booking.findFirst({ where: { stripePaymentIntentId: intent.id }, select: { id: true } });
    return known ? "duplicate" : "ignored"; // ours: released by us, captured, or expired already
  }
  try {
    await expireBooking(services, booking.id, `The card authorisation lapsed at Stripe (${event.id})`);
    return "applied";
  } catch (error) {
    if (error instanceof InvalidTransitionError || error instanceof NotFoundError) return "duplicate";
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

export const bookingEventHandlers = {
  "checkout.session.completed": (services: Services, event: Stripe.CheckoutSessionCompletedEvent) =>
    paymentSucceeded(services, event, event.data.object),
  "checkout.session.async_payment_succeeded": (services: Services, event: Stripe.CheckoutSessionAsyncPaymentSucceededEvent) =>
    paymentSucceeded(services, event, event.data.object),
  "checkout.session.expired": (services: Services, event: Stripe.CheckoutSessionExpiredEvent) =>
    checkoutExpired(services, event, event.data.object),
  "payment_intent.canceled": (services: Services, event: Stripe.PaymentIntentCanceledEvent) =>
    paymentCanceled(services, event, event.data.object),
};
