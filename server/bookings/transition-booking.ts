// Runs one lifecycle transition in one transaction: authorisation, the state check from the
// transition table, the status change, its history row and its side effects (session row,
// outbox emails, the webhook event of the status it reaches) commit together or not at all. The
// change is published after commit.
import type { Prisma } from "../generated/prisma/client.ts";
import type { Booking } from "../generated/prisma/client.ts";
import type { Db, Tx } from "../db/client.ts";
import { changeOf, type BookingChanged } from "../pubsub.ts";
import {
  fromStatusesFor,
  refusalMessage,
  TRANSITIONS,
  type ActorRole,
  type BookingAction,
  type BookingEdit,
  type TransitionRule,
} from "./booking-lifecycle.ts";
import { InvalidTransitionError, NotAuthorizedError, NotFoundError } from "../shared/errors.ts";
import { partyIn } from "./booking-visibility.ts";
import { eventForStatus } from "../webhooks/event-types.ts";
import { recordBookingEvent } from "../webhooks/outbox.ts";
import { cancelQueuedReminders } from "./booking-emails.ts";

/** `asAdmin`: an admin acting through an admin operation (the caller checked the role). */
export type Actor = { kind: "USER"; userId: string; asAdmin?: boolean } | { kind: "STRIPE" } | { kind: "SYSTEM" };

export interface BookingServices {
  db: Db;
  publish(event: BookingChanged): void;
}

export interface TransitionInput {
  bookingId: string;
  action: BookingAction;
  actor: Actor;
  /** Stored on the history row (a decline reason, a webhook event id...); or made from the booking as changed. */
  note?: string | ((booking: Booking) => string | undefined);
  /** Extra booking columns to set with the status. */
  data?: Prisma.BookingUpdateManyMutationInput;
  /** Work that must commit with the transition: runs after the status changed. */
  effects?: (tx: Tx, booking: Booking) => Promise<void>;
}

/**
 * The actor's part in this booking, or null when it is not theirs to see (booking-visibility.ts:
 * a mentor has no part in a request that is not paid yet), so they are told only NOT_FOUND.
 */
export function roleIn(actor: Actor, booking: Pick<Booking, "mentorId" | "menteeId" | "paidAt">): ActorRole | null {
  if (actor.kind === "STRIPE") return "stripe";
  if (actor.kind === "SYSTEM") return "system";
  if (actor.asAdmin) return "admin";
  return partyIn(actor.userId, booking);
}

/** Reads of a booking that keeps changing under a caller before it is refused (each change is a real transition). */
const LOCK_ATTEMPTS = 3;

/**
 * Loads the booking for this actor and locks it for the rest of the transaction, checking
 * that the actor may act and that the booking is in one of `allowed` statuses. The lock is
 * taken by a conditional UPDATE, so of two concurrent callers the second waits, then sees
 * the first one's status: it is refused, unless its action is allowed from that status too.
 */
export async function lockBookingFor(
  tx: Tx,
  bookingId: string,
  actor: Actor,
  action: BookingAction | BookingEdit,
  allowed: { from: readonly Booking["status"][]; actors: readonly ActorRole[]; onlyFrom?: TransitionRule["onlyFrom"] },
): Promise<{ booking: Booking; role: ActorRole }> {
  // A concurrent change may land between the read and the lock (a payment arriving while the
  // mentee cancels). Then the booking is read again: if the action is still allowed from its
  // new status it goes ahead from there, otherwise it is refused with that status.
  for (let attempt = 1; ; attempt++) {
    const booking = await tx.booking.findUnique({ where: { id: bookingId } });
    const role = booking ? roleIn(actor, booking) : null;
    if (!booking || !role) throw new NotFoundError("Booking");
    if (!allowed.actors.includes(role)) {
      throw new NotAuthorizedError(`Only the booking's ${allowed.actors.join(" or ")} can do this.`);
    }
    if (!fromStatusesFor(allowed, role).includes(booking.status)) {
      throw new InvalidTransitionError(action, booking.status, refusalMessage(action, booking.status));
    }
    const locked = await tx.booking.updateMany({
      where: { id: bookingId, status: booking.status },
      data: { updatedAt: new Date() },
    });
    if (locked.count === 1) return { booking, role };
    if (attempt === LOCK_ATTEMPTS) {
      const current = await tx.booking.findUniqueOrThrow({ where: { id: bookingId }, select: { status: true } });
      throw new InvalidTransitionError(action, current.status, refusalMessage(action, current.status));
    }
  }
}

export async function writeHistory(
  tx: Tx,
  booking: Pick<Booking, "id">,
  entry: { from: Booking["status"] | null; to: Booking["status"]; actor: Actor; note?: string | undefined },
): Promise<void> {
  // The caller holds the booking's row lock, so nobody else is numbering this booking's history.
  const last = await tx.bookingEvent.aggregate({ where: { bookingId: booking.id }, _max: { sequence: true } });
  await tx.bookingEvent.create({
    data: {
      bookingId: booking.id,
      sequence: (last._max.sequence ?? 0) + 1,
      fromStatus: entry.from,
      toStatus: entry.to,
      actorKind: entry.actor.kind,
      actorId: entry.actor.kind === "USER" ? entry.actor.userId : null,
      note: entry.note ?? null,
    },
  });
}

export async function transitionBooking(services: BookingServices, input: TransitionInput): Promise<Booking> {
  const rule = TRANSITIONS[input.action];
  const booking = await services.db.$transaction(async (tx) => {
    const { booking: before } = await lockBookingFor(tx, input.bookingId, input.actor, input.action, rule);
    const now = new Date();
    const after = await tx.booking.update({
      where: { id: before.id },
      data: { ...input.data, status: rule.to, [rule.stamp]: now },
    });
    const note = typeof input.note === "function" ? input.note(after) : input.note;
    await writeHistory(tx, after, { from: before.status, to: rule.to, actor: input.actor, note });
    // A session that will not take place (cancelled) or is over (completed) is not reminded of: a
    // reminder still waiting in the email outbox is withdrawn with the change.
    if (before.status === "CONFIRMED") await cancelQueuedReminders(tx, after.id);
    await input.effects?.(tx, after);
    // The webhook outbox (server/webhooks/event-types.ts maps the status reached to its event).
    const event = eventForStatus(rule.to);
    if (event) await recordBookingEvent(tx, event, after, { previousStatus: before.status });
    return after;
  });
  services.publish(changeOf(booking, input.action));
  return booking;
}
