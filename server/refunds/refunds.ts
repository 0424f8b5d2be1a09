// Refunds: a full refund of a booking's payment is decided inside the transaction of the change
// that causes it (decline, cancel or expiry of a paid booking, a payment arriving for a closed
// booking), as a PENDING Refund row. After commit it is made through the payment gateway
// (idempotency key `refund:<bookingId>`, so Stripe never refunds twice); when that succeeds the
// row becomes SUCCEEDED and the ledger's REFUND is posted in one transaction. Transient
// failures are retried by a recurring task (server/bookings/booking-jobs.ts); Stripe's refund
// webhooks confirm refunds too. Every path that marks a refund SUCCEEDED does it with a
// conditional update and posts the ledger with the same key, so it is recorded once.
import { recordRefundEvent } from "../webhooks/outbox.ts";
import type { Booking, Refund, RefundReason } from "../generated/prisma/client.ts";
import type { Services } from "../services.ts";
import type { Tx } from "../db/client.ts";
import { changeOf } from "../pubsub.ts";
import { recordRefund, recordRefundReversal } from "../ledger/movements.ts";
import { PaymentGatewayError } from "../ports/payment-gateway.ts";
import type { EventOutcome } from "../ports/event-outcome.ts";
import { logger, errorFields } from "../log.ts";

/** A run holds a refund it is making for this long; a crashed run's claim lapses after it. */
export const REFUND_CLAIM_MS = 5 * 60_000;
/** Transient failures are retried after 1, 2, 4... minutes, at most 6 hours apart. */
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 6 * 3600_000;
/** After this many failed attempts (about three days) a refund is marked FAILED for a person to look at. */
export const REFUND_MAX_ATTEMPTS = 20;

export function refundBackoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

/**
 * Records the decision to refund this booking in full, in the caller's transaction. Once per
 * booking: a second call (a replayed event) finds the first refund and returns it.
 */
export async function createRefundInTx(
  tx: Tx,
  booking: Pick<Booking, "id" | "priceCents" | "currency" | "stripePaymentIntentId">,
  reason: RefundReason,
  /** What Stripe captured, when it is not the booking's price (AMOUNT_MISMATCH): all of it goes back. */
  received?: { amountCents: number; currency: string },
): Promise<{ refund: Refund; created: boolean }> {
  const { count } = await tx.refund.createMany({
    data: {
      bookingId: booking.id,
      amountCents: received?.amountCents ?? booking.priceCents,
      currency: received?.currency ?? booking.currency,
      reason,
      paymentIntentId: booking.stripePaymentIntentId ?? "",
      nextAttemptAt: new Date(),
    },
    skipDuplicates: true,
  });
  const refund = await tx.refund.findUniqueOrThrow({ where: { bookingId: booking.id } });
  return { refund, created: count === 1 };
}

export type RefundOutcome = "succeeded" | "pending" | "retry" | "failed" | "skipped";

/** Live views of the booking (bookingChanged) show the refund's new status. */
async function publishRefundChange(services: Services, bookingId: string): Promise<void> {
  const booking = await services.db.booking.findUnique({ where: { id: bookingId } });
  if (booking) services.publish(changeOf(booking, "refund"));
}

/** Marks a refund SUCCEEDED and posts the ledger's REFUND, once, whoever gets there first. */
async function markSucceeded(services: Services, refundId: string, stripeRefundId: string | null): Promise<boolean> {
  const changed = await services.db.$transaction(async (tx) => {
    const refund = await tx.refund.findUniqueOrThrow({ where: { id: refundId } });
    const done = await tx.refund.updateMany({
      where: { id: refundId, status: { in: ["PENDING", "FAILED"] } },
      data: {
        status: "SUCCEEDED",
        succeededAt: new Date(),
        stripeRefundId: refund.stripeRefundId ?? stripeRefundId,
        lastError: null,
        failureReason: null,
        failedAt: null,
      },
    });
    if (done.count !== 1) return null;
    await recordRefund(tx, refund);
    const booking = await tx.booking.findUniqueOrThrow({
      where: { id: refund.bookingId },
      select: { id: true, mentorId: true, paidAt: true },
    });
    await recordRefundEvent(tx, refund, booking);
    return refund.bookingId;
  });
  if (changed) await publishRefundChange(services, changed);
  return changed !== null;
}

async function markFailed(services: Services, refund: Refund, reason: string): Promise<void> {
  const failed = await services.db.refund.updateMany({
    where: { id: refund.id, status: "PENDING" },
    data: { status: "FAILED", failureReason: reason.slice(0, 1000), failedAt: new Date(), lastError: reason.slice(0, 1000) },
  });
  if (failed.count === 1) {
    await publishRefundChange(services, refund.bookingId);
    logger.alert(
      { refundId: refund.id, bookingId: refund.bookingId },
      `REFUND FAILED: refund ${refund.id} of booking ${refund.bookingId} (${refund.amountCents} ${refund.currency}, payment ${refund.paymentIntentId || "unknown"}) needs a person: ${reason}`,
    );
  }
}

/**
 * Makes one PENDING refund through the gateway if it is due and nobody else is making it.
 * The claim is a conditional update (status PENDING, due now) that moves nextAttemptAt past
 * the claim period, so two runners never send it at the same time; Stripe's idempotency key
 * dedupes the rest (a lost response is replayed, not refunded again). Never throws for
 * provider failures: they are recorded on the row.
 */
export async function executeRefund(services: Services, refundId: string, log: (line: string) => void = () => {}): Promise<RefundOutcome> {
  const { db, payments } = services;
  const now = new Date();
  const claimed = await db.refund.updateMany({
    where: { id: refundId, status: "PENDING", nextAttemptAt: { lte: now } },
    data: { attempts: { increment: 1 }, nextAttemptAt: new Date(now.getTime() + REFUND_CLAIM_MS) },
  });
  if (claimed.count !== 1) return "skipped";
  const refund = await db.refund.findUniqueOrThrow({ where: { id: refundId } });
  if (!refund.paymentIntentId) {
    await markFailed(services, refund, "The booking has no recorded payment to refund.");
    return "failed";
  }

  // Once Stripe has made the refund (we know its id), ask how it stands instead of creating it
  // again: a repeated create only replays the first answer (pending) under the idempotency key.
  const polling = refund.stripeRefundId !== null;
  try {
    const result = polling
      ? await payments.retrieveRefund(refund.stripeRefundId!)
      : await payments.refund({
          bookingId: refund.bookingId,
          refundId: refund.id,
          paymentIntentId: refund.paymentIntentId,
          amountCents: refund.amountCents,
          retries: refund.retries,
        });
    if (result.status === "succeeded") {
      await markSucceeded(services, refund.id, result.id);
      log(`refund ${refund.id} of booking ${refund.bookingId}: succeeded (${result.id})`);
      return "succeeded";
    }
    if (result.status === "failed" || result.status === "canceled") {
      await db.refund.updateMany({ where: { id: refund.id, stripeRefundId: null }, data: { stripeRefundId: result.id } });
      await markFailed(services, refund, `Stripe reports refund ${result.id} ${result.status}.`);
      return "failed";
    }
    // Accepted but not final (e.g. pending): refund.updated confirms it; the retry task polls it
    // (retrieve by id) until it is final, however long that takes: it is never given up on.
    await db.refund.updateMany({
      where: { id: refund.id, status: "PENDING" },
      data: {
        stripeRefundId: result.id,
        nextAttemptAt: new Date(Date.now() + refundBackoffMs(refund.attempts)),
        lastError: `Stripe refund ${result.status}`,
      },
    });
    log(`refund ${refund.id} of booking ${refund.bookingId}: ${result.status} at Stripe (${result.id})`);
    return "pending";
  } catch (error) {
    const failure = error instanceof PaymentGatewayError ? error : new PaymentGatewayError("transient", String(error));
    if (polling) {
      // The refund exists at Stripe: not being able to read it now is no reason to call it failed.
      await db.refund.updateMany({
        where: { id: refund.id, status: "PENDING" },
        data: { lastError: failure.message.slice(0, 1000), nextAttemptAt: new Date(Date.now() + refundBackoffMs(refund.attempts)) },
      });
      logger[failure.kind === "transient" ? "warn" : "error"](
        { refundId: refund.id, bookingId: refund.bookingId },
        `refund ${refund.id} of booking ${refund.bookingId}: could not read Stripe refund ${refund.stripeRefundId} (${failure.kind}), will ask again: ${failure.message}`,
      );
      return "retry";
    }
    if (failure.kind === "already_refunded") {
      // Our earlier attempt (or someone in the dashboard) already gave the money back.
      await markSucceeded(services, refund.id, null);
      log(`refund ${refund.id} of booking ${refund.bookingId}: Stripe says already refunded; marked succeeded`);
      return "succeeded";
    }
    if (failure.kind === "permanent" || refund.attempts >= REFUND_MAX_ATTEMPTS) {
      const reason = failure.kind === "permanent" ? failure.message : `Gave up after ${refund.attempts} attempts: ${failure.message}`;
      await markFailed(services, refund, reason);
      return "failed";
    }
    await db.refund.updateMany({
      where: { id: refund.id, status: "PENDING" },
      data: { lastError: failure.message.slice(0, 1000), nextAttemptAt: new Date(Date.now() + refundBackoffMs(refund.attempts)) },
    });
    logger.warn(
      { refundId: refund.id, bookingId: refund.bookingId },
      `refund ${refund.id} of booking ${refund.bookingId}: attempt ${refund.attempts} failed, will retry: ${failure.message}`,
    );
    return "retry";
  }
}

/**
 * After the commit that decided it: makes the booking's pending refund now, if there is one.
 * Provider failures are recorded on the row; anything else leaves it PENDING for the retry task.
 */
export async function executeBookingRefund(services: Services, bookingId: string): Promise<RefundOutcome> {
  const refund = await services.db.refund.findUnique({ where: { bookingId }, select: { id: true, status: true } });
  if (refund?.status !== "PENDING") return "skipped";
  return executeRefund(services, refund.id);
}

/** One pass of the retry task: every due PENDING refund, oldest first. */
export async function retryDueRefunds(services: Services, log: (line: string) => void, limit = 100) {
  const due = await services.db.refund.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: new Date() } },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true },
  });
  const counts: Record<RefundOutcome, number> = { succeeded: 0, pending: 0, retry: 0, failed: 0, skipped: 0 };
  for (const { id } of due) {
    try {
      counts[await executeRefund(services, id, log)] += 1;
    } catch (error) {
      logger.error({ refundId: id, ...errorFields(error) }, `refund ${id}: retry failed`);
      counts.retry += 1;
    }
  }
  return counts;
}

/** What a refund webhook says about one refund (refund.* events, or charge.refunded). */
export interface StripeRefundNews {
  stripeRefundId: string | null;
  paymentIntentId: string | null;
  /** Our Refund id and booking id, from the refund's metadata when it is ours. */
  refundId: string | null;
  bookingId: string | null;
  status: "succeeded" | "failed" | "other";
  failureReason: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function findRefund(services: Services, news: StripeRefundNews): Promise<Refund | null> {
  const { db } = services;
  if (news.refundId && UUID.test(news.refundId)) {
    const found = await db.refund.findUnique({ where: { id: news.refundId } });
    if (found) return found;
  }
  if (news.stripeRefundId) {
    const found = await db.refund.findUnique({ where: { stripeRefundId: news.stripeRefundId } });
    if (found) return found;
  }
  if (news.bookingId && UUID.test(news.bookingId)) {
    const found = await db.refund.findUnique({ where: { bookingId: news.bookingId } });
    if (found) return found;
  }
  if (news.paymentIntentId) {
    return db.refund.findFirst({ where: { paymentIntentId: news.paymentIntentId } });
  }
  return null;
}

/**
 * Applies Stripe's word on a refund: succeeded confirms it (and posts the ledger once, even if
 * our own call is still waiting for its answer), failed marks a pending one FAILED. Replays
 * and news about refunds that are not ours change nothing.
 */
export async function applyStripeRefundNews(services: Services, news: StripeRefundNews): Promise<EventOutcome> {
  const refund = await findRefund(services, news);
  if (!refund) return "ignored";
  if (news.status === "succeeded") {
    if (refund.status === "SUCCEEDED") return "duplicate";
    const applied = await markSucceeded(services, refund.id, news.stripeRefundId);
    return applied ? "applied" : "duplicate";
  }
  if (news.status === "failed") {
    if (refund.status === "SUCCEEDED") {
      // News about an earlier try (a refund an admin has since sent again) is not about this one.
      if (news.stripeRefundId && refund.stripeRefundId && news.stripeRefundId !== refund.stripeRefundId) return "ignored";
      return (await reverseSucceededRefund(services, refund, news.failureReason)) ? "applied" : "duplicate";
    }
    if (refund.status === "FAILED") return "duplicate";
    await markFailed(services, refund, `Stripe reports the refund failed: ${news.failureReason ?? "no reason given"}`);
    return "applied";
  }
  return "ignored";
}

/**
 * Stripe reports a refund failed after it had succeeded (refund.failed, or refund.updated with
 * status failed: the card was closed, the bank sent the money back). The mentee does not have
 * the money: the refund is marked FAILED with reversedAt, the ledger's REFUND is reversed
 * (REFUND_REVERSAL: the money is held again for the booking), in one transaction and once; the
 * alert log and the admins' failed-refund list show it, and an admin can retry it.
 */
async function reverseSucceededRefund(services: Services, refund: Refund, failureReason: string | null): Promise<boolean> {
  const reason = `Stripe reported the refund failed after it had succeeded: ${failureReason ?? "no reason given"}`;
  const reversed = await services.db.$transaction(async (tx) => {
    const changed = await tx.refund.updateMany({
      where: { id: refund.id, status: "SUCCEEDED", retries: refund.retries },
      data: { status: "FAILED", reversedAt: new Date(), failedAt: new Date(), failureReason: reason.slice(0, 1000) },
    });
    if (changed.count !== 1) return false;
    await recordRefundReversal(tx, refund);
    return true;
  });
  if (!reversed) return false;
  await publishRefundChange(services, refund.bookingId);
  logger.alert(
    { refundId: refund.id, bookingId: refund.bookingId, stripeRefundId: refund.stripeRefundId },
    `REFUND REVERSED: refund ${refund.id} of booking ${refund.bookingId} (${refund.amountCents} ${refund.currency}, Stripe ${refund.stripeRefundId ?? "unknown"}) failed after it succeeded (${failureReason ?? "no reason"}); the ledger's REFUND is reversed and the money held. Needs a person: retry it from the admin page or contact the mentee.`,
  );
  return true;
}
