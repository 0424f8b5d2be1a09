// The movements of money the product makes, each as one ledger transaction with its own
// idempotency key. Callers post them inside the transaction of the change that causes them.
import type { Booking, Payout, Refund } from "../generated/prisma/client.ts";
import type { Tx } from "../domain/transition-booking.ts";
import { splitFee } from "../domain/money.ts";
import { mentorAccount, PLATFORM_ACCOUNTS, postLedgerTransaction } from "./ledger.ts";

type BookingMoney = Pick<Booking, "id" | "mentorId" | "priceCents" | "currency" | "platformFeePercent">;

/** The mentee's payment reached the platform's Stripe balance; it is held until the session is done. */
export function recordPayment(tx: Tx, booking: BookingMoney): Promise<boolean> {
  return postLedgerTransaction(tx, {
    idempotencyKey: `payment:${booking.id}`,
    kind: "PAYMENT",
    currency: booking.currency,
    description: "Mentee payment received",
    bookingId: booking.id,
    postings: [
      { account: PLATFORM_ACCOUNTS.stripeBalance, side: "DEBIT", amountCents: booking.priceCents },
      { account: PLATFORM_ACCOUNTS.heldPayments, side: "CREDIT", amountCents: booking.priceCents },
    ],
  });
}

/**
 * The session is complete: the held payment becomes the platform's fee and the mentor's
 * earning (splitFee is the one place the fee is rounded). Returns the mentor's share.
 */
export async function recordCompletion(tx: Tx, booking: BookingMoney): Promise<number> {
  const { feeCents, mentorCents } = splitFee(booking.priceCents, booking.platformFeePercent);
  if (feeCents > 0) {
    await postLedgerTransaction(tx, {
      idempotencyKey: `fee:${booking.id}`,
      kind: "PLATFORM_FEE",
      currency: booking.currency,
      description: `Platform fee (${booking.platformFeePercent}%)`,
      bookingId: booking.id,
      postings: [
        { account: PLATFORM_ACCOUNTS.heldPayments, side: "DEBIT", amountCents: feeCents },
        { account: PLATFORM_ACCOUNTS.fees, side: "CREDIT", amountCents: feeCents },
      ],
    });
  }
  if (mentorCents > 0) {
    await postLedgerTransaction(tx, {
      idempotencyKey: `earning:${booking.id}`,
      kind: "MENTOR_EARNING",
      currency: booking.currency,
      description: "Mentor earning for a completed session",
      bookingId: booking.id,
      postings: [
        { account: PLATFORM_ACCOUNTS.heldPayments, side: "DEBIT", amountCents: mentorCents },
        { account: mentorAccount(booking.mentorId), side: "CREDIT", amountCents: mentorCents },
      ],
    });
  }
  return mentorCents;
}

/** Stripe refunded the mentee: the held payment leaves the platform's balance. */
export function recordRefund(tx: Tx, refund: Pick<Refund, "id" | "bookingId" | "amountCents" | "currency">): Promise<boolean> {
  return postLedgerTransaction(tx, {
    idempotencyKey: `refund:${refund.bookingId}`,
    kind: "REFUND",
    currency: refund.currency,
    description: "Payment refunded to the mentee",
    bookingId: refund.bookingId,
    refundId: refund.id,
    postings: [
      { account: PLATFORM_ACCOUNTS.heldPayments, side: "DEBIT", amountCents: refund.amountCents },
      { account: PLATFORM_ACCOUNTS.stripeBalance, side: "CREDIT", amountCents: refund.amountCents },
    ],
  });
}

/** A payout takes the amount off the mentor's balance before the transfer is made. */
export function recordPayout(tx: Tx, payout: Pick<Payout, "id" | "mentorId" | "amountCents" | "currency">): Promise<boolean> {
  return postLedgerTransaction(tx, {
    idempotencyKey: `payout:${payout.id}`,
    kind: "PAYOUT",
    currency: payout.currency,
    description: "Payout to the mentor's Stripe account",
    payoutId: payout.id,
    postings: [
      { account: mentorAccount(payout.mentorId), side: "DEBIT", amountCents: payout.amountCents },
      { account: PLATFORM_ACCOUNTS.stripeBalance, side: "CREDIT", amountCents: payout.amountCents },
    ],
  });
}

/** The transfer failed: the amount goes back on the mentor's balance. */
export function recordPayoutReversal(tx: Tx, payout: Pick<Payout, "id" | "mentorId" | "amountCents" | "currency">): Promise<boolean> {
  return postLedgerTransaction(tx, {
    idempotencyKey: `payout-reversal:${payout.id}`,
    kind: "PAYOUT_REVERSAL",
    currency: payout.currency,
    description: "Failed payout returned to the balance",
    payoutId: payout.id,
    postings: [
      { account: PLATFORM_ACCOUNTS.stripeBalance, side: "DEBIT", amountCents: payout.amountCents },
      { account: mentorAccount(payout.mentorId), side: "CREDIT", amountCents: payout.amountCents },
    ],
  });
}
