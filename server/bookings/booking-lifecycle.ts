// The booking lifecycle: the one table of transitions that every mutation, webhook handler
// and job goes through (server/bookings/transition-booking.ts applies it in a transaction).
//
//   AWAITING_PAYMENT --pay--> PENDING --confirm--> CONFIRMED --complete--> COMPLETED
//          |                    |  \--decline (hold released)--> DECLINED      |
//          |                    |--cancel by the mentee (hold released)--> CANCELLED
//          |                    \--expire unanswered, by the system (hold released)--> EXPIRED
//          +--cancel by the mentee--> CANCELLED                                  |
//          \--expire (Stripe's Checkout Session expired, or the system)--> EXPIRED
//                                                                                |
//   CONFIRMED --cancel by the mentee--> CANCELLED: full refund up to CANCELLATION_FULL_REFUND_HOURS
//                before the recorded start (or while no start is recorded); later no refund, and
//                the mentor is credited their share as for a completed session (cancellationTerms)
//   CONFIRMED --cancel by the mentor--> CANCELLED: full refund, any time
//   CONFIRMED --cancel by an admin--> CANCELLED: full or partial refund (admin-commands.ts)
//   CONFIRMED --complete by the system--> COMPLETED: with both links, once the recorded session
//                ended more than COMPLETION_HOLD_HOURS ago (the complete-sessions task)
//   CONFIRMED: edits `addLinks` (mentor) and `scheduleSession` (mentor or mentee, until it starts)
//
// Leaving PENDING by decline, cancel or expire releases the hold on the card (a payment captured
// at checkout is refunded in full, server/refunds/refunds.ts); the Refund row is written in the
// transition's transaction.
import type { BookingStatus } from "../generated/prisma/enums.ts";

/** Who may fire a transition: the booking's mentor or mentee, Stripe (verified webhook) or a job. */
export type ActorRole = "mentor" | "mentee" | "stripe" | "system" | "admin";

export type BookingAction = "pay" | "confirm" | "decline" | "complete" | "cancel" | "expire";

/** The timestamp column stamped by each transition. */
type StampField = "paidAt" | "confirmedAt" | "declinedAt" | "completedAt" | "cancelledAt" | "expiredAt";

export interface TransitionRule {
  from: readonly BookingStatus[];
  to: BookingStatus;
  actors: readonly ActorRole[];
  stamp: StampField;
  /** Narrower `from` for some actors: e.g. Stripe may only expire a booking not yet paid. */
  onlyFrom?: Partial<Record<ActorRole, readonly BookingStatus[]>>;
  /** The person who starts it when another actor fires it: the mentee pays, Stripe confirms the payment. */
  startedBy?: "mentor" | "mentee";
  /** What must be true besides the status: `links`, both session links added. */
  needs?: "links";
}

export const TRANSITIONS: { readonly [A in BookingAction]: TransitionRule } = {
  pay: { from: ["AWAITING_PAYMENT"], to: "PENDING", actors: ["stripe"], stamp: "paidAt", startedBy: "mentee" },
  confirm: { from: ["PENDING"], to: "CONFIRMED", actors: ["mentor"], stamp: "confirmedAt" },
  decline: { from: ["PENDING"], to: "DECLINED", actors: ["mentor"], stamp: "declinedAt" },
  // The system completes a booking whose recorded session ended more than COMPLETION_HOLD_HOURS
  // ago (completeBookingBySystem), so a mentor who never marks it complete is still paid.
  complete: { from: ["CONFIRMED"], to: "COMPLETED", actors: ["mentor", "system"], stamp: "completedAt", needs: "links" },
  // Cancelling a paid booking the mentor has not answered yet releases the hold on the card (or
  // refunds a payment captured at checkout). A CONFIRMED booking: the mentee is refunded by the
  // policy (cancellationTerms), the mentor's cancel refunds in full, an admin's in full or in part
  // (server/bookings/admin-commands.ts). The mentor answers a PENDING request by declining.
  cancel: {
    from: ["AWAITING_PAYMENT", "PENDING", "CONFIRMED"],
    to: "CANCELLED",
    actors: ["mentee", "mentor", "admin"],
    stamp: "cancelledAt",
    onlyFrom: { mentor: ["CONFIRMED"] },
  },
  // Stripe expires unpaid Checkout Sessions; the system also expires paid requests the mentor
  // left unanswered (BOOKING_RESPONSE_HOURS), with a refund.
  expire: {
    from: ["AWAITING_PAYMENT", "PENDING"],
    to: "EXPIRED",
    actors: ["stripe", "system"],
    stamp: "expiredAt",
    onlyFrom: { stripe: ["AWAITING_PAYMENT"] },
  },
};

/** Edits that are not status changes but are only allowed in some states. */
export const EDITS = {
  addLinks: { in: ["CONFIRMED"] as readonly BookingStatus[], actors: ["mentor"] as readonly ActorRole[] },
  /** Record (or change) the session's start; refused once the recorded start has passed. */
  scheduleSession: { in: ["CONFIRMED"] as readonly BookingStatus[], actors: ["mentor", "mentee"] as readonly ActorRole[] },
} as const;

export type BookingEdit = keyof typeof EDITS;

export const TERMINAL_STATUSES: readonly BookingStatus[] = ["DECLINED", "COMPLETED", "CANCELLED", "EXPIRED"];

/** The statuses this actor may fire the rule from. */
export function fromStatusesFor(rule: Pick<TransitionRule, "from" | "onlyFrom">, actor: ActorRole): readonly BookingStatus[] {
  return rule.onlyFrom?.[actor] ?? rule.from;
}

export function canTransition(status: BookingStatus, action: BookingAction, actor: ActorRole): boolean {
  const rule = TRANSITIONS[action];
  return rule.actors.includes(actor) && fromStatusesFor(rule, actor).includes(status);
}

/** What this actor may do to a booking in this status: transitions and edits. */
export function availableActions(status: BookingStatus, actor: ActorRole): (BookingAction | BookingEdit)[] {
  const transitions = (Object.keys(TRANSITIONS) as BookingAction[]).filter((a) => canTransition(status, a, actor));
  const edits = (Object.keys(EDITS) as BookingEdit[]).filter((e) => EDITS[e].in.includes(status) && EDITS[e].actors.includes(actor));
  return [...transitions, ...edits];
}

/** What a person may do to a booking, in the API's words (Booking.viewerCan). */
export const VIEWER_ACTIONS = ["PAY", "CONFIRM", "DECLINE", "ADD_LINKS", "SCHEDULE", "COMPLETE", "CANCEL"] as const;
export type ViewerAction = (typeof VIEWER_ACTIONS)[number];

const VIEWER_ACTION: Record<BookingAction | BookingEdit, ViewerAction | null> = {
  pay: "PAY",
  confirm: "CONFIRM",
  decline: "DECLINE",
  addLinks: "ADD_LINKS",
  scheduleSession: "SCHEDULE",
  complete: "COMPLETE",
  cancel: "CANCEL",
  expire: null, // only Stripe and the system expire bookings
};

/** What a booking's mentor or mentee may do now: what they fire or start, and only what would succeed. */
export function viewerActions(
  booking: { status: BookingStatus; linksAdded: boolean; sessionStartsAt?: Date | null },
  role: "mentor" | "mentee",
  now = new Date(),
): ViewerAction[] {
  const actions = new Set<BookingAction | BookingEdit>(availableActions(booking.status, role));
  if (booking.sessionStartsAt && booking.sessionStartsAt <= now) actions.delete("scheduleSession");
  for (const action of Object.keys(TRANSITIONS) as BookingAction[]) {
    const rule = TRANSITIONS[action];
    if (rule.startedBy === role && fromStatusesFor(rule, role).includes(booking.status)) actions.add(action);
  }
  for (const action of actions) {
    if (action in TRANSITIONS && TRANSITIONS[action as BookingAction].needs === "links" && !booking.linksAdded) actions.delete(action);
  }
  return VIEWER_ACTIONS.filter((name) => [...actions].some((action) => VIEWER_ACTION[action] === name));
}

/**
 * When a PENDING booking expires unless the mentor answers: paidAt + BOOKING_RESPONSE_HOURS
 * (server/bookings/booking-jobs.ts expires it then, with a refund); null in any other status.
 */
export function respondBy(booking: { status: BookingStatus; paidAt: Date | null }, responseHours: number): Date | null {
  if (booking.status !== "PENDING" || !booking.paidAt) return null;
  return new Date(booking.paidAt.getTime() + responseHours * 3600_000);
}

const STATUS_WORDS: Record<BookingStatus, string> = {
  AWAITING_PAYMENT: "awaiting payment",
  PENDING: "pending",
  CONFIRMED: "confirmed",
  DECLINED: "declined",
  COMPLETED: "completed",
  CANCELLED: "cancelled",
  EXPIRED: "expired",
};

const ACTION_WORDS: Record<BookingAction | BookingEdit, string> = {
  pay: "paid",
  confirm: "confirmed",
  decline: "declined",
  complete: "completed",
  cancel: "cancelled",
  expire: "expired",
  addLinks: "given links",
  scheduleSession: "scheduled",
};

/** A sentence for a refused action, e.g. "A booking that is awaiting payment cannot be confirmed." */
export function refusalMessage(action: BookingAction | BookingEdit, status: BookingStatus): string {
  const hint =
    status === "AWAITING_PAYMENT" && (action === "confirm" || action === "decline")
      ? " Wait until the mentee's payment is confirmed."
      : status === "PENDING" && action === "cancel"
        ? " Decline the request instead."
        : "";
  return `A booking that is ${STATUS_WORDS[status]} cannot be ${ACTION_WORDS[action]}.${hint}`;
}

/** What cancelling a booking now gives back, by the policy (Booking.cancellation). */
export interface CancellationTerms {
  /**
   * NOTHING_CHARGED: unpaid or only authorised (the hold is released); FULL_REFUND; NO_REFUND;
   * CHARGED_BACK: the mentee's bank returned (part of) it after a lost card dispute (termsAfterChargeback).
   */
  outcome: "NOTHING_CHARGED" | "FULL_REFUND" | "NO_REFUND" | "CHARGED_BACK";
  /** Cents refunded to the mentee. */
  refundCents: number;
  /** Cents kept and shared as a completed session's price is (platform fee and mentor's share). */
  keptCents: number;
  /** Until when the mentee's cancel refunds in full: start - CANCELLATION_FULL_REFUND_HOURS; null without a recorded start. */
  fullRefundUntil: Date | null;
}

/**
 * The cancellation policy, in one place. Nothing charged yet: nothing to refund. A charged
 * (CONFIRMED) booking: the mentor's cancel refunds in full at any time; the mentee's refunds in
 * full until `fullRefundHours` before the recorded start, or at any time while no start is
 * recorded, and nothing later: no partial refunds, because the mentor kept the slot free and
 * cannot fill it at short notice; what is kept is shared as a completed session's price is.
 */
export function cancellationTerms(
  booking: { capturedAt: Date | null; priceCents: number; sessionStartsAt: Date | null },
  by: "mentor" | "mentee",
  fullRefundHours: number,
  now = new Date(),
): CancellationTerms {
  const fullRefundUntil = booking.sessionStartsAt ? new Date(booking.sessionStartsAt.getTime() - fullRefundHours * 3600_000) : null;
  if (!booking.capturedAt) return { outcome: "NOTHING_CHARGED", refundCents: 0, keptCents: 0, fullRefundUntil: null };
  if (by === "mentor" || !fullRefundUntil || now.getTime() <= fullRefundUntil.getTime()) {
    return {
      outcome: "FULL_REFUND",
      refundCents: booking.priceCents,
      keptCents: 0,
      fullRefundUntil: by === "mentor" ? null : fullRefundUntil,
    };
  }
  return { outcome: "NO_REFUND", refundCents: 0, keptCents: booking.priceCents, fullRefundUntil };
}

/**
 * How a refund of `refundCents` (the policy's or an admin's) comes out once the mentee's bank has
 * returned `chargedBackCents` after a lost card dispute: that part is not refunded again, only any
 * rest, and what the bank returned is not kept either. settleCancelledPayment moves the money by
 * it; Booking.cancellation shows it.
 */
export function splitAfterChargeback(
  refundCents: number,
  booking: { priceCents: number; chargedBackCents: number },
): { refundCents: number; keptCents: number } {
  return {
    refundCents: Math.max(0, refundCents - booking.chargedBackCents),
    keptCents: booking.priceCents - Math.max(refundCents, booking.chargedBackCents),
  };
}

/** The policy's terms as splitAfterChargeback leaves them (outcome CHARGED_BACK). */
export function termsAfterChargeback(
  terms: CancellationTerms,
  booking: { priceCents: number; chargedBackCents: number },
): CancellationTerms {
  if (booking.chargedBackCents <= 0 || terms.outcome === "NOTHING_CHARGED") return terms;
  return { outcome: "CHARGED_BACK", ...splitAfterChargeback(terms.refundCents, booking), fullRefundUntil: terms.fullRefundUntil };
}
