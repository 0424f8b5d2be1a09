// Email templates: plain text, one function per message, each with sample data in
// templates.samples.ts so every template can be rendered and read in development.
import { formatMoney } from "../shared/money.ts";

export interface BookingEmailData {
  bookingUrl: string;
  mentorName: string;
  menteeName: string;
  title: string;
  priceCents: number;
  currency: string;
  message?: string;
  reason?: string | null;
  availabilityLink?: string | null;
  meetingLink?: string | null;
  /** The booking's refund, when its payment goes back to the mentee. */
  refundCents?: number | null;
  /**
   * The mentee's card was only authorised, never charged (manual capture): what goes back is a
   * released hold, not a refund.
   */
  authorizedOnly?: boolean;
  /** When a paid request expires unless the mentor answers it (Booking.respondBy). */
  respondBy?: Date | null;
  /** Until when the mentee may report a problem with a completed session (COMPLETION_HOLD_HOURS). */
  windowEndsAt?: Date | null;
  /** On a completion: the mentor's earning (held until windowEndsAt, or released at once without a window). */
  earningCents?: number | null;
  /** On a completion: a card dispute open on the payment froze the earning until it closes. */
  earningFrozen?: boolean;
  /** COMPLETION_HOLD_HOURS, to explain a completion by the system. */
  completionHoldHours?: number;
  /** The system completed the session (its recorded end passed the window), not the mentor. */
  completedBySystem?: boolean;
  /** How an admin resolved a problem report: RELEASE_TO_MENTOR, REFUND_MENTEE, PARTIAL_REFUND. */
  resolution?: string | null;
  /** One-click answers for the mentor (server/bookings/email-actions.ts), in the new-request email. */
  confirmUrl?: string;
  declineUrl?: string;
  /** The recorded session time (Booking.startsAt / endsAt), shown in UTC. */
  startsAt?: Date | null;
  endsAt?: Date | null;
  /** Minutes before the start that the reminder goes out (SESSION_REMINDER_MINUTES). */
  reminderMinutes?: number;
  /** On a cancellation of a confirmed booking: the mentor's share of what was kept (no refund). */
  mentorShareCents?: number | null;
  /** CANCELLATION_FULL_REFUND_HOURS, to explain a cancellation without refund. */
  fullRefundHours?: number;
  /**
   * What the mentee's bank already gave back after a lost card dispute of the payment: never
   * refunded a second time, and no share of it is the mentor's. `refundCents` stays what the
   * refund or the policy gives, this included.
   */
  chargedBackCents?: number | null;
}

export interface RenderedEmail {
  tag: string;
  subject: string;
  text: string;
}

/** Payout emails, to the mentor. */
export interface PayoutEmailData {
  mentorName: string;
  amountCents: number;
  currency: string;
  earningsUrl: string;
  failureReason?: string | null;
}

const price = (d: BookingEmailData) => formatMoney({ amountCents: d.priceCents, currency: d.currency });
const chargedBack = (d: BookingEmailData) => d.chargedBackCents ?? 0;
/**
 * The mentee's bank already returned (part of) the payment after a card dispute: said instead of
 * refunding that part, then whatever of `refundCents` (the refund or the policy's, the returned
 * part included) is still refunded.
 */
const chargedBackLine = (d: BookingEmailData, refundCents: number) => {
  const rest = Math.max(0, refundCents - chargedBack(d));
  const returned = `Your bank already returned ${formatMoney({ amountCents: chargedBack(d), currency: d.currency })} to you after your card dispute, so we do not refund it a second time.`;
  return rest > 0
    ? `${returned} We are refunding the other ${formatMoney({ amountCents: rest, currency: d.currency })} to the card you paid with; banks usually show it within 5 to 10 business days.`
    : returned;
};
/** What a mentee is told when their payment goes back (the booking's refund, else its price). */
const refundLine = (d: BookingEmailData) => {
  if (d.authorizedOnly) {
    return `You were not charged: the ${price(d)} held on your card is released (your bank may take a few days to remove the hold).`;
  }
  if (chargedBack(d) > 0) return chargedBackLine(d, d.priceCents);
  return `We are refunding your payment of ${formatMoney({ amountCents: d.refundCents ?? d.priceCents, currency: d.currency })} in full to the card you paid with; banks usually show it within 5 to 10 business days.`;
};

/** What a mentee is told about their money when an admin cancels: a refund in full or in part, a released hold, or nothing charged. */
const adminCancelMoneyLine = (d: BookingEmailData) => {
  if (d.refundCents === null || d.refundCents === undefined) {
    return d.authorizedOnly ? refundLine(d) : "You were not charged.";
  }
  if (chargedBack(d) > 0) return chargedBackLine(d, d.refundCents);
  if (d.refundCents >= d.priceCents) return refundLine(d);
  if (d.refundCents === 0) return `Your payment of ${price(d)} is not refunded.`;
  return `We are refunding ${formatMoney({ amountCents: d.refundCents, currency: d.currency })} of your ${price(d)} payment to the card you paid with; banks usually show it within 5 to 10 business days.`;
};

/** "Monday, 30 November 2026, 14:05 UTC": a deadline nobody can misread across time zones. */
export function formatDeadline(date: Date): string {
  const day = date.toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  const time = date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });
  return `${day}, ${time} UTC`;
}

const money = (d: BookingEmailData, amountCents: number) => formatMoney({ amountCents, currency: d.currency });
/** "Monday, 30 November 2026, 14:05 UTC to 14:50 UTC". */
const sessionTime = (d: BookingEmailData) =>
  d.startsAt ? `${formatDeadline(d.startsAt)}${d.endsAt ? ` to ${formatDeadline(d.endsAt).split(", ").at(-1)}` : ""}` : "not recorded yet";
const localTimeHint = (d: BookingEmailData) => `Your booking page shows it in your own time zone: ${d.bookingUrl}`;
/** A confirmed booking was cancelled: what the mentee gets back (a charged payment). */
const cancelledRefundLine = (d: BookingEmailData) =>
  chargedBack(d) > 0
    ? chargedBackLine(d, d.refundCents ?? 0)
    : d.refundCents
      ? `We are refunding your payment of ${money(d, d.refundCents)} in full to the card you paid with; banks usually show it within 5 to 10 business days.`
      : `It was cancelled less than ${d.fullRefundHours ?? 24} hours before the session, so by the cancellation policy nothing is refunded.`;

export const templates = {
  bookingPaid: (d: BookingEmailData): RenderedEmail => ({
    tag: "booking-paid",
    subject: `New booking request: ${d.title} with ${d.menteeName}`,
    text: [
      `Hi ${d.mentorName},`,
      ``,
      d.authorizedOnly
        ? `${d.menteeName} booked "${d.title}"; ${price(d)} is held on their card and charged when you confirm.`
        : `${d.menteeName} booked "${d.title}" and paid ${price(d)}.`,
      d.message ? `Their message:\n\n  ${d.message.replace(/\n/g, "\n  ")}\n` : ``,
      d.confirmUrl && d.declineUrl
        ? `Answer in one click (each link asks you to confirm, and works once):\n  Confirm: ${d.confirmUrl}\n  Decline: ${d.declineUrl}\n\nOr open the booking: ${d.bookingUrl}`
        : `Confirm or decline it here: ${d.bookingUrl}`,
      d.respondBy
        ? `\nPlease answer by ${formatDeadline(d.respondBy)}. After that the request expires and ${d.menteeName} ${d.authorizedOnly ? "is not charged" : "is refunded in full"}.`
        : ``,
    ].join("\n"),
  }),
  bookingConfirmed: (d: BookingEmailData): RenderedEmail => ({
    tag: "booking-confirmed",
    subject: `${d.mentorName} confirmed your session "${d.title}"`,
    text: [
      `Hi ${d.menteeName},`,
      ``,
      `${d.mentorName} confirmed "${d.title}". They will add an availability link and a meeting link shortly.`,
      ``,
      `Follow your booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
  bookingDeclined: (d: BookingEmailData): RenderedEmail => ({
    tag: "booking-declined",
    subject: `${d.mentorName} declined "${d.title}"`,
    text: [
      `Hi ${d.menteeName},`,
      ``,
      `${d.mentorName} declined "${d.title}".${d.reason ? ` Their reason: ${d.reason}` : ""}`,
      refundLine(d),
      ``,
      `Your booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
  linksAdded: (d: BookingEmailData): RenderedEmail => ({
    tag: "booking-links",
    subject: `Links for "${d.title}" with ${d.mentorName}`,
    text: [
      `Hi ${d.menteeName},`,
      ``,
      `${d.mentorName} added the links for "${d.title}".`,
      `Pick a time: ${d.availabilityLink ?? ""}`,
      `Join the meeting: ${d.meetingLink ?? ""}`,
      ``,
      `Your booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
  bookingCompleted: (d: BookingEmailData): RenderedEmail => ({
    tag: "booking-completed",
    subject: `"${d.title}" with ${d.mentorName} is complete`,
    text: [
      `Hi ${d.menteeName},`,
      ``,
      d.completedBySystem
        ? `"${d.title}" with ${d.mentorName} was completed automatically, as its recorded time has passed. Thank you for booking!`
        : `${d.mentorName} marked "${d.title}" as complete. Thank you for booking!`,
      ...(d.windowEndsAt
        ? [
            ``,
            `If the session did not happen or something went wrong, report a problem from your booking page until ${formatDeadline(d.windowEndsAt)}.`,
          ]
        : []),
      ``,
      `Your booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
  bookingCompletedBySystemForMentor: (d: BookingEmailData): RenderedEmail => ({
    tag: "booking-completed-by-system-mentor",
    subject: `"${d.title}" with ${d.menteeName} was completed automatically`,
    text: [
      `Hi ${d.mentorName},`,
      ``,
      `"${d.title}" with ${d.menteeName} was completed automatically: its recorded end (${d.endsAt ? formatDeadline(d.endsAt) : "not recorded"}) was more than ${d.completionHoldHours ?? 48} hours ago and it had not been marked complete.`,
      ``,
      ...(chargedBack(d) > 0 && !d.earningFrozen
        ? [
            `${d.menteeName}'s bank returned ${money(d, chargedBack(d))} of the payment after a card dispute; it was recovered from this session's earning and the platform fee.`,
          ]
        : []),
      d.earningFrozen
        ? `Your earning of ${money(d, d.earningCents ?? 0)} is frozen while a card dispute about this payment is open; what becomes of it depends on how the dispute closes.`
        : !d.earningCents
          ? `Nothing is left to credit you for this session.`
          : d.windowEndsAt
            ? `Your earning of ${money(d, d.earningCents ?? 0)} is held and becomes available for payout on ${formatDeadline(d.windowEndsAt)}. Until then ${d.menteeName} may still report a problem with the session, which keeps it held until an admin decides.`
            : `Your earning of ${money(d, d.earningCents ?? 0)} is on your balance, available for payout.`,
      ``,
      `The booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
  problemReported: (d: BookingEmailData): RenderedEmail => ({
    tag: "problem-reported",
    subject: `${d.menteeName} reported a problem with "${d.title}"`,
    text: [
      `Hi ${d.mentorName},`,
      ``,
      `${d.menteeName} reported a problem with "${d.title}":`,
      ``,
      `  ${d.reason ?? ""}`,
      ``,
      `Your earning for this session is held until an admin looks at it; we will tell you what they decide.`,
      ``,
      `The booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
  problemReportedForAdmin: (d: BookingEmailData): RenderedEmail => ({
    tag: "problem-reported-admin",
    subject: `Problem report to resolve: "${d.title}" (${d.menteeName} with ${d.mentorName})`,
    text: [
      `${d.menteeName} reported a problem with "${d.title}" with ${d.mentorName} (${price(d)}):`,
      ``,
      `  ${d.reason ?? ""}`,
      ``,
      `The mentor's earning is held until it is resolved on the admin page: release it to the mentor, refund the mentee in full, or refund part.`,
      ``,
      `The booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
  problemResolved: (d: BookingEmailData): RenderedEmail => ({
    tag: "problem-resolved",
    subject: `Your problem report about "${d.title}" was resolved`,
    text: [
      `Hi ${d.menteeName},`,
      ``,
      d.resolution === "RELEASE_TO_MENTOR"
        ? `We looked at your report about "${d.title}" with ${d.mentorName} and paid the mentor; there is no refund.`
        : `We looked at your report about "${d.title}" with ${d.mentorName} and are refunding ${formatMoney({ amountCents: d.refundCents ?? d.priceCents, currency: d.currency })} to the card you paid with; banks usually show it within 5 to 10 business days.`,
      ``,
      `Your booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
  problemResolvedForMentor: (d: BookingEmailData): RenderedEmail => ({
    tag: "problem-resolved-mentor",
    subject: `The problem report about "${d.title}" was resolved`,
    text: [
      `Hi ${d.mentorName},`,
      ``,
      d.resolution === "RELEASE_TO_MENTOR"
        ? `An admin looked at ${d.menteeName}'s report about "${d.title}" and released your earning to your balance.`
        : d.resolution === "REFUND_MENTEE"
          ? `An admin looked at ${d.menteeName}'s report about "${d.title}" and refunded ${d.menteeName} in full; there is no earning for this session.`
          : `An admin looked at ${d.menteeName}'s report about "${d.title}" and refunded ${formatMoney({ amountCents: d.refundCents ?? 0, currency: d.currency })} to ${d.menteeName}; your share of the rest is on your balance.`,
      ``,
      `The booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
  bookingCancelled: (d: BookingEmailData): RenderedEmail => ({
    tag: "booking-cancelled",
    subject: `You cancelled "${d.title}" with ${d.mentorName}`,
    text: [
      `Hi ${d.menteeName},`,
      ``,
      `Your booking "${d.title}" with ${d.mentorName} is cancelled.`,
      d.refundCents || d.authorizedOnly || chargedBack(d) > 0 ? refundLine(d) : `You were not charged.`,
      ``,
      `Your booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
  bookingCancelledForMentor: (d: BookingEmailData): RenderedEmail => ({
    tag: "booking-cancelled-mentor",
    subject: `${d.menteeName} cancelled "${d.title}"`,
    text: [
      `Hi ${d.mentorName},`,
      ``,
      `${d.menteeName} cancelled their request for "${d.title}" before you answered it. ${d.authorizedOnly ? "Their card was not charged" : "They are refunded in full"}; there is nothing for you to do.`,
      ``,
      `The booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
  bookingCancelledByAdmin: (d: BookingEmailData): RenderedEmail => ({
    tag: "booking-cancelled-by-admin",
    subject: `"${d.title}" with ${d.mentorName} was cancelled by our team`,
    text: [
      `Hi ${d.menteeName},`,
      ``,
      `Our team cancelled your booking "${d.title}" with ${d.mentorName}.`,
      d.reason ? `The reason: ${d.reason}` : ``,
      adminCancelMoneyLine(d),
      ``,
      `Your booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
  bookingCancelledByAdminForMentor: (d: BookingEmailData): RenderedEmail => ({
    tag: "booking-cancelled-by-admin-mentor",
    subject: `"${d.title}" with ${d.menteeName} was cancelled by our team`,
    text: [
      `Hi ${d.mentorName},`,
      ``,
      `Our team cancelled "${d.title}" with ${d.menteeName}.`,
      d.reason ? `The reason: ${d.reason}` : ``,
      chargedBack(d) > 0 && Math.max(d.refundCents ?? d.priceCents, chargedBack(d)) >= d.priceCents
        ? `${d.menteeName}'s bank returned ${money(d, chargedBack(d))} of the payment after a card dispute, so there is no earning for this booking.`
        : d.refundCents !== null && d.refundCents !== undefined && d.refundCents < d.priceCents
          ? `${d.menteeName} is refunded ${money(d, d.refundCents)} of ${price(d)}; your share of the rest is credited to your balance, as for a completed session.`
          : `${d.menteeName} gets their money back in full, so there is no earning for this booking.`,
      ``,
      `The booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
  sessionScheduled: (d: BookingEmailData): RenderedEmail => ({
    tag: "session-scheduled",
    subject: `"${d.title}" with ${d.mentorName}: ${d.startsAt ? formatDeadline(d.startsAt) : "time changed"}`,
    text: [
      `Hi ${d.menteeName},`,
      ``,
      `${d.mentorName} recorded the time of "${d.title}": ${sessionTime(d)}.`,
      localTimeHint(d),
      d.meetingLink ? `Join the meeting: ${d.meetingLink}` : ``,
    ].join("\n"),
  }),
  sessionScheduledForMentor: (d: BookingEmailData): RenderedEmail => ({
    tag: "session-scheduled-mentor",
    subject: `"${d.title}" with ${d.menteeName}: ${d.startsAt ? formatDeadline(d.startsAt) : "time changed"}`,
    text: [`Hi ${d.mentorName},`, ``, `${d.menteeName} recorded the time of "${d.title}": ${sessionTime(d)}.`, localTimeHint(d)].join("\n"),
  }),
  sessionReminder: (d: BookingEmailData): RenderedEmail => ({
    tag: "session-reminder",
    subject: `Reminder: "${d.title}" with ${d.mentorName} starts soon`,
    text: [
      `Hi ${d.menteeName},`,
      ``,
      `Your session "${d.title}" with ${d.mentorName} starts ${d.startsAt ? formatDeadline(d.startsAt) : "soon"}${d.reminderMinutes ? ` (in about ${d.reminderMinutes} minutes)` : ""}.`,
      d.meetingLink ? `Join the meeting: ${d.meetingLink}` : `Your mentor has not added the meeting link yet; it will be on your booking.`,
      ``,
      `Your booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
  sessionReminderForMentor: (d: BookingEmailData): RenderedEmail => ({
    tag: "session-reminder-mentor",
    subject: `Reminder: "${d.title}" with ${d.menteeName} starts soon`,
    text: [
      `Hi ${d.mentorName},`,
      ``,
      `Your session "${d.title}" with ${d.menteeName} starts ${d.startsAt ? formatDeadline(d.startsAt) : "soon"}${d.reminderMinutes ? ` (in about ${d.reminderMinutes} minutes)` : ""}.`,
      d.meetingLink ? `Meeting link: ${d.meetingLink}` : `Add the meeting link so ${d.menteeName} can join: ${d.bookingUrl}`,
      ``,
      `The booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
  sessionCancelled: (d: BookingEmailData): RenderedEmail => ({
    tag: "session-cancelled",
    subject: `You cancelled "${d.title}" with ${d.mentorName}`,
    text: [
      `Hi ${d.menteeName},`,
      ``,
      `Your confirmed session "${d.title}" with ${d.mentorName} (${sessionTime(d)}) is cancelled.`,
      cancelledRefundLine(d),
      ``,
      `Your booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
  sessionCancelledForMentor: (d: BookingEmailData): RenderedEmail => ({
    tag: "session-cancelled-mentor",
    subject: `${d.menteeName} cancelled "${d.title}"`,
    text: [
      `Hi ${d.mentorName},`,
      ``,
      `${d.menteeName} cancelled the confirmed session "${d.title}" (${sessionTime(d)}).`,
      chargedBack(d) > 0 && !d.mentorShareCents
        ? `Their bank returned ${money(d, chargedBack(d))} of the payment after a card dispute, so there is no earning for this session.`
        : d.refundCents
          ? `They cancelled in time for a full refund, so there is no earning for this session.`
          : `They cancelled less than ${d.fullRefundHours ?? 24} hours before the session, so they are not refunded and your share of ${money(d, d.mentorShareCents ?? 0)} is credited to your balance, as for a completed session.`,
      ``,
      `The booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
  sessionCancelledByMentor: (d: BookingEmailData): RenderedEmail => ({
    tag: "session-cancelled-by-mentor",
    subject: `${d.mentorName} cancelled "${d.title}"`,
    text: [
      `Hi ${d.menteeName},`,
      ``,
      `${d.mentorName} cancelled your confirmed session "${d.title}" (${sessionTime(d)}).`,
      chargedBack(d) > 0
        ? chargedBackLine(d, d.priceCents)
        : `We are refunding your payment of ${money(d, d.refundCents ?? d.priceCents)} in full to the card you paid with; banks usually show it within 5 to 10 business days.`,
      ``,
      `Your booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
  sessionCancelledByMentorForMentor: (d: BookingEmailData): RenderedEmail => ({
    tag: "session-cancelled-by-mentor-mentor",
    subject: `You cancelled "${d.title}" with ${d.menteeName}`,
    text: [
      `Hi ${d.mentorName},`,
      ``,
      `You cancelled the confirmed session "${d.title}" with ${d.menteeName} (${sessionTime(d)}). ${d.menteeName} is refunded ${price(d)} in full and has been told.`,
      ``,
      `The booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
  bookingExpired: (d: BookingEmailData): RenderedEmail => ({
    tag: "booking-expired",
    subject: `"${d.title}" with ${d.mentorName} expired`,
    text: [
      `Hi ${d.menteeName},`,
      ``,
      `${d.mentorName} did not answer your request for "${d.title}" in time, so it has expired.`,
      refundLine(d),
      ``,
      `Your booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
  bookingExpiredForMentor: (d: BookingEmailData): RenderedEmail => ({
    tag: "booking-expired-mentor",
    subject: `The request for "${d.title}" from ${d.menteeName} expired`,
    text: [
      `Hi ${d.mentorName},`,
      ``,
      `${d.menteeName}'s request for "${d.title}" was not confirmed or declined in time, so it has expired and ${d.menteeName} ${d.authorizedOnly ? "is not charged" : "is refunded in full"}.`,
      ``,
      `The booking: ${d.bookingUrl}`,
    ].join("\n"),
  }),
};

export type TemplateName = keyof typeof templates;

/** Emails to a mentor about a payout (server/payouts). */
export const payoutTemplates = {
  payoutProcessed: (d: PayoutEmailData): RenderedEmail => ({
    tag: "payout-processed",
    subject: `Payout of ${formatMoney({ amountCents: d.amountCents, currency: d.currency })} is on its way`,
    text: [
      `Hi ${d.mentorName},`,
      ``,
      `We sent ${formatMoney({ amountCents: d.amountCents, currency: d.currency })} to your connected Stripe account.`,
      `Stripe pays it out to your bank on your account's payout schedule.`,
      ``,
      `Your earnings and payout history: ${d.earningsUrl}`,
    ].join("\n"),
  }),
  payoutFailed: (d: PayoutEmailData): RenderedEmail => ({
    tag: "payout-failed",
    subject: `Your payout of ${formatMoney({ amountCents: d.amountCents, currency: d.currency })} did not go through`,
    text: [
      `Hi ${d.mentorName},`,
      ``,
      `We could not send ${formatMoney({ amountCents: d.amountCents, currency: d.currency })} to your Stripe account.`,
      d.failureReason ? `Reason: ${d.failureReason}` : ``,
      `The amount is back on your balance and will be paid in a later payout. Please check your Stripe account's details.`,
      ``,
      `Your earnings: ${d.earningsUrl}`,
    ].join("\n"),
  }),
};
