// Stripe events of Checkout, turned into booking commands (merged into the map of
// server/stripe/dispatcher.ts). Idempotent: Stripe delivers events late, twice and out of order.
//   checkout.session.completed / async_payment_succeeded  the booking is paid (a mismatched amount,
//                                                          or a payment after it closed, is refunded)
//   checkout.session.expired                               an unpaid booking expires
import type Stripe from "stripe";
import type { Services } from "../services.ts";
import type { EventOutcome } from "../ports/event-outcome.ts";
import { expireUnpaidBooking, markBookingPaid, refundLatePayment, refundMismatchedPayment } from "./booking-commands.ts";
import { InvalidTransitionError, NotFoundError } from "../shared/errors.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { isUuid, idOf } from "../shared/ids.ts";
import { logger } from "../log.ts";

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

export const bookingEventHandlers = {
  "checkout.session.completed": (services: Services, event: Stripe.CheckoutSessionCompletedEvent) =>
    paymentSucceeded(services, event, event.data.object),
  "checkout.session.async_payment_succeeded": (services: Services, event: Stripe.CheckoutSessionAsyncPaymentSucceededEvent) =>
    paymentSucceeded(services, event, event.data.object),
  "checkout.session.expired": (services: Services, event: Stripe.CheckoutSessionExpiredEvent) =>
    checkoutExpired(services, event, event.data.object),
};
