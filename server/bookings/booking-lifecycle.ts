// The booking lifecycle: the one table of transitions that every mutation, webhook handler
// and job goes through (server/bookings/transition-booking.ts applies it in a transaction).
//
//   AWAITING_PAYMENT --pay--> PENDING --confirm--> CONFIRMED --complete--> COMPLETED
//          |                    |  \--decline (refund)--> DECLINED
//          |                    |--cancel by the mentee (refund)--> CANCELLED
//          |                    \--expire unanswered, by the system (refund)--> EXPIRED
//          +--cancel by the mentee--> CANCELLED
//          \--expire (Stripe's Checkout Session expired, or the system)--> EXPIRED
//
// Leaving PENDING by decline, cancel or expire refunds the mentee in full
// (server/refunds/refunds.ts); the Refund row is written in the transition's transaction.
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
  complete: { from: ["CONFIRMED"], to: "COMPLETED", actors: ["mentor"], stamp: "completedAt", needs: "links" },
  // Cancelling a paid booking the mentor has not answered yet releases the hold on the card (or
  // refunds a payment captured at checkout). An admin may also cancel a confirmed booking, with a
  // full or partial refund (server/bookings/admin-commands.ts).
  cancel: {
    from: ["AWAITING_PAYMENT", "PENDING", "CONFIRMED"],
    to: "CANCELLED",
    actors: ["mentee", "admin"],
    stamp: "cancelledAt",
    onlyFrom: { mentee: ["AWAITING_PAYMENT", "PENDING"] },
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
export const VIEWER_ACTIONS = ["PAY", "CONFIRM", "DECLINE", "ADD_LINKS", "COMPLETE", "CANCEL"] as const;
export type ViewerAction = (typeof VIEWER_ACTIONS)[number];

const VIEWER_ACTION: Record<BookingAction | BookingEdit, ViewerAction | null> = {
  pay: "PAY",
  confirm: "CONFIRM",
  decline: "DECLINE",
  addLinks: "ADD_LINKS",
  complete: "COMPLETE",
  cancel: "CANCEL",
  expire: null, // only Stripe and the system expire bookings
};

/** What a booking's mentor or mentee may do now: what they fire or start, and only what would succeed. */
export function viewerActions(booking: { status: BookingStatus; linksAdded: boolean }, role: "mentor" | "mentee"): ViewerAction[] {
  const actions = new Set<BookingAction | BookingEdit>(availableActions(booking.status, role));
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
};

/** A sentence for a refused action, e.g. "A booking that is awaiting payment cannot be confirmed." */
export function refusalMessage(action: BookingAction | BookingEdit, status: BookingStatus): string {
  const hint =
    status === "AWAITING_PAYMENT" && (action === "confirm" || action === "decline") ? " Wait until the mentee's payment is confirmed." : "";
  return `A booking that is ${STATUS_WORDS[status]} cannot be ${ACTION_WORDS[action]}.${hint}`;
}
