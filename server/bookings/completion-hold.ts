// The completion window. Completing a booking credits the mentor's earning as held
// (mentor-held:<id>, an EarningHold row with availableAt = completedAt + COMPLETION_HOLD_HOURS);
// the `release-earnings` task moves it to the mentor's balance (mentor:<id>, what payouts pay)
// once the window is over. Within the window the mentee may report a problem: the earning then
// waits for an admin, who releases it, refunds the mentee in full (earning and fee reversed), or
// refunds part (the rest shared as a completed session's price is, then released).
//
// Every change of a hold is a conditional update of its row (status and frozen in the WHERE),
// so of a release job racing itself, a report racing the job, or two admins resolving at once,
// exactly one wins and the others see the new status; the ledger keys (earning-release:<id>,
// earning-reversal:<id>, fee-reversal:<id>) make a repeat post nothing anyway.
//
// The hold is made by every completion: the mentor's (completeBooking) and the system's, which
// the complete-sessions task makes for a CONFIRMED booking with both links whose recorded session
// ended more than the window ago (completeDueSessions, booking-jobs.ts), holding the earning for a
// full window from then. A completion of a booking whose charge is disputed freezes the earning
// as it is held (freezeForOpenDispute, disputes.ts); one whose dispute was already lost recovers
// the loss from it and the fee (recoverLostDisputesOnCompletion).
import type { Booking, EarningHold, ProblemResolution } from "../generated/prisma/client.ts";
import type { Services } from "../services.ts";
import type { Tx } from "../db/client.ts";
import type { AuthenticatedUser } from "../accounts/auth.ts";
import { requireRole, requireViewer } from "../accounts/viewer.ts";
import { DomainError, NotAuthorizedError, NotFoundError, ValidationError } from "../shared/errors.ts";
import { cleanText } from "../shared/text.ts";
import { splitFee } from "../shared/money.ts";
import { lockMentorAccounts, mentorHeldAccount } from "../ledger/ledger.ts";
import { recordCompletion, recordCompletionReversal, recordEarningRelease } from "../ledger/movements.ts";
import { createRefundInTx, executeBookingRefund } from "../refunds/refunds.ts";
import { recordBookingEvent } from "../webhooks/outbox.ts";
import { changeOf, publishViewerChange } from "../pubsub.ts";
import { queueBookingEmail } from "./booking-emails.ts";
import { roleIn } from "./transition-booking.ts";
import { freezeForOpenDispute, recoverLostDisputesOnCompletion } from "./disputes.ts";
import { logger, errorFields } from "../log.ts";

export const MAX_PROBLEM_LENGTH = 2000;
const HOUR_MS = 3600_000;
const BATCH = 200;

/** Why a problem report is refused; the booking is otherwise the mentee's to see. */
export type ProblemReportRefusal = "NOT_COMPLETED" | "WINDOW_CLOSED" | "ALREADY_REPORTED" | "CHARGED_BACK";

export class ProblemReportRefusedError extends DomainError {
  readonly code = "INVALID_STATE";
  constructor(
    readonly refusal: ProblemReportRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** resolveProblemReport on a booking without an open report (never reported, already resolved, or frozen by a dispute). */
export class ProblemReportNotOpenError extends DomainError {
  readonly code = "INVALID_STATE";
}

/**
 * In completeBooking's transaction: the fee to the platform, the earning held, and the hold's
 * row. With COMPLETION_HOLD_HOURS=0 there is no window: it is released in the same transaction.
 */
export async function holdEarningOnCompletion(services: Services, tx: Tx, booking: Booking): Promise<EarningHold> {
  const { feeCents, mentorCents } = await recordCompletion(tx, booking);
  const completedAt = booking.completedAt ?? new Date();
  const hold = await tx.earningHold.create({
    data: {
      bookingId: booking.id,
      mentorId: booking.mentorId,
      amountCents: mentorCents,
      feeCents,
      currency: booking.currency,
      availableAt: new Date(completedAt.getTime() + services.env.completionHoldHours * HOUR_MS),
    },
  });
  // A dispute opened before completion freezes the earning now (nothing releases it until it closes).
  if (await freezeForOpenDispute(tx, booking)) return { ...hold, frozen: true };
  // One already lost takes its amount from the earning and fee now.
  const left = await recoverLostDisputesOnCompletion(tx, booking, hold);
  if (services.env.completionHoldHours > 0 || left.status !== "HELD") return left;
  await tx.earningHold.update({ where: { bookingId: left.bookingId }, data: { status: "RELEASED", releasedAt: completedAt } });
  await releaseToBalance(tx, left, left.amountCents);
  return { ...left, status: "RELEASED", releasedAt: completedAt };
}

/** The held earning (or what is left of it) to the mentor's balance, debt first; once per booking. */
function releaseToBalance(tx: Tx, hold: Pick<EarningHold, "bookingId" | "mentorId" | "currency">, amountCents: number) {
  return recordEarningRelease(tx, {
    key: `earning-release:${hold.bookingId}`,
    kind: "EARNING_RELEASE",
    description: "Completion window over: the earning is available for payout",
    bookingId: hold.bookingId,
    mentorId: hold.mentorId,
    currency: hold.currency,
    from: mentorHeldAccount(hold.mentorId),
    amountCents,
  });
}

/**
 * Releases one held earning whose window is over, unless someone else did, the mentee reported a
 * problem, or a dispute froze it. The conditional update takes the row: of two runs, one
 * releases and the other finds it RELEASED. Returns whether this call released it.
 */
export async function releaseHeldEarning(services: Services, bookingId: string, now = new Date()): Promise<boolean> {
  const mentorId = await services.db.$transaction(async (tx) => {
    const hold = await tx.earningHold.findUnique({ where: { bookingId } });
    if (!hold) return null;
    await lockMentorAccounts(tx, hold.mentorId, hold.currency);
    const claimed = await tx.earningHold.updateMany({
      where: { bookingId, status: "HELD", frozen: false, availableAt: { lte: now } },
      data: { status: "RELEASED", releasedAt: now },
    });
    if (claimed.count !== 1) return null;
    await releaseToBalance(tx, hold, hold.amountCents);
    return hold.mentorId;
  });
  // The mentor's open Earnings page shows the new balance (viewerChanged).
  if (mentorId) publishViewerChange(services, "EARNINGS", mentorId);
  return mentorId !== null;
}

/** The `release-earnings` task: every held earning whose window is over (oldest first, in batches). */
export async function releaseDueEarnings(services: Services, log: (line: string) => void = () => {}, now = new Date()) {
  const due = await services.db.earningHold.findMany({
    where: { status: "HELD", frozen: false, availableAt: { lte: now } },
    orderBy: { availableAt: "asc" },
    take: BATCH,
    select: { bookingId: true },
  });
  const counts = { released: 0, skipped: 0, failed: 0 };
  for (const { bookingId } of due) {
    try {
      if (await releaseHeldEarning(services, bookingId, now)) {
        counts.released += 1;
        log(`booking ${bookingId}: earning released`);
      } else counts.skipped += 1; // released, reported or frozen meanwhile
    } catch (error) {
      counts.failed += 1;
      logger.error({ bookingId, ...errorFields(error) }, `booking ${bookingId}: releasing the earning failed`);
    }
  }
  return counts;
}

/**
 * The mentee reports a problem with a completed session within the window: the earning stays
 * held until an admin resolves it; the mentor and the admins are emailed.
 */
export async function reportProblem(
  services: Services,
  viewer: AuthenticatedUser | null,
  input: { bookingId: string; reason: string },
): Promise<Booking> {
  const user = requireViewer(viewer);
  const reason = cleanText("reason", "Reason", input.reason, { max: MAX_PROBLEM_LENGTH, required: true });
  const booking = await services.db.$transaction(async (tx) => {
    const booking = await tx.booking.findUnique({ where: { id: input.bookingId } });
    const role = booking ? roleIn({ kind: "USER", userId: user.id }, booking) : null;
    if (!booking || !role) throw new NotFoundError("Booking");
    if (role !== "mentee") throw new NotAuthorizedError("Only the booking's mentee can report a problem with it.");
    if (booking.status === "COMPLETED" && booking.chargedBackCents > 0) {
      throw new ProblemReportRefusedError(
        "CHARGED_BACK",
        "Your bank already returned this payment after your card dispute, so there is nothing left for us to refund.",
      );
    }
    const now = new Date();
    const reported = await tx.earningHold.updateMany({
      where: { bookingId: booking.id, status: "HELD", availableAt: { gt: now } },
      data: { status: "REPORTED", reportedAt: now, problemReason: reason },
    });
    if (reported.count !== 1) {
      const hold = await tx.earningHold.findUnique({ where: { bookingId: booking.id } });
      if (booking.status !== "COMPLETED" || !hold) {
        throw new ProblemReportRefusedError("NOT_COMPLETED", "Only a completed session can have a problem reported.");
      }
      if (hold.status === "REPORTED" || hold.resolvedAt) {
        throw new ProblemReportRefusedError("ALREADY_REPORTED", "A problem with this session was already reported.");
      }
      throw new ProblemReportRefusedError("WINDOW_CLOSED", "The time to report a problem with this session is over.");
    }
    const extra = { reason };
    await queueBookingEmail(tx, services.env.publicUrl, booking.id, "problemReported", "mentor", "", undefined, extra);
    await queueBookingEmail(tx, services.env.publicUrl, booking.id, "problemReportedForAdmin", "admins", "", undefined, extra);
    await recordBookingEvent(tx, "booking.problem_reported", booking, { problemReportedAt: now.toISOString() });
    return booking;
  });
  services.publish(changeOf(booking, "reportProblem"));
  return booking;
}

const WAIT_MS = 3_000;

/**
 * An admin resolves an open problem report:
 *   RELEASE_TO_MENTOR  the held earning goes to the mentor's balance now
 *   REFUND_MENTEE      the earning and the platform fee go back to the held payments and the
 *                      whole price is refunded (the mentee gets everything back)
 *   PARTIAL_REFUND     `refundCents` (more than 0, less than the price) is refunded; what is kept
 *                      is shared as a completed session's price is (splitFee), so the fee is
 *                      refunded in proportion: the surplus earning and fee are reversed, the
 *                      mentor's share of what is kept is released to their balance now
 * The refund goes through the refunds module (reason PROBLEM_REPORT) after commit; the audit
 * history records the admin, the resolution and the amount refunded.
 */
export async function resolveProblemReport(
  services: Services,
  viewer: AuthenticatedUser | null,
  input: { bookingId: string; resolution: ProblemResolution; refundCents: number | null | undefined; note: string | null | undefined },
): Promise<Booking> {
  const admin = requireRole(viewer, "ADMIN");
  const note = cleanText("note", "Note", input.note ?? "", { max: MAX_PROBLEM_LENGTH }) || null;
  const { resolution, refundCents } = input;
  const given = refundCents !== null && refundCents !== undefined;
  if (given && (!Number.isSafeInteger(refundCents) || refundCents < 0)) {
    throw new ValidationError("refundCents", "range", "The refund must be a whole number of cents, 0 or more.");
  }
  if (resolution === "PARTIAL_REFUND" && !given) {
    throw new ValidationError("refundCents", "required", "A partial refund needs the amount to refund.");
  }
  if (resolution === "RELEASE_TO_MENTOR" && given && refundCents !== 0) {
    throw new ValidationError("refundCents", "not_allowed", "Releasing to the mentor refunds nothing: leave the refund empty.");
  }
  const booking = await services.db.$transaction(async (tx) => {
    const booking = await tx.booking.findUnique({ where: { id: input.bookingId } });
    if (!booking) throw new NotFoundError("Booking");
    const price = booking.priceCents;
    if (resolution === "REFUND_MENTEE" && given && refundCents !== price) {
      throw new ValidationError("refundCents", "not_allowed", `A full refund is the whole price (${price} cents): leave the refund empty.`);
    }
    if (resolution === "PARTIAL_REFUND" && (refundCents! <= 0 || refundCents! >= price)) {
      throw new ValidationError(
        "refundCents",
        "range",
        `A partial refund is more than 0 and less than the price (${price} cents); use REFUND_MENTEE for all of it.`,
      );
    }
    const found = await tx.earningHold.findUnique({ where: { bookingId: booking.id } });
    if (!found) throw new ProblemReportNotOpenError("This booking has no problem report.");
    await lockMentorAccounts(tx, found.mentorId, found.currency);
    // Read again under the accounts' lock: a dispute's closing that held it has committed by now
    // and may have taken part of the earning.
    const hold = await tx.earningHold.findUniqueOrThrow({ where: { bookingId: booking.id } });
    // Reported before a card dispute of the payment was lost: the bank has decided, Stripe refuses
    // any refund, and the dispute took its share of the earning already; what is left goes to the mentor.
    const { chargedBackCents } = await tx.booking.findUniqueOrThrow({ where: { id: booking.id }, select: { chargedBackCents: true } });
    const disputedAway = chargedBackCents > 0;
    if (disputedAway && resolution !== "RELEASE_TO_MENTOR") {
      throw new ValidationError(
        "resolution",
        "charged_back",
        "The mentee's bank already returned this payment after a card dispute: nothing can be refunded. Release what is left to the mentor.",
      );
    }
    const now = new Date();
    const refunded = resolution === "RELEASE_TO_MENTOR" ? 0 : resolution === "REFUND_MENTEE" ? price : refundCents!;
    const kept = disputedAway
      ? { mentorCents: hold.amountCents, feeCents: hold.feeCents }
      : splitFee(price - refunded, booking.platformFeePercent);
    const claimed = await tx.earningHold.updateMany({
      where: { bookingId: booking.id, status: "REPORTED", frozen: false },
      data: {
        status: resolution === "REFUND_MENTEE" ? "REFUNDED" : "RELEASED",
        releasedAt: resolution === "REFUND_MENTEE" ? null : now,
        resolution,
        refundCents: refunded,
        resolvedAt: now,
        resolvedById: admin.id,
        amountCents: kept.mentorCents,
        feeCents: kept.feeCents,
      },
    });
    if (claimed.count !== 1) {
      const current = await tx.earningHold.findUniqueOrThrow({ where: { bookingId: booking.id } });
      throw new ProblemReportNotOpenError(
        current.status === "REPORTED"
          ? "A card dispute froze this earning: it is settled by the dispute, not here."
          : current.resolvedAt
            ? "This problem report was already resolved."
            : "This booking has no open problem report.",
      );
    }
    if (refunded > 0) {
      await recordCompletionReversal(tx, booking, {
        earningCents: hold.amountCents - kept.mentorCents,
        feeCents: hold.feeCents - kept.feeCents,
      });
      await createRefundInTx(tx, booking, "PROBLEM_REPORT", { amountCents: refunded, currency: booking.currency });
    }
    await releaseToBalance(tx, hold, kept.mentorCents);
    await tx.adminAction.create({
      data: {
        adminId: admin.id,
        kind: "RESOLVE_PROBLEM",
        bookingId: booking.id,
        amountCents: refunded,
        note: note ? `${resolution}: ${note}` : resolution,
      },
    });
    const extra = { resolution, refundCents: refunded };
    await queueBookingEmail(tx, services.env.publicUrl, booking.id, "problemResolved", "mentee", "", undefined, extra);
    await queueBookingEmail(tx, services.env.publicUrl, booking.id, "problemResolvedForMentor", "mentor", "", undefined, extra);
    await recordBookingEvent(tx, "booking.problem_resolved", booking, {
      resolution,
      refunded: { amountCents: refunded, currency: booking.currency },
    });
    return booking;
  });
  if (resolution !== "RELEASE_TO_MENTOR") {
    const work = services.inBackground(`refund of booking ${booking.id}`, () => executeBookingRefund(services, booking.id));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, WAIT_MS)))]);
    clearTimeout(timer);
  }
  services.publish(changeOf(booking, "resolveProblem"));
  return booking;
}
