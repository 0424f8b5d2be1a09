// What an admin may do to any booking, each recorded in the audit history (AdminAction: who,
// what, when, why, how much) besides the booking's own status history:
//   cancel with a full or partial refund   any booking not yet over; a captured payment is
//                                          refunded (in full, or `refundCents` of it: the rest is
//                                          shared as a completed session's price is); a held card
//                                          is released; an unpaid booking just closes
//   retry a FAILED refund                  a new try at Stripe (its own idempotency and ledger key)
import type { Booking } from "../generated/prisma/client.ts";
import type { Services } from "../services.ts";
import type { AuthenticatedUser } from "../accounts/auth.ts";
import { requireRole } from "../accounts/viewer.ts";
import { DomainError, NotFoundError, ValidationError } from "../shared/errors.ts";
import { cleanText } from "../shared/text.ts";
import { executeBookingRefund } from "../refunds/refunds.ts";
import { settleCancelledPayment } from "./cancellation.ts";
import { transitionBooking } from "./transition-booking.ts";
import { releaseAuthorization } from "./authorizations.ts";
import { refuseWhileDisputed } from "./disputes.ts";
import { changeOf } from "../pubsub.ts";
import { MAX_REASON_LENGTH } from "./booking-commands.ts";
import { queueBookingEmail } from "./booking-emails.ts";

/** The refund is not FAILED: only a failed refund can be sent again. */
export class RefundNotRetryableError extends DomainError {
  readonly code = "INVALID_STATE";
  constructor(readonly refundStatus: string) {
    super(`Only a failed refund can be retried; this one is ${refundStatus.toLowerCase()}.`);
  }
}

const WAIT_MS = 3_000;
async function waitBriefly(work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, WAIT_MS)))]);
  clearTimeout(timer);
}

export async function adminCancelBooking(
  services: Services,
  viewer: AuthenticatedUser | null,
  input: { bookingId: string; reason: string; refundCents: number | null | undefined },
): Promise<Booking> {
  const admin = requireRole(viewer, "ADMIN");
  const reason = cleanText("reason", "Reason", input.reason, { max: MAX_REASON_LENGTH, required: true });
  const { refundCents } = input;
  if (refundCents !== null && refundCents !== undefined && (!Number.isSafeInteger(refundCents) || refundCents < 0)) {
    throw new ValidationError("refundCents", "range", "The refund must be a whole number of cents, 0 or more.");
  }
  const booking = await transitionBooking(services, {
    bookingId: input.bookingId,
    action: "cancel",
    actor: { kind: "USER", userId: admin.id, asAdmin: true },
    note: reason,
    effects: async (tx, booking) => {
      await refuseWhileDisputed(tx, booking, "cancel");
      let refunded: number | null = null;
      if (booking.capturedAt) {
        const amount = refundCents ?? booking.priceCents;
        if (amount > booking.priceCents) {
          throw new ValidationError("refundCents", "range", `The refund can be at most the amount paid (${booking.priceCents} cents).`);
        }
        await settleCancelledPayment(tx, booking, amount, "ADMIN");
        refunded = amount;
      } else if (refundCents !== null && refundCents !== undefined && refundCents !== (booking.paidAt ? booking.priceCents : 0)) {
        throw new ValidationError(
          "refundCents",
          "not_charged",
          booking.paidAt
            ? "Nothing was charged yet: cancelling releases the whole hold on the card. Leave the refund empty."
            : "The booking is not paid: there is nothing to refund. Leave the refund empty.",
        );
      }
      await tx.adminAction.create({
        data: { adminId: admin.id, kind: "CANCEL_BOOKING", bookingId: booking.id, amountCents: refunded, note: reason },
      });
      // Both sides hear it from us, with the reason and what happens to the money (the mentor only
      // knew a paid booking).
      const told = { reason, refundCents: refunded };
      await queueBookingEmail(tx, services.env.publicUrl, booking.id, "bookingCancelledByAdmin", "mentee", "", undefined, told);
      if (booking.paidAt !== null) {
        await queueBookingEmail(tx, services.env.publicUrl, booking.id, "bookingCancelledByAdminForMentor", "mentor", "", undefined, told);
      }
    },
  });
  await waitBriefly(
    booking.capturedAt
      ? services.inBackground(`refund of booking ${booking.id}`, () => executeBookingRefund(services, booking.id))
      : services.inBackground(`releasing the authorisation of booking ${booking.id}`, () => releaseAuthorization(services, booking.id)),
  );
  return (await services.db.booking.findUnique({ where: { id: booking.id } })) ?? booking;
}

export async function retryRefund(services: Services, viewer: AuthenticatedUser | null, bookingId: string): Promise<Booking> {
  const admin = requireRole(viewer, "ADMIN");
  const { db } = services;
  await db.$transaction(async (tx) => {
    const refund = await tx.refund.findUnique({ where: { bookingId } });
    if (!refund) throw new NotFoundError("Refund");
    const reopened = await tx.refund.updateMany({
      where: { id: refund.id, status: "FAILED" },
      data: {
        status: "PENDING",
        retries: { increment: 1 },
        stripeRefundId: null,
        attempts: 0,
        nextAttemptAt: new Date(),
        failureReason: null,
        failedAt: null,
        lastError: null,
      },
    });
    if (reopened.count !== 1) throw new RefundNotRetryableError(refund.status);
    await tx.adminAction.create({
      data: { adminId: admin.id, kind: "RETRY_REFUND", bookingId, refundId: refund.id, amountCents: refund.amountCents },
    });
  });
  await waitBriefly(services.inBackground(`retried refund of booking ${bookingId}`, () => executeBookingRefund(services, bookingId)));
  const booking = await db.booking.findUniqueOrThrow({ where: { id: bookingId } });
  services.publish(changeOf(booking, "refund"));
  return booking;
}
