// Every webhook event type, in one table: what it is about, the API key scope that may receive
// it, the booking status that announces it (a lifecycle transition records the event of the
// status it reaches), and its description (the partner documentation and the GraphQL enum).
// A new lifecycle event is one line here.
import type { BookingStatus } from "../generated/prisma/enums.ts";

interface EventTypeRule {
  about: "booking" | "refund" | "payout";
  /** The scope an API key needs to receive it (a session's endpoint has every scope). */
  scope: "bookings:read" | "earnings:read";
  /** The transition to this status records the event (server/bookings/transition-booking.ts). */
  status?: BookingStatus;
  description: string;
}

export const WEBHOOK_EVENTS = {
  "booking.paid": {
    about: "booking",
    scope: "bookings:read",
    status: "PENDING",
    description: "Stripe confirmed the payment: the request awaits the mentor's answer.",
  },
  "booking.confirmed": { about: "booking", scope: "bookings:read", status: "CONFIRMED", description: "The mentor confirmed the session." },
  "booking.declined": {
    about: "booking",
    scope: "bookings:read",
    status: "DECLINED",
    description: "The mentor declined; the hold on the mentee's card is released.",
  },
  "booking.links_added": {
    about: "booking",
    scope: "bookings:read",
    description: "The mentor added or changed the availability and meeting links.",
  },
  "booking.scheduled": {
    about: "booking",
    scope: "bookings:read",
    description:
      "The mentee or the mentor recorded or changed the session's time (booking.startsAt, booking.endsAt; previousStartsAt when moved).",
  },
  "booking.completed": {
    about: "booking",
    scope: "bookings:read",
    status: "COMPLETED",
    description: "The mentor marked the session complete.",
  },
  "booking.problem_reported": {
    about: "booking",
    scope: "bookings:read",
    description: "The mentee reported a problem with the completed session; the mentor's earning is held until an admin resolves it.",
  },
  "booking.problem_resolved": {
    about: "booking",
    scope: "bookings:read",
    description: "An admin resolved the problem report: the earning released to the mentor, or the mentee refunded in full or in part.",
  },
  "booking.cancelled": {
    about: "booking",
    scope: "bookings:read",
    status: "CANCELLED",
    description: "Cancelled: by the mentee, by the mentor (a confirmed booking, refunded in full) or by an admin.",
  },
  "booking.expired": {
    about: "booking",
    scope: "bookings:read",
    status: "EXPIRED",
    description: "Unpaid, or unanswered in time (then refunded).",
  },
  "refund.succeeded": { about: "refund", scope: "bookings:read", description: "A booking's refund went through at Stripe." },
  "payout.paid": { about: "payout", scope: "earnings:read", description: "A payout to the mentor's Stripe account was made." },
  "payout.failed": {
    about: "payout",
    scope: "earnings:read",
    description: "A payout failed or was reversed; the amount is back on the balance.",
  },
} as const satisfies Record<string, EventTypeRule>;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as WebhookEventType[];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return Object.hasOwn(WEBHOOK_EVENTS, value);
}

/** The event a transition to `status` announces, if any. */
export function eventForStatus(status: BookingStatus): WebhookEventType | undefined {
  return WEBHOOK_EVENT_TYPES.find((type) => (WEBHOOK_EVENTS[type] as EventTypeRule).status === status);
}
