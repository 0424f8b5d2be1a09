// What happens to a captured payment when a booking is cancelled, for every canceller: the
// mentee and the mentor (by the policy, cancellationTerms in booking-lifecycle.ts) and an admin
// (any amount). `refundCents` goes back to the mentee (a Refund row, made through Stripe after
// commit); the rest is kept and shared as a completed session's price is (platform fee and the
// mentor's earning), so refunds + mentor credit + fee = the captured amount; the mentor's share
// is recorded as a released earning, for a later card dispute to find. Runs inside the cancel
// transition's transaction.
import type { Booking, RefundReason } from "../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";
import { recordKeptOnCancellation } from "../ledger/movements.ts";
import { createRefundInTx } from "../refunds/refunds.ts";

export async function settleCancelledPayment(tx: Tx, booking: Booking, refundCents: number, reason: RefundReason): Promise<void> {
  if (refundCents > 0) await createRefundInTx(tx, booking, reason, { amountCents: refundCents, currency: booking.currency });
  const kept = booking.priceCents - refundCents;
  const mentorCents = await recordKeptOnCancellation(tx, booking, kept);
  if (kept <= 0) return;
  // The mentor's share is on their balance at once: recorded as an earning already released, so
  // that a card dispute of the charge later finds it and freezes it as it does a completed
  // session's (taken back from the balance, owed if paid out; server/bookings/disputes.ts). The
  // booking is not completed: nothing holds, releases or reports this earning.
  const now = new Date();
  await tx.earningHold.upsert({
    where: { bookingId: booking.id },
    update: {},
    create: {
      bookingId: booking.id,
      mentorId: booking.mentorId,
      amountCents: mentorCents,
      feeCents: kept - mentorCents,
      currency: booking.currency,
      status: "RELEASED",
      availableAt: now,
      releasedAt: now,
    },
  });
}
