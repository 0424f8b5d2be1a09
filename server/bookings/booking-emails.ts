// Queues the email that announces a booking change, inside that change's transaction.
import { cancelQueuedEmails, queueEmail } from "../email/outbox.ts";
import { templates, type BookingEmailData, type TemplateName } from "../email/templates.ts";
import type { Tx } from "../db/client.ts";
import { respondBy } from "./booking-lifecycle.ts";

export async function queueBookingEmail(
  tx: Tx,
  publicUrl: string,
  bookingId: string,
  template: TemplateName,
  /** "admins": every admin account (e.g. a problem report waiting for one). */
  recipient: "mentor" | "mentee" | "admins",
  /** Distinguishes repeated announcements of the same kind (e.g. links changed twice). */
  version = "",
  /** BOOKING_RESPONSE_HOURS, to tell the mentor by when to answer a paid request. */
  responseHours?: number,
  /** Data the booking does not hold (the one-click answer links). */
  extra: Partial<BookingEmailData> = {},
): Promise<void> {
  const booking = await tx.booking.findUniqueOrThrow({
    where: { id: bookingId },
    include: { mentor: true, mentee: true, session: true, refund: true },
  });
  const to =
    recipient === "admins"
      ? await tx.user.findMany({ where: { role: "ADMIN" }, select: { email: true }, orderBy: { createdAt: "asc" } })
      : [recipient === "mentor" ? booking.mentor : booking.mentee];
  const email = templates[template]({
    bookingUrl: `${publicUrl}/bookings/${booking.id}`,
    mentorName: booking.mentor.name,
    menteeName: booking.mentee.name,
    title: booking.title,
    priceCents: booking.priceCents,
    currency: booking.currency,
    message: booking.message,
    reason: booking.declineReason,
    availabilityLink: booking.session?.availabilityLink,
    meetingLink: booking.session?.meetingLink,
    refundCents: booking.refund?.amountCents ?? null,
    authorizedOnly: booking.paidAt !== null && booking.capturedAt === null && !booking.refund,
    respondBy: responseHours === undefined ? null : respondBy(booking, responseHours),
    startsAt: booking.sessionStartsAt,
    endsAt: booking.sessionEndsAt,
    // What the bank gave back after a lost dispute is not refunded again (settleLostDisputes).
    chargedBackCents: booking.chargedBackCents,
    ...extra,
  });
  for (const { email: address } of to) {
    const key = `${template}:${booking.id}${version ? `:${version}` : ""}`;
    await queueEmail(tx, address, recipient === "admins" ? `${key}:${address}` : key, email);
  }
}

const REMINDER_TEMPLATES: readonly TemplateName[] = ["sessionReminder", "sessionReminderForMentor"];

/**
 * Withdraws this booking's session reminders (session-time.ts's sendDueReminders) still waiting
 * in the outbox, whatever start they were queued for: run in the transaction that moves the
 * session or takes the booking out of CONFIRMED, after the booking's lock is taken, so a
 * reminder queued by a run that committed just before is seen and withdrawn too. Returns how
 * many emails were withdrawn.
 */
export function cancelQueuedReminders(tx: Tx, bookingId: string): Promise<number> {
  return cancelQueuedEmails(
    tx,
    REMINDER_TEMPLATES.map((template) => `${template}:${bookingId}:`),
  );
}
