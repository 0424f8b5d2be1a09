// Card disputes (chargebacks) of a booking's charge, from Stripe's charge.dispute.created and
// charge.dispute.closed (handled in dispute-created.ts and dispute-closed.ts):
//
//   created  the booking's earning is frozen (mentor-frozen:<id>): taken from mentor-held:<id> if
//            it is still held (the release job leaves a frozen hold alone), or back from the
//            mentor's balance if it was released; what the balance cannot cover (already paid
//            out) is recorded as owed (mentor-owed:<id>, never a negative balance) and repaid
//            first by the mentor's next releases
//            A dispute of a booking not completed yet finds no earning: completing it later
//            freezes the earning as it is held (freezeForOpenDispute), and cancelling or
//            declining it is refused until the dispute closes (refuseWhileDisputed). A booking
//            cancelled keeping part of its price has its mentor's share recorded as a released
//            earning (cancellation.ts): frozen from the balance like any other
//   won      the frozen earning goes back: to held while the hold is HELD or REPORTED (the job
//            releases it when due), else to the balance (repaying any debt first)
//   lost     Stripe took the disputed amount from the platform's balance (DISPUTE_LOSS, to
//            platform:dispute-losses); it is recovered from the frozen earning and the fee in the
//            proportion of a price (DISPUTE_RECOVERY); any frozen rest goes back as when won.
//            Stripe's dispute fee, when the event carries it, is a DISPUTE_FEE. A booking not
//            completed has no earning to recover from: the loss waits (LOSS_NOT_RECOVERED) and,
//            if the booking is then cancelled, declined or expires, its held payment covers it
//            and the mentee is not refunded a second time (settleLostDisputes); if it is
//            completed, the new earning and fee cover it (recoverLostDisputesOnCompletion)
//
// What a person must act on is also kept on the Dispute row (`attention`, listed to admins by
// disputes(needsAttention: true)), not only logged as an alert: a dispute that does not describe
// the booking's charge, a closing the ledger could not record, a loss no earning could cover.
//
// Each change takes the booking's row lock first, then the mentor's accounts (lockMentorAccounts),
// and moves money under keys named by the Stripe dispute id, with the Dispute row's status in
// the same transaction: a replayed event finds the dispute in that state and moves nothing; a
// closing event that arrives before the opening one opens and closes it at once, and the late
// opening event then finds it closed.
import type { Booking, Dispute, EarningHold } from "../generated/prisma/client.ts";
import type { Services } from "../services.ts";
import type { Tx } from "../db/client.ts";
import type { EventOutcome } from "../ports/event-outcome.ts";
import { splitFee } from "../shared/money.ts";
import {
  InsufficientBalanceError,
  lockMentorAccounts,
  mentorAccount,
  mentorFrozenAccount,
  mentorHeldAccount,
  mentorOwedAccount,
  PLATFORM_ACCOUNTS,
  postLedgerTransaction,
  type Posting,
} from "../ledger/ledger.ts";
import { recordEarningRelease } from "../ledger/movements.ts";
import { changeOf } from "../pubsub.ts";
import { logger } from "../log.ts";
import type { AuthenticatedUser } from "../accounts/auth.ts";
import { requireRole } from "../accounts/viewer.ts";
import { DomainError, InvalidTransitionError, NotFoundError, ValidationError } from "../shared/errors.ts";
import { cleanText } from "../shared/text.ts";

/** What a dispute event says, as the handlers read it. */
export interface DisputeNews {
  stripeDisputeId: string;
  paymentIntentId: string | null;
  chargeId: string | null;
  amountCents: number;
  currency: string;
  reason: string;
  /** Stripe's status: needs_response, under_review, won, lost, warning_closed... */
  status: string;
  /** Stripe's dispute fee (the balance transactions' fees, net), when the event carries them. */
  feeCents: number;
}

type Outcome = "won" | "lost" | null;

/** won and warning_closed (an inquiry closed without a chargeback) give the money back; lost takes it. */
function outcomeOf(status: string): Outcome {
  if (status === "won" || status === "warning_closed") return "won";
  if (status === "lost") return "lost";
  return null;
}

/**
 * The booking the disputed charge paid, locked for the rest of the transaction; or, when there is
 * nothing to settle, what the event came to: ignored (not a booking of ours), or applied (then
 * duplicate) when it is recorded as not describing the booking's charge.
 */
async function lockDisputedBooking(tx: Tx, news: DisputeNews): Promise<{ booking: Booking } | { outcome: EventOutcome }> {
  const or = [
    ...(news.paymentIntentId ? [{ stripePaymentIntentId: news.paymentIntentId }] : []),
    ...(news.chargeId ? [{ stripeChargeId: news.chargeId }] : []),
  ];
  if (or.length === 0) return { outcome: "ignored" };
  const booking = await tx.booking.findFirst({ where: { OR: or } });
  if (!booking) return { outcome: "ignored" };
  await tx.booking.updateMany({ where: { id: booking.id }, data: { updatedAt: new Date() } });
  // A dispute can only be about money we captured, in its currency, up to its amount: anything
  // else does not describe this booking's charge (a person looks; no money moves on it). It is
  // recorded OPEN and flagged NOT_THIS_CHARGE so that admins find it; its later events change nothing.
  if (booking.capturedAt === null || news.currency !== booking.currency || news.amountCents > booking.priceCents) {
    logger.alert(
      { bookingId: booking.id, disputeId: news.stripeDisputeId },
      `DISPUTE ${news.stripeDisputeId} does not match booking ${booking.id} (${news.amountCents} ${news.currency} disputed; ${booking.capturedAt ? `${booking.priceCents} ${booking.currency} captured` : "nothing captured"}); nothing moved, a person must look`,
    );
    if (await tx.dispute.findUnique({ where: { stripeDisputeId: news.stripeDisputeId }, select: { id: true } })) {
      return { outcome: "duplicate" };
    }
    await tx.dispute.create({ data: { ...disputeRow(booking, news), attention: "NOT_THIS_CHARGE" } });
    return { outcome: "applied" };
  }
  return { booking };
}

async function move(
  tx: Tx,
  booking: Booking,
  key: string,
  kind: "DISPUTE_FREEZE" | "DISPUTE_RELEASE" | "DISPUTE_LOSS" | "DISPUTE_RECOVERY" | "DISPUTE_FEE",
  description: string,
  postings: Posting[],
) {
  const nonZero = postings.filter((p) => p.amountCents > 0);
  if (nonZero.length < 2) return false;
  return postLedgerTransaction(tx, {
    idempotencyKey: key,
    kind,
    currency: booking.currency,
    description,
    bookingId: booking.id,
    postings: nonZero,
  });
}

/**
 * Freezes the booking's earning for this dispute, once (the hold's `frozen` flag). Nothing to
 * freeze when the booking has no earning yet (not completed) or none left (refunded).
 */
async function freeze(tx: Tx, booking: Booking, dispute: Dispute): Promise<Dispute> {
  const hold = await tx.earningHold.findUnique({ where: { bookingId: booking.id } });
  if (!hold || hold.frozen || hold.amountCents <= 0 || hold.status === "REFUNDED") return dispute;
  const accounts = await lockMentorAccounts(tx, hold.mentorId, hold.currency);
  const amount = hold.amountCents;
  let owed = 0;
  if (hold.status === "RELEASED") {
    const fromBalance = Math.min(accounts.available, amount);
    owed = amount - fromBalance;
    await move(
      tx,
      booking,
      `dispute-freeze:${dispute.stripeDisputeId}`,
      "DISPUTE_FREEZE",
      owed > 0
        ? `Card dispute: earning taken back from the balance (${owed} cents already paid out are owed)`
        : "Card dispute: earning taken back from the balance",
      [
        { account: mentorAccount(hold.mentorId), side: "DEBIT", amountCents: fromBalance },
        { account: mentorOwedAccount(hold.mentorId), side: "DEBIT", amountCents: owed },
        { account: mentorFrozenAccount(hold.mentorId), side: "CREDIT", amountCents: amount },
      ],
    );
  } else {
    await move(tx, booking, `dispute-freeze:${dispute.stripeDisputeId}`, "DISPUTE_FREEZE", "Card dispute: held earning frozen", [
      { account: mentorHeldAccount(hold.mentorId), side: "DEBIT", amountCents: amount },
      { account: mentorFrozenAccount(hold.mentorId), side: "CREDIT", amountCents: amount },
    ]);
  }
  await tx.earningHold.update({ where: { bookingId: hold.bookingId }, data: { frozen: true } });
  return tx.dispute.update({ where: { id: dispute.id }, data: { frozenCents: amount, owedCents: owed } });
}

/** The booking's lost disputes of its charge, oldest first. */
function lostDisputesOf(tx: Tx, bookingId: string): Promise<Dispute[]> {
  return tx.dispute.findMany({
    where: { bookingId, status: "LOST", OR: [{ attention: null }, { attention: { not: "NOT_THIS_CHARGE" } }] },
    orderBy: { openedAt: "asc" },
  });
}

/** The booking's open dispute that describes its charge (not one flagged NOT_THIS_CHARGE), if any. */
function openDisputeOf(tx: Tx, bookingId: string): Promise<Dispute | null> {
  return tx.dispute.findFirst({
    where: { bookingId, status: "OPEN", OR: [{ attention: null }, { attention: { not: "NOT_THIS_CHARGE" } }] },
    orderBy: { openedAt: "asc" },
  });
}

/**
 * In the completion's transaction (booking locked): a dispute that arrived before completion
 * found no earning to freeze, so the earning just held is frozen for it now, as if the dispute
 * had come after completion; its closing then settles it by the usual rules (won: held again,
 * released when the window is over; lost: recovered from it). The dispute's own lock order
 * (booking, then the mentor's accounts) is the completion's, so of a completion and a
 * dispute.created at once, the second sees what the first did and exactly one freezes.
 * Returns whether it froze the earning.
 */
export async function freezeForOpenDispute(tx: Tx, booking: Booking): Promise<boolean> {
  const dispute = await openDisputeOf(tx, booking.id);
  if (!dispute || dispute.frozenCents > 0) return false;
  const frozen = await freeze(tx, booking, dispute);
  if (frozen.frozenCents > 0) {
    logger.alert(
      { bookingId: booking.id, disputeId: dispute.stripeDisputeId },
      `DISPUTE ${dispute.stripeDisputeId} is open on booking ${booking.id}, completed now: its earning is frozen until the dispute closes`,
    );
  }
  return frozen.frozenCents > 0;
}

/**
 * A captured booking whose charge is disputed cannot be refunded (Stripe refuses refunds of a
 * disputed charge: the bank's decision gives the money back or not) nor shared out on
 * cancellation (the mentor's share would reach their balance unfrozen): its cancel or decline
 * is refused until the dispute closes, and its expiry waits for the closing (the expiry task
 * tries again on its next run). In the transition's transaction, booking locked.
 */
export async function refuseWhileDisputed(tx: Tx, booking: Booking, action: "cancel" | "decline" | "expire"): Promise<void> {
  if (!booking.capturedAt || !(await openDisputeOf(tx, booking.id))) return;
  // `booking` is as the transition left it; a captured booking is left from CONFIRMED, or from
  // PENDING when its payment was captured at checkout.
  throw new InvalidTransitionError(
    action,
    booking.confirmedAt ? "CONFIRMED" : "PENDING",
    "The mentee's bank is disputing this payment: the booking cannot be cancelled or refunded until the dispute closes.",
  );
}

/**
 * A captured booking closing without completion (cancelled, declined, expired) after a card
 * dispute of its charge was lost: the bank has already given the mentee the disputed amount back,
 * so that part is not refunded again (Stripe refuses to refund a charged-back charge). The payment
 * held for the booking covers the platform's loss instead (DISPUTE_RECOVERY from the held
 * payments), so the dispute is recovered and no longer needs a person. In the transition's
 * transaction, booking locked, once per booking (it leaves the status the transition left).
 * The caller does not refund Booking.chargedBackCents, what the bank returned.
 */
export async function settleLostDisputes(tx: Tx, booking: Booking): Promise<void> {
  // Booking.chargedBackCents is what the lost closings recorded: none, no query.
  if (!booking.capturedAt || booking.chargedBackCents === 0) return;
  const lost = await lostDisputesOf(tx, booking.id);
  let returned = 0;
  for (const dispute of lost) {
    const cents = Math.min(dispute.amountCents, booking.chargedBackCents - returned);
    if (cents <= 0) break;
    returned += cents;
    // Not completed, so no earning was there to recover from when it closed: recoveredCents is 0.
    const recoverable = Math.max(0, cents - dispute.recoveredCents);
    await move(
      tx,
      booking,
      `dispute-recovery:${dispute.stripeDisputeId}:held-payment`,
      "DISPUTE_RECOVERY",
      "Booking closed after a lost card dispute: its held payment covers the loss (the bank returned it to the mentee)",
      [
        { account: PLATFORM_ACCOUNTS.heldPayments, side: "DEBIT", amountCents: recoverable },
        { account: PLATFORM_ACCOUNTS.disputeLosses, side: "CREDIT", amountCents: recoverable },
      ],
    );
    await tx.dispute.update({
      where: { id: dispute.id },
      data: {
        recoveredCents: dispute.recoveredCents + recoverable,
        ...(dispute.attention === "LOSS_NOT_RECOVERED" ? { attention: null } : {}),
      },
    });
  }
  logger.info(
    { bookingId: booking.id },
    `booking ${booking.id} closed after a lost card dispute: ${returned} cents went back through the bank, not refunded again`,
  );
}

/**
 * A lost dispute's amount taken back from the booking's earning and the platform fee, split as a
 * price is (the mentor's share from the earning, at most what it holds; the rest from the fee),
 * one DISPUTE_RECOVERY under the dispute's key: from the frozen earning when the dispute closes,
 * or from the earning just held when a booking whose dispute was already lost is completed. The
 * hold keeps what is left; a HELD one the recovery took all of has nothing left to release.
 */
async function recoverFromEarning(
  tx: Tx,
  booking: Booking,
  hold: EarningHold,
  dispute: Dispute,
  lostCents: number,
  from: "frozen" | "held",
): Promise<{ earningCents: number; recoveredCents: number; hold: EarningHold }> {
  const share = splitFee(lostCents, booking.platformFeePercent);
  const earningCents = Math.min(share.mentorCents, from === "frozen" ? dispute.frozenCents : hold.amountCents);
  const feeCents = Math.min(lostCents - earningCents, hold.feeCents);
  const recoveredCents = earningCents + feeCents;
  await move(
    tx,
    booking,
    `dispute-recovery:${dispute.stripeDisputeId}`,
    "DISPUTE_RECOVERY",
    from === "frozen"
      ? "Card dispute lost: recovered from the frozen earning and the platform fee"
      : "Session completed after its card dispute was lost: recovered from the earning and the platform fee",
    [
      {
        account: from === "frozen" ? mentorFrozenAccount(hold.mentorId) : mentorHeldAccount(hold.mentorId),
        side: "DEBIT",
        amountCents: earningCents,
      },
      { account: PLATFORM_ACCOUNTS.fees, side: "DEBIT", amountCents: feeCents },
      { account: PLATFORM_ACCOUNTS.disputeLosses, side: "CREDIT", amountCents: recoveredCents },
    ],
  );
  const left = hold.amountCents - earningCents;
  const emptied = left === 0 && hold.status === "HELD";
  const after = await tx.earningHold.update({
    where: { bookingId: hold.bookingId },
    data: {
      amountCents: left,
      feeCents: hold.feeCents - feeCents,
      ...(emptied ? { status: "RELEASED", releasedAt: new Date() } : {}),
    },
  });
  return { earningCents, recoveredCents, hold: after };
}

/**
 * In the completion's transaction (booking locked, earning just held): a dispute of this charge
 * that was lost before completion found no earning and left the platform the loss
 * (LOSS_NOT_RECOVERED). It is recovered now from the new earning and fee, as if the dispute had
 * closed after completion, and the flag clears; also when an admin marked it handled meanwhile
 * (the flag is about who looks, the recovery keeps refunds + credits + fee = what was captured).
 * Returns the hold as it is left.
 */
export async function recoverLostDisputesOnCompletion(tx: Tx, booking: Booking, hold: EarningHold): Promise<EarningHold> {
  // Booking.chargedBackCents is what the lost closings recorded: none, no query.
  if (booking.chargedBackCents === 0) return hold;
  const lost = (await lostDisputesOf(tx, booking.id)).filter((dispute) => dispute.recoveredCents === 0);
  let current = hold;
  if (lost.length > 0) await lockMentorAccounts(tx, hold.mentorId, hold.currency);
  for (const dispute of lost) {
    const recovery = await recoverFromEarning(tx, booking, current, dispute, dispute.amountCents, "held");
    const { recoveredCents } = recovery;
    await tx.dispute.update({ where: { id: dispute.id }, data: { recoveredCents, attention: null } });
    current = recovery.hold;
    logger.warn(
      { bookingId: booking.id, disputeId: dispute.stripeDisputeId },
      `dispute ${dispute.stripeDisputeId} was lost before booking ${booking.id} was completed: ${recoveredCents} cents recovered from its earning and fee now`,
    );
  }
  return current;
}

/** What is left frozen goes back: to held while the hold waits (window or report), else to the balance, debt first. */
async function unfreeze(tx: Tx, booking: Booking, hold: EarningHold, dispute: Dispute, amountCents: number): Promise<void> {
  if (amountCents > 0) {
    const key = `dispute-release:${dispute.stripeDisputeId}`;
    if (hold.status === "HELD" || hold.status === "REPORTED") {
      await move(tx, booking, key, "DISPUTE_RELEASE", "Card dispute closed: the frozen earning is held again", [
        { account: mentorFrozenAccount(hold.mentorId), side: "DEBIT", amountCents },
        { account: mentorHeldAccount(hold.mentorId), side: "CREDIT", amountCents },
      ]);
    } else {
      await recordEarningRelease(tx, {
        key,
        kind: "DISPUTE_RELEASE",
        description: "Card dispute closed: the frozen earning is back on the balance",
        bookingId: booking.id,
        mentorId: hold.mentorId,
        currency: hold.currency,
        from: mentorFrozenAccount(hold.mentorId),
        amountCents,
      });
    }
  }
  await tx.earningHold.update({ where: { bookingId: hold.bookingId }, data: { frozen: false } });
}

/** Finds or records the dispute (OPEN, earning frozen). `created`: this call recorded it. */
async function openInTx(tx: Tx, booking: Booking, news: DisputeNews): Promise<{ dispute: Dispute; created: boolean }> {
  const existing = await tx.dispute.findUnique({ where: { stripeDisputeId: news.stripeDisputeId } });
  if (existing) return { dispute: existing, created: false };
  const dispute = await tx.dispute.create({ data: disputeRow(booking, news) });
  return { dispute: await freeze(tx, booking, dispute), created: true };
}

/** A new dispute's row, OPEN, as Stripe reported it. */
function disputeRow(booking: Booking, news: DisputeNews) {
  return {
    stripeDisputeId: news.stripeDisputeId,
    bookingId: booking.id,
    amountCents: news.amountCents,
    currency: news.currency,
    reason: news.reason,
    status: "OPEN",
  } as const;
}

/** charge.dispute.created (and any later dispute news before it closes). */
export async function openDispute(services: Services, news: DisputeNews): Promise<EventOutcome> {
  const result = await services.db.$transaction(async (tx) => {
    const found = await lockDisputedBooking(tx, news);
    if (!("booking" in found)) return found.outcome;
    const { booking } = found;
    const { created } = await openInTx(tx, booking, news);
    if (created) {
      logger.alert(
        { bookingId: booking.id, disputeId: news.stripeDisputeId },
        `DISPUTE OPENED: ${news.stripeDisputeId} (${news.amountCents} ${news.currency}, ${news.reason}) on booking ${booking.id}; the mentor's earning is frozen. Respond at Stripe.`,
      );
    }
    return created ? ("applied" as const) : ("duplicate" as const);
  });
  if (result === "ignored")
    logger.warn({ disputeId: news.stripeDisputeId }, `stripe: dispute ${news.stripeDisputeId} is not about a booking of ours`);
  return result;
}

/** charge.dispute.closed: won releases the frozen earning; lost takes the disputed amount from it and the fee. */
export async function closeDispute(services: Services, news: DisputeNews): Promise<EventOutcome> {
  const outcome = outcomeOf(news.status);
  if (!outcome) return "ignored";
  try {
    return await closeInTransaction(services, news, outcome);
  } catch (error) {
    // The platform's recorded Stripe balance cannot take the loss (the charge was refunded too, or
    // the ledger and Stripe disagree): retrying will not change that, so nothing is moved, the
    // dispute stays OPEN, flagged for admins, and a person reconciles (npm run reconcile).
    if (!(error instanceof InsufficientBalanceError)) throw error;
    logger.alert(
      { disputeId: news.stripeDisputeId, account: error.account },
      `DISPUTE ${news.stripeDisputeId} ${outcome}: its loss would take ${error.account} below zero; nothing moved, a person must reconcile`,
    );
    return flagUnrecordedClose(services, news);
  }
}

/**
 * Flags the dispute whose closing could not be recorded (CLOSE_NOT_RECORDED), in a transaction
 * of its own since the closing one rolled back: applied when this changed the row, duplicate
 * when it was flagged already. A closing event that came first records the dispute here as its
 * opening event would have (earning frozen), so the state is the same whichever came first. A
 * later closing that goes through clears the flag.
 */
async function flagUnrecordedClose(services: Services, news: DisputeNews): Promise<EventOutcome> {
  return services.db.$transaction(async (tx) => {
    const found = await lockDisputedBooking(tx, news);
    if (!("booking" in found)) return found.outcome;
    const { dispute } = await openInTx(tx, found.booking, news);
    if (dispute.status !== "OPEN" || dispute.attention === "CLOSE_NOT_RECORDED") return "duplicate";
    await tx.dispute.update({ where: { id: dispute.id }, data: { attention: "CLOSE_NOT_RECORDED" } });
    return "applied";
  });
}

async function closeInTransaction(services: Services, news: DisputeNews, outcome: "won" | "lost"): Promise<EventOutcome> {
  let lostOn: Booking | null = null;
  const result = await services.db.$transaction(async (tx) => {
    const found = await lockDisputedBooking(tx, news);
    if (!("booking" in found)) return found.outcome;
    const { booking } = found;
    let { dispute } = await openInTx(tx, booking, news);
    if (dispute.status !== "OPEN") return "duplicate";
    const hold = await tx.earningHold.findUnique({ where: { bookingId: booking.id } });
    if (hold) await lockMentorAccounts(tx, hold.mentorId, hold.currency);
    let recovered = 0;
    let unrecovered = false;
    if (outcome === "lost") {
      const lost = news.amountCents;
      await move(
        tx,
        booking,
        `dispute-loss:${dispute.stripeDisputeId}`,
        "DISPUTE_LOSS",
        "Card dispute lost: Stripe took the disputed amount back",
        [
          { account: PLATFORM_ACCOUNTS.disputeLosses, side: "DEBIT", amountCents: lost },
          { account: PLATFORM_ACCOUNTS.stripeBalance, side: "CREDIT", amountCents: lost },
        ],
      );
      // The booking says what the bank returned, for its cancellation terms and emails.
      lostOn = await tx.booking.update({
        where: { id: booking.id },
        data: { chargedBackCents: Math.min(booking.priceCents, booking.chargedBackCents + lost) },
      });
      if (hold && dispute.frozenCents > 0) {
        const fromEarning = await recoverFromEarning(tx, booking, hold, dispute, lost, "frozen");
        recovered = fromEarning.recoveredCents;
        await unfreeze(tx, booking, hold, dispute, dispute.frozenCents - fromEarning.earningCents);
      } else {
        unrecovered = true;
        logger.alert(
          { bookingId: booking.id, disputeId: dispute.stripeDisputeId },
          `DISPUTE LOST: ${dispute.stripeDisputeId} on booking ${booking.id}, which had no earning credited (${booking.status}); the loss is recorded, a person decides about the booking`,
        );
      }
    } else if (hold && dispute.frozenCents > 0) {
      await unfreeze(tx, booking, hold, dispute, dispute.frozenCents);
    }
    if (news.feeCents > 0) {
      await move(tx, booking, `dispute-fee:${dispute.stripeDisputeId}`, "DISPUTE_FEE", "Stripe's dispute fee", [
        { account: PLATFORM_ACCOUNTS.disputeLosses, side: "DEBIT", amountCents: news.feeCents },
        { account: PLATFORM_ACCOUNTS.stripeBalance, side: "CREDIT", amountCents: news.feeCents },
      ]);
    }
    dispute = await tx.dispute.update({
      where: { id: dispute.id },
      data: {
        status: outcome === "won" ? "WON" : "LOST",
        closedAt: new Date(),
        recoveredCents: recovered,
        feeCents: Math.max(0, news.feeCents),
        // Also clears CLOSE_NOT_RECORDED when a replayed closing goes through once reconciled.
        attention: unrecovered ? "LOSS_NOT_RECOVERED" : null,
      },
    });
    logger.info({ bookingId: booking.id, disputeId: dispute.stripeDisputeId }, `stripe: dispute ${dispute.stripeDisputeId} ${outcome}`);
    return "applied" as const;
  });
  // Live views of the booking show what the bank returned (Booking.chargedBack, its cancellation terms).
  if (lostOn) services.publish(changeOf(lostOn, "dispute"));
  return result;
}

/** markDisputeHandled on a dispute that is not flagged (never was, or already marked handled). */
export class DisputeNotFlaggedError extends DomainError {
  readonly code = "INVALID_STATE";
}

/** The longest note an admin may leave on a handled dispute. */
const MAX_HANDLED_NOTE_LENGTH = 1_000;

/**
 * An admin marks a flagged dispute handled (Dispute.attention cleared), saying what was done:
 * kept in the booking's audit history (AdminAction HANDLE_DISPUTE, the note starting with the
 * flag it cleared). No money moves. Of two admins at once, one marks it; the other is told it is
 * not flagged any more. The caller reads the dispute as it now is, with what its query selects.
 */
export async function markDisputeHandled(
  services: Services,
  viewer: AuthenticatedUser | null,
  input: { disputeId: string; note: string },
): Promise<void> {
  const admin = requireRole(viewer, "ADMIN");
  const note = cleanText("note", "Note", input.note, { max: MAX_HANDLED_NOTE_LENGTH });
  if (!note) throw new ValidationError("note", "required", "Say what was done about it.");
  return services.db.$transaction(async (tx) => {
    const dispute = await tx.dispute.findUnique({ where: { id: input.disputeId } });
    if (!dispute) throw new NotFoundError("Dispute");
    const cleared = await tx.dispute.updateMany({ where: { id: dispute.id, attention: { not: null } }, data: { attention: null } });
    if (cleared.count !== 1) throw new DisputeNotFlaggedError("This dispute is not flagged: nothing to mark handled.");
    await tx.adminAction.create({
      data: { adminId: admin.id, kind: "HANDLE_DISPUTE", bookingId: dispute.bookingId, note: `${dispute.attention}: ${note}` },
    });
  });
}
