// What happens to a captured payment when a booking closes without completion: cancelled by the
// mentee or the mentor (by the policy, cancellationTerms in booking-lifecycle.ts) or an admin
// (any amount), or declined or expired (refundInFull). `refundCents` goes back to the mentee (a
// Refund row, made through Stripe after commit), less what their bank already returned through a
// lost card dispute (settleLostDisputes: never refunded twice); the rest is kept and shared as a
// completed session's price is (platform fee and the mentor's earning), so refunds + chargeback +
// mentor credit + fee = the captured amount; the mentor's share is recorded as a released
// earning, for a later card dispute to find. Runs inside the transition's transaction.
import type { Booking, RefundReason } from "../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";
import { recordKeptOnCancellation } from "../ledger/movements.ts";
import { createRefundInTx } from "../refunds/refunds.ts";
import { settleLostDisputes } from "./disputes.ts";
import { splitAfterChargeback } from "./booking-lifecycle.ts";

/** Returns the mentor's share of what was kept, in cents. */
export async function settleCancelledPayment(tx: Tx, booking: Booking, refundCents: number, reason: RefundReason): Promise<number> {
  await settleLostDisputes(tx, booking);
  const { refundCents: refundedCents, keptCents: kept } = splitAfterChargeback(refundCents, booking);
  if (refundedCents > 0) await createRefundInTx(tx, booking, reason, { amountCents: refundedCents, currency: booking.currency });
  const mentorCents = await recordKeptOnCancellation(tx, booking, kept);
  if (kept <= 0) return mentorCents;
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
  return mentorCents;
}

/** A declined, expired or (before confirmation) cancelled booking: its whole captured payment goes back. */
export async function refundInFull(tx: Tx, booking: Booking, reason: RefundReason): Promise<void> {
  await settleCancelledPayment(tx, booking, booking.priceCents, reason);
}
