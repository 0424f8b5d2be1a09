// What happens to a captured payment when a booking is cancelled, for every canceller: the
// mentee and the mentor (by the policy, cancellationTerms in booking-lifecycle.ts) and an admin
// (any amount). `refundCents` goes back to the mentee (a Refund row, made through Stripe after
// commit); the rest is kept and shared as a completed session's price is (platform fee and the
// mentor's earning), so refunds + mentor credit + fee = the captured amount. Runs inside the
// cancel transition's transaction.
import type { Booking, RefundReason } from "../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";
import { recordKeptOnCancellation } from "../ledger/movements.ts";
import { createRefundInTx } from "../refunds/refunds.ts";

export async function settleCancelledPayment(tx: Tx, booking: Booking, refundCents: number, reason: RefundReason): Promise<void> {
  if (refundCents > 0) await createRefundInTx(tx, booking, reason, { amountCents: refundCents, currency: booking.currency });
  await recordKeptOnCancellation(tx, booking, booking.priceCents - refundCents);
}
