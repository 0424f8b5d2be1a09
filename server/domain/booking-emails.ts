// Queues the email that announces a booking change, inside that change's transaction.
import { queueEmail } from "../email/outbox.ts";
import { templates, type BookingEmailData, type RenderedEmail, type TemplateName } from "../email/templates.ts";
import type { Tx } from "./transition-booking.ts";

/** The templates that announce a booking change (others, e.g. payouts, take other data). */
export type BookingTemplateName = {
  [K in TemplateName]: (typeof templates)[K] extends (data: BookingEmailData) => RenderedEmail ? K : never;
}[TemplateName];

export async function queueBookingEmail(
  tx: Tx,
  publicUrl: string,
  bookingId: string,
  template: BookingTemplateName,
  recipient: "mentor" | "mentee",
  /** Distinguishes repeated announcements of the same kind (e.g. links changed twice). */
  version = "",
): Promise<void> {
  const booking = await tx.booking.findUniqueOrThrow({
    where: { id: bookingId },
    include: { mentor: true, mentee: true, session: true, refund: true },
  });
  const to = recipient === "mentor" ? booking.mentor : booking.mentee;
  const render: (data: BookingEmailData) => RenderedEmail = templates[template];
  const email = render({
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
  });
  await queueEmail(tx, to.email, `${template}:${booking.id}${version ? `:${version}` : ""}`, email);
}
