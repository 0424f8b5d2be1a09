// Sample data for the email templates, so each can be rendered and read in development
// (and is rendered in tests). Booking templates' samples can live beside these.
import {
  payoutTemplates,
  templates,
  type BookingEmailData,
  type PayoutEmailData,
  type RenderedEmail,
  type TemplateName,
} from "./templates.ts";

export const payoutTemplateSamples: { [K in keyof typeof payoutTemplates]: PayoutEmailData } = {
  payoutProcessed: { mentorName: "Ada Lovelace", amountCents: 12_345, currency: "usd", earningsUrl: "http://localhost:4000/earnings" },
  payoutFailed: {
    mentorName: "Ada Lovelace",
    amountCents: 12_345,
    currency: "usd",
    earningsUrl: "http://localhost:4000/earnings",
    failureReason: "account_invalid: The destination account needs to finish onboarding.",
  },
};

export function renderPayoutSamples(): Array<{ name: string } & RenderedEmail> {
  return (Object.keys(payoutTemplates) as Array<keyof typeof payoutTemplates>).map((name) => ({
    name,
    ...payoutTemplates[name](payoutTemplateSamples[name]),
  }));
}

const booking: BookingEmailData = {
  bookingUrl: "http://localhost:4000/bookings/00000000-0000-4000-8000-000000000001",
  mentorName: "Ada Lovelace",
  menteeName: "Grace Hopper",
  title: "Career chat",
  priceCents: 4500,
  currency: "usd",
  message: "Could we talk about moving into platform engineering?",
};

/** Every booking template's sample (a template without one does not type-check). */
export const bookingTemplateSamples: { [K in TemplateName]: BookingEmailData } = {
  bookingPaid: {
    ...booking,
    respondBy: new Date("2026-11-30T14:05:00Z"),
    confirmUrl: "http://localhost:4000/respond/sample-confirm-token-00000000000000000000",
    declineUrl: "http://localhost:4000/respond/sample-decline-token-00000000000000000000",
  },
  bookingConfirmed: booking,
  bookingDeclined: { ...booking, reason: "I am fully booked this month.", refundCents: 4500 },
  linksAdded: {
    ...booking,
    availabilityLink: "https://calendar.google.com/appointments/abc",
    meetingLink: "https://meet.google.com/abc-defg-hij",
  },
  bookingCompleted: { ...booking, windowEndsAt: new Date("2026-11-30T14:05:00Z") },
  bookingCompletedBySystemForMentor: {
    ...booking,
    startsAt: new Date("2026-11-28T14:00:00Z"),
    endsAt: new Date("2026-11-28T14:45:00Z"),
    earningCents: 3600,
    windowEndsAt: new Date("2026-12-02T14:05:00Z"),
    completionHoldHours: 48,
  },
  problemReported: { ...booking, reason: "The mentor never joined the call." },
  problemReportedForAdmin: { ...booking, reason: "The mentor never joined the call." },
  problemResolved: { ...booking, resolution: "PARTIAL_REFUND", refundCents: 2000 },
  problemResolvedForMentor: { ...booking, resolution: "PARTIAL_REFUND", refundCents: 2000 },
  bookingCancelled: { ...booking, refundCents: 4500 },
  bookingCancelledForMentor: { ...booking, refundCents: 4500 },
  sessionScheduled: { ...booking, startsAt: new Date("2026-12-01T14:00:00Z"), endsAt: new Date("2026-12-01T14:45:00Z") },
  sessionScheduledForMentor: { ...booking, startsAt: new Date("2026-12-01T14:00:00Z"), endsAt: new Date("2026-12-01T14:45:00Z") },
  sessionReminder: { ...booking, startsAt: new Date("2026-12-01T14:00:00Z"), reminderMinutes: 60 },
  sessionReminderForMentor: { ...booking, startsAt: new Date("2026-12-01T14:00:00Z"), reminderMinutes: 60 },
  sessionCancelled: { ...booking, startsAt: new Date("2026-12-01T14:00:00Z"), refundCents: 4500 },
  sessionCancelledForMentor: { ...booking, startsAt: new Date("2026-12-01T14:00:00Z"), refundCents: null, mentorShareCents: 3600 },
  sessionCancelledByMentor: { ...booking, startsAt: new Date("2026-12-01T14:00:00Z"), refundCents: 4500 },
  sessionCancelledByMentorForMentor: { ...booking, startsAt: new Date("2026-12-01T14:00:00Z") },
  bookingCancelledByAdmin: { ...booking, reason: "The mentor asked us to cancel.", refundCents: 2000 },
  bookingCancelledByAdminForMentor: { ...booking, reason: "The mentor asked us to cancel.", refundCents: 2000 },
  bookingExpired: { ...booking, refundCents: 4500 },
  bookingExpiredForMentor: { ...booking, refundCents: 4500 },
};

export function renderBookingSamples(): Array<{ name: string } & RenderedEmail> {
  return (Object.keys(templates) as TemplateName[]).map((name) => {
    const render: (data: BookingEmailData) => RenderedEmail = templates[name];
    return { name, ...render(bookingTemplateSamples[name]) };
  });
}
