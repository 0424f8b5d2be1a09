import { createHash } from "node:crypto";
// The booking commands behind the GraphQL mutations and the webhook: each one goes through
// the lifecycle table (transitionBooking / lockBookingFor) in one transaction.
import type { Booking } from "../generated/prisma/client.ts";
import type { Services } from "../services.ts";
import type { AuthenticatedUser } from "./auth.ts";
import { EDITS } from "./booking-lifecycle.ts";
import { queueBookingEmail } from "./booking-emails.ts";
import { InvalidTransitionError, NotFoundError, PaymentProviderError } from "./errors.ts";
import { parseSessionLink } from "./links.ts";
import { cleanText } from "./text.ts";
import { changeOf, lockBookingFor, transitionBooking, writeHistory, type Actor } from "./transition-booking.ts";
import { requireRole, requireViewer } from "./viewer.ts";
import { recordCompletion, recordPayment } from "../ledger/movements.ts";

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

  let checkout;
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
    console.error(`checkout for booking ${booking.id} failed:`, error);
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
 * Payment confirmed by a verified Stripe event: AWAITING_PAYMENT -> PENDING, mentor emailed.
 * The event id is recorded in the same transaction, so a replayed event changes nothing.
 */
export function markBookingPaid(
  services: Services,
  input: { bookingId: string; paymentIntentId: string | null; event: { id: string; type: string } },
): Promise<Booking> {
  return transitionBooking(services, {
    bookingId: input.bookingId,
    action: "pay",
    actor: { kind: "STRIPE" },
    data: { stripePaymentIntentId: input.paymentIntentId },
    effects: async (tx, booking) => {
      await tx.processedWebhookEvent.create({ data: { id: input.event.id, type: input.event.type } });
      await recordPayment(tx, booking);
      await queueBookingEmail(tx, services.env.publicUrl, booking.id, "bookingPaid", "mentor");
    },
  });
}

export function confirmBooking(services: Services, viewer: AuthenticatedUser | null, bookingId: string) {
  const mentor = requireViewer(viewer);
  return transitionBooking(services, {
    bookingId,
    action: "confirm",
    actor: userActor(mentor),
    effects: async (tx, booking) => {
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
) {
  const mentor = requireViewer(viewer);
  const reason = cleanText("reason", "Reason", rawReason ?? "", { max: MAX_REASON_LENGTH }) || null;
  return transitionBooking(services, {
    bookingId,
    action: "decline",
    actor: userActor(mentor),
    note: reason ?? undefined,
    data: { declineReason: reason },
    effects: (tx, booking) => queueBookingEmail(tx, services.env.publicUrl, booking.id, "bookingDeclined", "mentee"),
  });
}

/** Completing needs both links: they are how the session was held. */
export function completeBooking(services: Services, viewer: AuthenticatedUser | null, bookingId: string) {
  const mentor = requireViewer(viewer);
  return transitionBooking(services, {
    bookingId,
    action: "complete",
    actor: userActor(mentor),
    effects: async (tx, booking) => {
      const session = await tx.session.findUnique({ where: { bookingId: booking.id } });
      if (!session?.availabilityLink || !session.meetingLink) {
        throw new InvalidTransitionError(
          "complete",
          "CONFIRMED",
          "Add the availability link and the meeting link before marking the session complete.",
        );
      }
      await tx.session.update({ where: { bookingId: booking.id }, data: { completedAt: booking.completedAt } });
      await recordCompletion(tx, booking);
      await queueBookingEmail(tx, services.env.publicUrl, booking.id, "bookingCompleted", "mentee");
    },
  });
}

export function cancelBooking(services: Services, viewer: AuthenticatedUser | null, bookingId: string) {
  const mentee = requireViewer(viewer);
  return transitionBooking(services, { bookingId, action: "cancel", actor: userActor(mentee) });
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
    return locked;
  });
  services.publish(changeOf(booking, "addLinks"));
  return booking;
}
