// The movements of money the product makes, each as one ledger transaction with its own
// idempotency key. Callers post them inside the transaction of the change that causes them.
import type { Booking, LedgerTransactionKind, Payout, Refund } from "../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";
import { splitFee } from "../shared/money.ts";
import {
  lockMentorAccounts,
  mentorAccount,
  mentorHeldAccount,
  mentorOwedAccount,
  PLATFORM_ACCOUNTS,
  postLedgerTransaction,
  type Posting,
} from "./ledger.ts";

type BookingMoney = Pick<Booking, "id" | "mentorId" | "priceCents" | "currency" | "platformFeePercent">;
type PayoutMoney = Pick<Payout, "id" | "mentorId" | "amountCents" | "currency">;

/** One amount from one account (debited) to another (credited). */
function move(
  tx: Tx,
  movement: {
    key: string;
    kind: LedgerTransactionKind;
    description: string;
    refs: { bookingId?: string; payoutId?: string; refundId?: string };
    debit: string;
    credit: string;
    amountCents: number;
    currency: string;
  },
): Promise<boolean> {
  return postLedgerTransaction(tx, {
    idempotencyKey: movement.key,
    kind: movement.kind,
    currency: movement.currency,
    description: movement.description,
    ...movement.refs,
    postings: [
      { account: movement.debit, side: "DEBIT", amountCents: movement.amountCents },
      { account: movement.credit, side: "CREDIT", amountCents: movement.amountCents },
    ],
  });
}

/**
 * The mentee's payment reached the platform's Stripe balance; it is held until the session is
 * done (or refunded). `received`: what Stripe actually captured when it is not the booking's
 * price (a mismatched payment, refunded in full): the ledger records the money that arrived.
 */
export function recordPayment(tx: Tx, booking: BookingMoney, received?: { amountCents: number; currency: string }): Promise<boolean> {
  return move(tx, {
    key: `payment:${booking.id}`,
    kind: "PAYMENT",
    description: received ? "Mentee payment received (not the booking's price; refunded)" : "Mentee payment received",
    refs: { bookingId: booking.id },
    debit: PLATFORM_ACCOUNTS.stripeBalance,
    credit: PLATFORM_ACCOUNTS.heldPayments,
    amountCents: received?.amountCents ?? booking.priceCents,
    currency: received?.currency ?? booking.currency,
  });
}

/**
 * Shares `amountCents` of the held payment as a completed session's price is (splitFee is the one
 * place the fee is rounded): the platform's fee, then the mentor's earning, credited to
 * `earningAccount`. The mentor's accounts are locked first (lockMentorAccounts).
 */
async function shareHeldPayment(
  tx: Tx,
  booking: BookingMoney,
  amountCents: number,
  describe: { fee: string; earning: string },
  earningAccount: string,
): Promise<{ feeCents: number; mentorCents: number }> {
  const { feeCents, mentorCents } = splitFee(amountCents, booking.platformFeePercent);
  await lockMentorAccounts(tx, booking.mentorId, booking.currency);
  if (feeCents > 0) {
    await move(tx, {
      key: `fee:${booking.id}`,
      kind: "PLATFORM_FEE",
      description: describe.fee,
      refs: { bookingId: booking.id },
      debit: PLATFORM_ACCOUNTS.heldPayments,
      credit: PLATFORM_ACCOUNTS.fees,
      amountCents: feeCents,
      currency: booking.currency,
    });
  }
  if (mentorCents > 0) {
    await move(tx, {
      key: `earning:${booking.id}`,
      kind: "MENTOR_EARNING",
      description: describe.earning,
      refs: { bookingId: booking.id },
      debit: PLATFORM_ACCOUNTS.heldPayments,
      credit: earningAccount,
      amountCents: mentorCents,
      currency: booking.currency,
    });
  }
  return { feeCents, mentorCents };
}

/**
 * The session is complete: the held payment becomes the platform's fee and the mentor's
 * earning, which is held (mentor-held:<id>) until the completion window ends
 * (recordEarningRelease moves it to the balance). Returns both shares.
 */
export function recordCompletion(tx: Tx, booking: BookingMoney): Promise<{ feeCents: number; mentorCents: number }> {
  return shareHeldPayment(
    tx,
    booking,
    booking.priceCents,
    {
      fee: `Platform fee (${booking.platformFeePercent}%)`,
      earning: "Mentor earning for a completed session (held in the completion window)",
    },
    mentorHeldAccount(booking.mentorId),
  );
}

/**
 * Moves `amountCents` of a mentor's earning from `from` (their held or frozen account) to their
 * available balance, repaying what they owe (mentor-owed:<id>) first: one transaction, one key.
 * The caller holds lockMentorAccounts (it reads the debt). Returns the cents that repaid debt.
 */
export async function recordEarningRelease(
  tx: Tx,
  movement: {
    key: string;
    kind: LedgerTransactionKind;
    description: string;
    bookingId: string;
    mentorId: string;
    currency: string;
    from: string;
    amountCents: number;
  },
): Promise<number> {
  if (movement.amountCents <= 0) return 0;
  const { owed } = await lockMentorAccounts(tx, movement.mentorId, movement.currency);
  const repaid = Math.min(owed, movement.amountCents);
  const postings: Posting[] = [{ account: movement.from, side: "DEBIT", amountCents: movement.amountCents }];
  if (repaid > 0) postings.push({ account: mentorOwedAccount(movement.mentorId), side: "CREDIT", amountCents: repaid });
  if (movement.amountCents > repaid) {
    postings.push({ account: mentorAccount(movement.mentorId), side: "CREDIT", amountCents: movement.amountCents - repaid });
  }
  const posted = await postLedgerTransaction(tx, {
    idempotencyKey: movement.key,
    kind: movement.kind,
    currency: movement.currency,
    description: repaid > 0 ? `${movement.description} (${repaid} cents repay what the mentor owed)` : movement.description,
    bookingId: movement.bookingId,
    postings,
  });
  return posted ? repaid : 0;
}

/**
 * A problem report refunded the mentee (in full or part): `earningCents` of the held earning
 * and `feeCents` of the platform's fee go back to the held payments, each its own posting, so
 * the refund (recordRefund) can take them. The caller holds lockMentorAccounts.
 */
export async function recordCompletionReversal(
  tx: Tx,
  booking: BookingMoney,
  shares: { earningCents: number; feeCents: number },
): Promise<void> {
  if (shares.earningCents > 0) {
    await move(tx, {
      key: `earning-reversal:${booking.id}`,
      kind: "EARNING_REVERSAL",
      description: "Held earning returned for the mentee's refund (problem report)",
      refs: { bookingId: booking.id },
      debit: mentorHeldAccount(booking.mentorId),
      credit: PLATFORM_ACCOUNTS.heldPayments,
      amountCents: shares.earningCents,
      currency: booking.currency,
    });
  }
  if (shares.feeCents > 0) {
    await move(tx, {
      key: `fee-reversal:${booking.id}`,
      kind: "FEE_REVERSAL",
      description: "Platform fee returned for the mentee's refund (problem report)",
      refs: { bookingId: booking.id },
      debit: PLATFORM_ACCOUNTS.fees,
      credit: PLATFORM_ACCOUNTS.heldPayments,
      amountCents: shares.feeCents,
      currency: booking.currency,
    });
  }
}

/** The ledger key of a refund's n-th try (an admin's retry of a FAILED refund is a new try). */
const refundKey = (refund: Pick<Refund, "bookingId" | "retries">) =>
  refund.retries > 0 ? `refund:${refund.bookingId}:r${refund.retries}` : `refund:${refund.bookingId}`;

/**
 * An admin cancelled a captured booking refunding only part of it: what is kept is shared as a
 * completed session's price is (splitFee), platform fee and mentor earning, under the same keys
 * (a cancelled booking is never completed). Returns the mentor's share.
 */
export async function recordKeptOnCancellation(tx: Tx, booking: BookingMoney, keptCents: number): Promise<number> {
  if (keptCents <= 0) return 0;
  const { mentorCents } = await shareHeldPayment(
    tx,
    booking,
    keptCents,
    {
      fee: `Platform fee (${booking.platformFeePercent}%) of what was kept on cancellation`,
      earning: "Mentor's share of what was kept on cancellation",
    },
    mentorAccount(booking.mentorId),
  );
  return mentorCents;
}

/** Stripe refunded the mentee: the held payment leaves the platform's balance. */
export function recordRefund(tx: Tx, refund: Pick<Refund, "id" | "bookingId" | "amountCents" | "currency" | "retries">): Promise<boolean> {
  return move(tx, {
    key: refundKey(refund),
    kind: "REFUND",
    description: "Payment refunded to the mentee",
    refs: { bookingId: refund.bookingId, refundId: refund.id },
    debit: PLATFORM_ACCOUNTS.heldPayments,
    credit: PLATFORM_ACCOUNTS.stripeBalance,
    amountCents: refund.amountCents,
    currency: refund.currency,
  });
}

/**
 * Stripe reported a refund failed after it had succeeded (the card issuer sent it back): the
 * money is on the platform's balance again, held for the booking until a person decides (an
 * admin retries the refund). Once per try of the refund.
 */
export function recordRefundReversal(
  tx: Tx,
  refund: Pick<Refund, "id" | "bookingId" | "amountCents" | "currency" | "retries">,
): Promise<boolean> {
  return move(tx, {
    key: `refund-reversal:${refundKey(refund).slice("refund:".length)}`,
    kind: "REFUND_REVERSAL",
    description: "Refund failed after it had succeeded; the money is back and held",
    refs: { bookingId: refund.bookingId, refundId: refund.id },
    debit: PLATFORM_ACCOUNTS.stripeBalance,
    credit: PLATFORM_ACCOUNTS.heldPayments,
    amountCents: refund.amountCents,
    currency: refund.currency,
  });
}

/** A payout takes the amount off the mentor's balance before the transfer is made. */
export function recordPayout(tx: Tx, payout: PayoutMoney): Promise<boolean> {
  return move(tx, {
    key: `payout:${payout.id}`,
    kind: "PAYOUT",
    description: "Payout to the mentor's Stripe account",
    refs: { payoutId: payout.id },
    debit: mentorAccount(payout.mentorId),
    credit: PLATFORM_ACCOUNTS.stripeBalance,
    amountCents: payout.amountCents,
    currency: payout.currency,
  });
}

/**
 * The transfer failed or was reversed in full: what had not come back yet (the amount less any
 * partial reversal already posted) goes back on the mentor's balance. Once per payout.
 */
export function recordPayoutReversal(tx: Tx, payout: PayoutMoney & Pick<Payout, "reversedCents">): Promise<boolean> {
  const remaining = payout.amountCents - payout.reversedCents;
  if (remaining <= 0) return Promise.resolve(false);
  return move(tx, {
    key: `payout-reversal:${payout.id}`,
    kind: "PAYOUT_REVERSAL",
    description: "Failed payout returned to the balance",
    refs: { payoutId: payout.id },
    debit: PLATFORM_ACCOUNTS.stripeBalance,
    credit: mentorAccount(payout.mentorId),
    amountCents: remaining,
    currency: payout.currency,
  });
}

/**
 * Stripe reversed part of a payout's transfer: the newly reversed cents (`cumulativeCents`, the
 * transfer's amount_reversed, less what was already posted) go back on the mentor's balance.
 * The key names the cumulative amount, so each reversal step is posted once.
 */
export function recordPartialPayoutReversal(
  tx: Tx,
  payout: PayoutMoney,
  step: { previousCents: number; cumulativeCents: number },
): Promise<boolean> {
  return move(tx, {
    key: `payout-reversal:${payout.id}:${step.cumulativeCents}`,
    kind: "PAYOUT_REVERSAL",
    description: `Payout transfer partly reversed (${step.cumulativeCents} of ${payout.amountCents} cents so far)`,
    refs: { payoutId: payout.id },
    debit: PLATFORM_ACCOUNTS.stripeBalance,
    credit: mentorAccount(payout.mentorId),
    amountCents: step.cumulativeCents - step.previousCents,
    currency: payout.currency,
  });
}
