import { createHash } from "node:crypto";
// The booking commands behind the GraphQL mutations and the webhook: each one goes through
// the lifecycle table (transitionBooking / lockBookingFor) in one transaction.
import type { Booking } from "../generated/prisma/client.ts";
import type { Services } from "../services.ts";
import type { Tx } from "../db/client.ts";
import type { CheckoutSession } from "../ports/payment-gateway.ts";
import type { AuthenticatedUser } from "../accounts/auth.ts";
import { cancellationTerms, EDITS } from "./booking-lifecycle.ts";
import { refundInFull, settleCancelledPayment } from "./cancellation.ts";
import { splitFee } from "../shared/money.ts";
import { queueBookingEmail } from "./booking-emails.ts";
import { InvalidTransitionError, NotFoundError, PaymentProviderError } from "../shared/errors.ts";
import { parseSessionLink } from "./links.ts";
import { cleanText } from "../shared/text.ts";
import { changeOf } from "../pubsub.ts";
import { recordBookingEvent } from "../webhooks/outbox.ts";
import { lockBookingFor, transitionBooking, writeHistory, type Actor } from "./transition-booking.ts";
import { requireRole, requireViewer } from "../accounts/viewer.ts";
import { recordPayment } from "../ledger/movements.ts";
import { holdEarningOnCompletion } from "./completion-hold.ts";
import { refuseWhileDisputed } from "./disputes.ts";
import { createRefundInTx, executeBookingRefund } from "../refunds/refunds.ts";
import { logger, errorFields } from "../log.ts";
import { createEmailActions } from "./email-action-links.ts";
import { captureInTx, releaseAuthorization } from "./authorizations.ts";

export const MAX_MESSAGE_LENGTH = 2000;
export const MAX_REASON_LENGTH = 1000;

function userActor(viewer: AuthenticatedUser): Actor {
  return { kind: "USER", userId: viewer.id };
}

export async function requestBooking(
  services: Services,
  viewer: AuthenticatedUser | null,
  input: { sessionTypeId: string; message: string },
): Promise<{ booking: Booking; checkoutUrl: string }> {
  const mentee = requireRole(viewer, "MENTEE");
  const message = cleanText("message", "Message", input.message, { max: MAX_MESSAGE_LENGTH });
  const { db, env } = services;
  const sessionType = await db.sessionType.findFirst({
    where: { id: input.sessionTypeId, active: true, mentor: { mentorProfile: { approvedAt: { not: null } } } },
  });
  if (!sessionType) throw new NotFoundError("Session type");
  const menteeUser = await db.user.findUniqueOrThrow({ where: { id: mentee.id } });

  const booking = await db.$transaction(async (tx) => {
    const created = await tx.booking.create({
      data: {
        menteeId: mentee.id,
        mentorId: sessionType.mentorId,
        sessionTypeId: sessionType.id,
        title: sessionType.title,
        durationMinutes: sessionType.durationMinutes,
        priceCents: sessionType.priceCents,
        currency: sessionType.currency,
        platformFeePercent: env.platformFeePercent,
        message,
      },
    });
    await writeHistory(tx, created, { from: null, to: created.status, actor: userActor(mentee) });
    return created;
  });

  let checkout: CheckoutSession;
  try {
    checkout = await services.payments.createCheckout({
      bookingId: booking.id,
      amountCents: booking.priceCents,
      currency: booking.currency,
      description: `${booking.title} (${booking.durationMinutes} min)`,
      customerEmail: menteeUser.email,
      successUrl: `${env.publicUrl}/bookings/${booking.id}?paid=1`,
      cancelUrl: `${env.publicUrl}/bookings/${booking.id}`,
    });
  } catch (error) {
    logger.error({ bookingId: booking.id, ...errorFields(error) }, `checkout for booking ${booking.id} failed`);
    // The booking stays AWAITING_PAYMENT without a checkout; it can never be paid, so close it.
    await transitionBooking(services, {
      bookingId: booking.id,
      action: "expire",
      actor: { kind: "SYSTEM" },
      note: "Checkout could not be created",
    }).catch(() => undefined);
    throw new PaymentProviderError();
  }
  const withCheckout = await db.booking.update({
    where: { id: booking.id },
    data: { stripeCheckoutSessionId: checkout.id, checkoutUrl: checkout.url },
  });
  services.publish(changeOf(withCheckout, "request"));
  return { booking: withCheckout, checkoutUrl: checkout.url };
}

/**
 * The mentee paid, by a verified Stripe event: AWAITING_PAYMENT -> PENDING, mentor emailed.
 * `captured: false` (manual capture, the usual case): the card is only authorised, the ledger
 * records nothing until the mentor confirms. `captured: true`: Stripe took the money at checkout
 * (a session created before manual capture): the PAYMENT is recorded now, as before.
 * The event id is recorded in the same transaction, so a replayed event changes nothing.
 */
export function markBookingPaid(
  services: Services,
  input: { bookingId: string; paymentIntentId: string | null; captured: boolean; event: { id: string; type: string } },
): Promise<Booking> {
  return transitionBooking(services, {
    bookingId: input.bookingId,
    action: "pay",
    actor: { kind: "STRIPE" },
    note: input.captured ? undefined : "Card authorised",
    data: { stripePaymentIntentId: input.paymentIntentId, ...(input.captured ? { capturedAt: new Date() } : {}) },
    effects: async (tx, booking) => {
      await tx.processedWebhookEvent.create({ data: { id: input.event.id, type: input.event.type } });
      if (input.captured) await recordPayment(tx, booking);
      const answers = await createEmailActions(tx, services.env.publicUrl, booking, services.env.bookingResponseHours);
      await queueBookingEmail(
        tx,
        services.env.publicUrl,
        booking.id,
        "bookingPaid",
        "mentor",
        "",
        services.env.bookingResponseHours,
        answers,
      );
    },
  });
}

/**
 * Work of the caller's that must commit with an answer (confirm, decline) or not at all: a
 * one-click link from the email is spent by it. It runs first in the answer's transaction,
 * before the card is captured, and may throw to refuse the answer.
 */
export type WithAnswer = (tx: Tx) => Promise<void>;

export function confirmBooking(services: Services, viewer: AuthenticatedUser | null, bookingId: string, withAnswer?: WithAnswer) {
  const mentor = requireViewer(viewer);
  return transitionBooking(services, {
    bookingId,
    action: "confirm",
    actor: userActor(mentor),
    // The capture runs with the booking locked: of concurrent confirms one captures, the others
    // are refused once it committed; a failed capture rolls the confirmation back.
    effects: async (tx, booking) => {
      await withAnswer?.(tx);
      await captureInTx(services, tx, booking);
      await tx.session.create({ data: { bookingId: booking.id } });
      await queueBookingEmail(tx, services.env.publicUrl, booking.id, "bookingConfirmed", "mentee");
    },
  });
}

export function declineBooking(
  services: Services,
  viewer: AuthenticatedUser | null,
  bookingId: string,
  rawReason: string | null | undefined,
  withAnswer?: WithAnswer,
) {
  const mentor = requireViewer(viewer);
  const reason = cleanText("reason", "Reason", rawReason ?? "", { max: MAX_REASON_LENGTH }) || null;
  return transitionBooking(services, {
    bookingId,
    action: "decline",
    actor: userActor(mentor),
    note: reason ?? undefined,
    data: { declineReason: reason },
    effects: async (tx, booking) => {
      await refuseWhileDisputed(tx, booking, "decline");
      await withAnswer?.(tx);
      if (booking.capturedAt) await refundInFull(tx, booking, "DECLINED");
      await queueBookingEmail(tx, services.env.publicUrl, booking.id, "bookingDeclined", "mentee");
    },
  }).then((booking) => afterCommit(services, booking));
}

/** How long a mutation waits for the refund it caused before answering with it still PENDING. */
export const REFUND_WAIT_MS = 3_000;

/**
 * After the commit: the refund decided in the transaction is made at once, or, for a payment
 * that was only authorised, the hold on the card is released. The caller waits for it at most
 * REFUND_WAIT_MS, so the answer usually shows it done, but a slow Stripe never holds up the
 * mentor or mentee: it then lands in the background (bookingChanged announces it), and a
 * failure is retried by the tasks (retry-refunds, expire-bookings).
 */
async function afterCommit(services: Services, booking: Booking): Promise<Booking> {
  const work = booking.capturedAt
    ? refundInBackground(services, booking.id)
    : services.inBackground(`releasing the authorisation of booking ${booking.id}`, async () => {
        await releaseAuthorization(services, booking.id);
      });
  await waitBriefly(work, REFUND_WAIT_MS);
  // Answer with the booking as it is now: the refund or the release may have landed meanwhile.
  return (await services.db.booking.findUnique({ where: { id: booking.id } })) ?? booking;
}

function refundInBackground(services: Services, bookingId: string): Promise<void> {
  return services.inBackground(`refund of booking ${bookingId}`, () => executeBookingRefund(services, bookingId));
}

async function waitBriefly(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([work, timeout]);
  clearTimeout(timer);
}

/** Completing needs both links: they are how the session was held. */
export function completeBooking(services: Services, viewer: AuthenticatedUser | null, bookingId: string) {
  const mentor = requireViewer(viewer);
  return completeAs(services, bookingId, userActor(mentor));
}

/**
 * The system completes a CONFIRMED booking whose recorded session ended more than
 * COMPLETION_HOLD_HOURS before `now` (the complete-sessions task, booking-jobs.ts): the same
 * transition as the mentor's, with the system as the actor, its earning held for a full window
 * from now. Whether it is due is checked again with the booking locked; a booking completed,
 * cancelled or moved meanwhile is refused (InvalidTransitionError) and left as it is.
 */
export function completeBookingBySystem(services: Services, bookingId: string, now = new Date()) {
  const hours = services.env.completionHoldHours;
  const cutoff = systemCompletionCutoff(hours, now);
  return completeAs(
    services,
    bookingId,
    { kind: "SYSTEM" },
    {
      note: `Completed by the system: the session ended more than ${hours} hours ago`,
      check: (booking) => {
        const endsAt = booking.sessionEndsAt;
        if (!endsAt || endsAt > cutoff) {
          throw new InvalidTransitionError(
            "complete",
            "CONFIRMED",
            "The session has not ended long enough ago to be completed by the system.",
          );
        }
      },
    },
  );
}

/** The system completes a session that ended at or before this: COMPLETION_HOLD_HOURS before `now`. */
export function systemCompletionCutoff(completionHoldHours: number, now: Date): Date {
  return new Date(now.getTime() - completionHoldHours * 3600_000);
}

/**
 * The complete transition for the mentor or the system: session stamped, the earning held for
 * COMPLETION_HOLD_HOURS (the mentee may report a problem meanwhile), the mentee emailed (and, for
 * the system's completion, the mentor), and booking.completed sent (transitionBooking), in one
 * transaction.
 */
function completeAs(
  services: Services,
  bookingId: string,
  actor: Actor,
  options: { note?: string; check?: (booking: Booking) => void } = {},
): Promise<Booking> {
  return transitionBooking(services, {
    bookingId,
    action: "complete",
    actor,
    note: options.note,
    effects: async (tx, booking) => {
      options.check?.(booking);
      const session = await tx.session.findUnique({ where: { bookingId: booking.id } });
      if (!session?.availabilityLink || !session.meetingLink) {
        throw new InvalidTransitionError(
          "complete",
          "CONFIRMED",
          "Add the availability link and the meeting link before marking the session complete.",
        );
      }
      await tx.session.update({ where: { bookingId: booking.id }, data: { completedAt: booking.completedAt } });
      const hold = await holdEarningOnCompletion(services, tx, booking);
      const windowEndsAt = hold.status === "HELD" ? hold.availableAt : null;
      await queueBookingEmail(tx, services.env.publicUrl, booking.id, "bookingCompleted", "mentee", "", undefined, {
        windowEndsAt,
        completedBySystem: actor.kind === "SYSTEM",
      });
      // The mentor who clicked Complete knows; one whose session the system completed is told why
      // and what is held until when (once: the booking completes once, and the key dedupes).
      if (actor.kind === "SYSTEM") {
        await queueBookingEmail(tx, services.env.publicUrl, booking.id, "bookingCompletedBySystemForMentor", "mentor", "", undefined, {
          windowEndsAt,
          earningCents: hold.amountCents,
          earningFrozen: hold.frozen,
          completionHoldHours: services.env.completionHoldHours,
        });
      }
    },
  });
}

/**
 * The mentee or the mentor cancels (booking-lifecycle.ts says who may, from which status).
 * The mentee: an unpaid booking simply closes (and its Checkout Session is expired so it can no
 * longer be paid); a paid one the mentor has not answered releases the hold (or is refunded in
 * full) and the mentor is told. A CONFIRMED (charged) booking, by either side, is settled by the
 * cancellation policy (cancellationTerms): refunded in full, or, for the mentee's late cancel,
 * kept and shared as a completed session's price is (settleCancelledPayment, the path an
 * admin's cancel takes too); both sides are emailed.
 */
export async function cancelBooking(services: Services, viewer: AuthenticatedUser | null, bookingId: string) {
  const person = requireViewer(viewer);
  const { env } = services;
  // The policy, read from the booking as cancelled (its cancelledAt is "now"), for the history note and the money alike.
  const policy = (booking: Booking) => {
    const by = booking.mentorId === person.id ? ("mentor" as const) : ("mentee" as const);
    return { by, terms: cancellationTerms(booking, by, env.cancellationFullRefundHours, booking.cancelledAt ?? new Date()) };
  };
  const booking = await transitionBooking(services, {
    bookingId,
    action: "cancel",
    actor: userActor(person),
    note: (booking) => {
      if (booking.confirmedAt === null) return undefined;
      const { by, terms } = policy(booking);
      return cancellationNote(by, terms.outcome, env.cancellationFullRefundHours);
    },
    effects: async (tx, booking) => {
      await refuseWhileDisputed(tx, booking, "cancel");
      if (booking.confirmedAt !== null) {
        const { by, terms } = policy(booking);
        const mentorShareCents = booking.capturedAt
          ? await settleCancelledPayment(tx, booking, terms.refundCents, by === "mentor" ? "MENTOR_CANCELLED" : "CANCELLED")
          : null;
        const extra = {
          refundCents: terms.refundCents,
          mentorShareCents: mentorShareCents ?? splitFee(terms.keptCents, booking.platformFeePercent).mentorCents,
          fullRefundHours: env.cancellationFullRefundHours,
        };
        const mentee = by === "mentor" ? "sessionCancelledByMentor" : "sessionCancelled";
        const mentor = by === "mentor" ? "sessionCancelledByMentorForMentor" : "sessionCancelledForMentor";
        await queueBookingEmail(tx, env.publicUrl, booking.id, mentee, "mentee", "", undefined, extra);
        await queueBookingEmail(tx, env.publicUrl, booking.id, mentor, "mentor", "", undefined, extra);
        return;
      }
      const paid = booking.paidAt !== null;
      if (paid) {
        if (booking.capturedAt) await refundInFull(tx, booking, "CANCELLED");
        await queueBookingEmail(tx, env.publicUrl, booking.id, "bookingCancelledForMentor", "mentor");
      }
      await queueBookingEmail(tx, env.publicUrl, booking.id, "bookingCancelled", "mentee");
    },
  });
  if (booking.paidAt === null) {
    services.inBackground(`expiring the checkout of booking ${booking.id}`, () => expireCheckoutQuietly(services, booking));
  }
  return afterCommit(services, booking);
}

/** The history row's note for a confirmed booking's cancellation: who, and what the policy gave back. */
function cancellationNote(by: "mentor" | "mentee", outcome: string, fullRefundHours: number): string {
  if (by === "mentor") return "Cancelled by the mentor: the mentee is refunded in full";
  return outcome === "NO_REFUND"
    ? `Cancelled less than ${fullRefundHours} hours before the session: no refund, the mentor is credited their share`
    : "Cancelled in time for a full refund";
}

/**
 * Best effort: if it fails the session expires on its own within 24 hours, and a payment that
 * still arrives for the closed booking is refunded (refundLatePayment).
 */
async function expireCheckoutQuietly(services: Services, booking: Booking): Promise<void> {
  if (!booking.stripeCheckoutSessionId) return;
  try {
    await services.payments.expireCheckout(booking.stripeCheckoutSessionId);
  } catch (error) {
    logger.warn(
      { bookingId: booking.id, ...errorFields(error) },
      `could not expire checkout ${booking.stripeCheckoutSessionId} of booking ${booking.id}`,
    );
  }
}

/**
 * Stripe expired the booking's Checkout Session: an unpaid booking expires (the table lets
 * Stripe expire nothing else). The event id is recorded with the change.
 */
export function expireUnpaidBooking(services: Services, input: { bookingId: string; event: { id: string; type: string } }) {
  return transitionBooking(services, {
    bookingId: input.bookingId,
    action: "expire",
    actor: { kind: "STRIPE" },
    note: "Checkout Session expired",
    effects: async (tx) => {
      await tx.processedWebhookEvent.create({ data: { id: input.event.id, type: input.event.type } });
    },
  });
}

/**
 * The system expires a booking: unpaid ones quietly; paid ones the mentor left unanswered
 * with a full refund and an email to both sides.
 */
export async function expireBooking(services: Services, bookingId: string, note: string): Promise<Booking> {
  const booking = await transitionBooking(services, {
    bookingId,
    action: "expire",
    actor: { kind: "SYSTEM" },
    note,
    effects: async (tx, booking) => {
      if (booking.paidAt === null) return;
      // A payment captured at checkout whose charge is disputed: not refunded (Stripe refuses
      // it); the booking expires once the dispute has closed.
      await refuseWhileDisputed(tx, booking, "expire");
      if (booking.capturedAt) await refundInFull(tx, booking, "EXPIRED");
      await queueBookingEmail(tx, services.env.publicUrl, booking.id, "bookingExpired", "mentee");
      await queueBookingEmail(tx, services.env.publicUrl, booking.id, "bookingExpiredForMentor", "mentor");
    },
  });
  return afterCommit(services, booking);
}

/**
 * A payment arrived for a booking that was already cancelled or expired: the money is recorded
 * as received and refunded in full, in one transaction with the event id. Replays (of this
 * event or another one for the same payment) find the payment and the refund recorded and add
 * nothing. Returns false when there was nothing new to record.
 */
export async function refundLatePayment(
  services: Services,
  input: { bookingId: string; paymentIntentId: string | null; event: { id: string; type: string } },
): Promise<boolean> {
  const created = await services.db.$transaction(async (tx) => {
    // Lock the closed booking so concurrent deliveries for it take turns.
    const locked = await tx.booking.updateMany({
      where: { id: input.bookingId, status: { in: ["CANCELLED", "EXPIRED"] }, paidAt: null },
      data: { updatedAt: new Date() },
    });
    if (locked.count !== 1) return false;
    let booking = await tx.booking.findUniqueOrThrow({ where: { id: input.bookingId } });
    if (!booking.stripePaymentIntentId && input.paymentIntentId) {
      booking = await tx.booking.update({ where: { id: booking.id }, data: { stripePaymentIntentId: input.paymentIntentId } });
    }
    await tx.processedWebhookEvent.create({ data: { id: input.event.id, type: input.event.type } });
    await recordPayment(tx, booking);
    const { created } = await createRefundInTx(tx, booking, "LATE_PAYMENT");
    return created;
  });
  if (created) {
    logger.warn(
      { eventId: input.event.id, bookingId: input.bookingId },
      `stripe: payment ${input.event.id} arrived for closed booking ${input.bookingId}; refunding it`,
    );
    await waitBriefly(refundInBackground(services, input.bookingId), REFUND_WAIT_MS);
  }
  return created;
}

/**
 * Stripe captured another amount or currency than the booking's price (a Checkout Session that
 * was altered, or a payment made outside it). The booking is not paid by it: the money that
 * arrived is recorded as received (ledger PAYMENT of that amount) and refunded in full (reason
 * AMOUNT_MISMATCH, visible on the booking), in one transaction with the event id, whatever the
 * booking's status while it has no payment recorded. Replays add nothing. Returns false when
 * there was nothing new to record (a replay, or a booking that already has a payment, which is
 * logged for a person).
 */
export async function refundMismatchedPayment(
  services: Services,
  input: {
    bookingId: string;
    paymentIntentId: string | null;
    received: { amountCents: number; currency: string };
    event: { id: string; type: string };
  },
): Promise<boolean> {
  const result = await services.db.$transaction(async (tx) => {
    // Lock the unpaid booking so concurrent deliveries for it take turns.
    const locked = await tx.booking.updateMany({ where: { id: input.bookingId, paidAt: null }, data: { updatedAt: new Date() } });
    if (locked.count !== 1) return "paid" as const;
    if (await tx.refund.findUnique({ where: { bookingId: input.bookingId }, select: { id: true } })) return "duplicate" as const;
    let booking = await tx.booking.findUniqueOrThrow({ where: { id: input.bookingId } });
    if (!booking.stripePaymentIntentId && input.paymentIntentId) {
      booking = await tx.booking.update({ where: { id: booking.id }, data: { stripePaymentIntentId: input.paymentIntentId } });
    }
    await tx.processedWebhookEvent.create({ data: { id: input.event.id, type: input.event.type } });
    await recordPayment(tx, booking, input.received);
    const { created } = await createRefundInTx(tx, booking, "AMOUNT_MISMATCH", input.received);
    return created ? ("created" as const) : ("duplicate" as const);
  });
  if (result === "paid") {
    logger.alert(
      { eventId: input.event.id, bookingId: input.bookingId },
      `PAYMENT MISMATCH: event ${input.event.id} captured ${input.received.amountCents} ${input.received.currency} (payment ${input.paymentIntentId ?? "unknown"}) for booking ${input.bookingId}, which already has a payment; not applied, needs a person`,
    );
    return false;
  }
  if (result === "created") {
    logger.warn(
      { eventId: input.event.id, bookingId: input.bookingId },
      `stripe: payment ${input.event.id} of ${input.received.amountCents} ${input.received.currency} does not match the price of booking ${input.bookingId}; refunding it`,
    );
    await waitBriefly(refundInBackground(services, input.bookingId), REFUND_WAIT_MS);
  }
  return result === "created";
}

/** Sets (or replaces) both links of a confirmed booking; the mentee is emailed once. */
export async function addBookingLinks(
  services: Services,
  viewer: AuthenticatedUser | null,
  input: { bookingId: string; availabilityLink: string; meetingLink: string },
): Promise<Booking> {
  const mentor = requireViewer(viewer);
  const availabilityLink = parseSessionLink("availabilityLink", input.availabilityLink);
  const meetingLink = parseSessionLink("meetingLink", input.meetingLink);
  const booking = await services.db.$transaction(async (tx) => {
    const { booking: locked } = await lockBookingFor(tx, input.bookingId, userActor(mentor), "addLinks", {
      from: EDITS.addLinks.in,
      actors: EDITS.addLinks.actors,
    });
    await tx.session.update({
      where: { bookingId: locked.id },
      data: { availabilityLink, meetingLink, linksAddedAt: new Date() },
    });
    // A changed pair of links is news to the mentee; the same pair sent again is not.
    const version = createHash("sha256").update(`${availabilityLink}\n${meetingLink}`).digest("hex").slice(0, 16);
    await queueBookingEmail(tx, services.env.publicUrl, locked.id, "linksAdded", "mentee", version);
    await recordBookingEvent(tx, "booking.links_added", locked);
    return locked;
  });
  services.publish(changeOf(booking, "addLinks"));
  return booking;
}

/**
 * A card was authorised for a booking that was already cancelled or expired: nothing was
 * charged. The payment intent and the event are recorded with the closed booking in one
 * transaction, and the hold is released after commit (retried by the expire-bookings task).
 * Returns false when there was nothing new to record (a replay).
 */
export async function releaseLateAuthorization(
  services: Services,
  input: { bookingId: string; paymentIntentId: string; event: { id: string; type: string } },
): Promise<boolean> {
  const recorded = await services.db.$transaction(async (tx) => {
    const locked = await tx.booking.updateMany({
      where: { id: input.bookingId, status: { in: ["CANCELLED", "EXPIRED"] }, paidAt: null, stripePaymentIntentId: null },
      data: { updatedAt: new Date(), stripePaymentIntentId: input.paymentIntentId },
    });
    if (locked.count !== 1) return false;
    await tx.processedWebhookEvent.create({ data: { id: input.event.id, type: input.event.type } });
    return true;
  });
  if (recorded) {
    logger.warn(
      { eventId: input.event.id, bookingId: input.bookingId },
      `stripe: a card was authorised for closed booking ${input.bookingId}; releasing the hold`,
    );
    await waitBriefly(
      services.inBackground(`releasing the late authorisation of booking ${input.bookingId}`, () =>
        releaseAuthorization(services, input.bookingId),
      ),
      REFUND_WAIT_MS,
    );
  }
  return recorded;
}

/**
 * A card was authorised for another amount or currency than the booking's price: the booking
 * is not paid by it and the hold is released at once (nothing was charged, nothing is recorded
 * in the ledger). The event id is recorded first, so a replay does nothing.
 */
export async function releaseMismatchedAuthorization(
  services: Services,
  input: {
    bookingId: string;
    paymentIntentId: string;
    received: { amountCents: number; currency: string };
    event: { id: string; type: string };
  },
): Promise<boolean> {
  await services.db.processedWebhookEvent.create({ data: { id: input.event.id, type: input.event.type } });
  try {
    await services.payments.releaseAuthorization({ bookingId: input.bookingId, paymentIntentId: input.paymentIntentId });
    logger.warn(
      { eventId: input.event.id, bookingId: input.bookingId },
      `stripe: authorisation ${input.paymentIntentId} of ${input.received.amountCents} ${input.received.currency} does not match the price of booking ${input.bookingId}; released`,
    );
  } catch (error) {
    logger.alert(
      { eventId: input.event.id, bookingId: input.bookingId, ...errorFields(error) },
      `AUTHORIZATION MISMATCH: authorisation ${input.paymentIntentId} of ${input.received.amountCents} ${input.received.currency} for booking ${input.bookingId} could not be released (Stripe lets it lapse after 7 days); needs a person`,
    );
  }
  return true;
}
