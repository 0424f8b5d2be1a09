// Card authorisations (manual capture). The mentee's card is authorised when they pay
// (checkout.session.completed reports the session complete and its payment intent
// `requires_capture`); the booking is PENDING but the ledger holds nothing yet. Confirming
// captures it (captureInTx, inside the confirm transition, so of concurrent confirms one
// captures, with the key `capture:<bookingId>`), and the capture is the ledger's PAYMENT.
// A booking that ends before that (decline, cancel, expiry) releases the hold after commit
// (releaseAuthorization, key `release:<paymentIntentId>`): nothing was charged, so nothing is
// refunded and no fee is kept. A release that could not be made is retried by the
// expire-bookings task; Stripe also lets an uncaptured authorisation lapse after 7 days.
import type { Booking, RefundReason } from "../generated/prisma/client.ts";
import type { Services } from "../services.ts";
import type { Tx } from "../db/client.ts";
import { CaptureError, type ProviderPaymentState } from "../ports/payment-gateway.ts";
import { PaymentCaptureError } from "../shared/errors.ts";
import { recordPayment } from "../ledger/movements.ts";
import { createRefundInTx, executeBookingRefund } from "../refunds/refunds.ts";
import { changeOf } from "../pubsub.ts";
import { logger, errorFields } from "../log.ts";
import { TERMINAL_STATUSES } from "./booking-lifecycle.ts";

/**
 * Captures the booking's authorisation in the transaction that confirms it (the booking row is
 * locked, so concurrent confirms wait and are then refused) and records the PAYMENT. A payment
 * captured at checkout already has its PAYMENT. A capture that fails throws PaymentCaptureError,
 * rolling the confirmation back: the booking stays PENDING.
 */
export async function captureInTx(services: Services, tx: Tx, booking: Booking): Promise<Booking> {
  if (booking.capturedAt) return booking;
  if (!booking.stripePaymentIntentId) {
    throw new PaymentCaptureError(false, "This booking has no card authorisation to charge. Decline it, or ask the mentee to book again.");
  }
  let captured: ProviderPaymentState;
  try {
    captured = await services.payments.capturePayment({ bookingId: booking.id, paymentIntentId: booking.stripePaymentIntentId });
  } catch (error) {
    if (!(error instanceof CaptureError)) throw error;
    logger.warn(
      { bookingId: booking.id, code: error.code, transient: error.transient },
      `capture of booking ${booking.id} (payment ${booking.stripePaymentIntentId}) failed: ${error.message}`,
    );
    throw error.transient
      ? new PaymentCaptureError(
          true,
          "The payment provider could not be reached, so the mentee's card was not charged. Try confirming again.",
        )
      : new PaymentCaptureError(
          false,
          "The mentee's card could not be charged: its authorisation was refused or has lapsed. The booking is still pending; decline it, or ask the mentee to book again.",
        );
  }
  const updated = await tx.booking.update({
    where: { id: booking.id },
    data: { capturedAt: new Date(), stripeChargeId: captured.chargeId },
  });
  await recordPayment(tx, updated);
  return updated;
}

/** The refund reason when a payment that should only have been held turns out captured. */
function refundReasonOf(booking: Pick<Booking, "status" | "paidAt">): RefundReason {
  if (booking.paidAt === null) return "LATE_PAYMENT";
  return booking.status === "DECLINED" ? "DECLINED" : booking.status === "CANCELLED" ? "CANCELLED" : "EXPIRED";
}

export type ReleaseOutcome = "released" | "refunding" | "retry" | "skipped";

/**
 * Releases the card authorisation of a closed booking that was never captured. Once: the row
 * records authorizationReleasedAt with a conditional update. If Stripe says the payment was
 * captured after all (a confirmation whose answer was lost, then a decline), the money that
 * arrived is recorded and refunded in full, as any payment on a closed booking.
 */
export async function releaseAuthorization(services: Services, bookingId: string): Promise<ReleaseOutcome> {
  const { db } = services;
  const booking = await db.booking.findUnique({ where: { id: bookingId } });
  if (!booking?.stripePaymentIntentId || booking.capturedAt || booking.authorizationReleasedAt) return "skipped";
  if (!TERMINAL_STATUSES.includes(booking.status)) return "skipped";
  let state: ProviderPaymentState;
  try {
    state = await services.payments.releaseAuthorization({ bookingId, paymentIntentId: booking.stripePaymentIntentId });
  } catch (error) {
    logger.warn(
      { bookingId, ...errorFields(error) },
      `could not release the card authorisation of booking ${bookingId}; the expire-bookings task tries again`,
    );
    return "retry";
  }
  if (state.status === "captured") {
    const created = await db.$transaction(async (tx) => {
      const claimed = await tx.booking.updateMany({
        where: { id: bookingId, capturedAt: null, authorizationReleasedAt: null },
        data: { capturedAt: new Date(), stripeChargeId: state.chargeId },
      });
      if (claimed.count !== 1) return false;
      const received = { amountCents: state.amountReceived || booking.priceCents, currency: state.currency || booking.currency };
      const mismatched = received.amountCents !== booking.priceCents || received.currency !== booking.currency;
      await recordPayment(tx, booking, mismatched ? received : undefined);
      await createRefundInTx(tx, booking, refundReasonOf(booking), mismatched ? received : undefined);
      return true;
    });
    if (created) {
      logger.warn({ bookingId }, `booking ${bookingId} is closed but its payment was captured; refunding it in full`);
      await executeBookingRefund(services, bookingId);
    }
    return "refunding";
  }
  const released = await db.booking.updateMany({
    where: { id: bookingId, capturedAt: null, authorizationReleasedAt: null },
    data: { authorizationReleasedAt: new Date() },
  });
  if (released.count === 1) {
    const after = await db.booking.findUnique({ where: { id: bookingId } });
    if (after) services.publish(changeOf(after, "release"));
  }
  return "released";
}

/** One pass of the expire-bookings task: closed bookings whose authorisation is still held. */
export async function releaseDueAuthorizations(services: Services, log: (line: string) => void, limit = 100) {
  const due = await services.db.booking.findMany({
    where: {
      status: { in: [...TERMINAL_STATUSES] },
      capturedAt: null,
      authorizationReleasedAt: null,
      stripePaymentIntentId: { not: null },
    },
    orderBy: { updatedAt: "asc" },
    take: limit,
    select: { id: true },
  });
  const counts: Record<ReleaseOutcome, number> = { released: 0, refunding: 0, retry: 0, skipped: 0 };
  for (const { id } of due) {
    const outcome = await releaseAuthorization(services, id);
    counts[outcome] += 1;
    if (outcome !== "skipped") log(`booking ${id}: authorisation ${outcome}`);
  }
  return counts;
}
