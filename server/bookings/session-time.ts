// The session's time: after the mentee picked a time with the mentor's availability link, either
// side records it on the CONFIRMED booking (scheduleSession, an edit in the lifecycle table), and
// may change it until the session starts. Stored in UTC: starts, and ends = starts + the booked
// duration. Both sides get a reminder SESSION_REMINDER_MINUTES before the start, once per
// recorded start (the session-reminders task).
import type { Booking } from "../generated/prisma/client.ts";
import type { Services } from "../services.ts";
import type { Tx } from "../db/client.ts";
import type { AuthenticatedUser } from "../accounts/auth.ts";
import type { RecurringTask } from "../jobs/task.ts";
import { requireViewer } from "../accounts/viewer.ts";
import { InvalidTransitionError, ValidationError } from "../shared/errors.ts";
import { changeOf } from "../pubsub.ts";
import { recordBookingEvent } from "../webhooks/outbox.ts";
import { logger, errorFields } from "../log.ts";
import { EDITS } from "./booking-lifecycle.ts";
import { cancelQueuedReminders, queueBookingEmail } from "./booking-emails.ts";
import { formatDeadline } from "../email/templates.ts";
import { lockBookingFor, writeHistory } from "./transition-booking.ts";

/** How far ahead a session may be recorded: further is a typing mistake, not a plan. */
export const MAX_SCHEDULE_DAYS = 365;
const MINUTE_MS = 60_000;

/** Refuses a start in the past or absurdly far ahead (ValidationError on `startsAt`). */
export function checkStartsAt(startsAt: Date, now = new Date()): Date {
  if (Number.isNaN(startsAt.getTime())) throw new ValidationError("startsAt", "required", "Give the session's start as a date and time.");
  if (startsAt.getTime() <= now.getTime()) throw new ValidationError("startsAt", "future", "The session must start in the future.");
  if (startsAt.getTime() > now.getTime() + MAX_SCHEDULE_DAYS * 24 * 60 * MINUTE_MS) {
    throw new ValidationError("startsAt", "range", `The session must start within ${MAX_SCHEDULE_DAYS} days.`);
  }
  return startsAt;
}

/**
 * The mentee or the mentor records (or changes) when the session starts. The other side is
 * emailed, the history gets a row, partners get `booking.scheduled`, and live views update.
 * The same time sent again changes nothing. Refused once the recorded start has passed.
 */
export async function scheduleSession(
  services: Services,
  viewer: AuthenticatedUser | null,
  input: { bookingId: string; startsAt: Date },
): Promise<Booking> {
  const person = requireViewer(viewer);
  const now = new Date();
  const startsAt = checkStartsAt(input.startsAt, now);
  const actor = { kind: "USER", userId: person.id } as const;
  const result: Booking | null = await services.db
    .$transaction(async (tx) => {
      const { booking, role } = await lockBookingFor(tx, input.bookingId, actor, "scheduleSession", {
        from: EDITS.scheduleSession.in,
        actors: EDITS.scheduleSession.actors,
      });
      if (booking.sessionStartsAt && booking.sessionStartsAt.getTime() <= now.getTime()) {
        throw new InvalidTransitionError("scheduleSession", booking.status, "The session has started: its time can no longer be changed.");
      }
      // The same time again: nothing to record; rolled back so the lock leaves no trace either.
      if (booking.sessionStartsAt?.getTime() === startsAt.getTime()) throw new Unchanged();
      const endsAt = new Date(startsAt.getTime() + booking.durationMinutes * MINUTE_MS);
      // The old start's reminder, queued but not sent yet, would give the wrong time: it is
      // withdrawn with the move. Then no reminder stands for the old start any more, so
      // reminderSentFor is cleared: were the session moved back to it, it is reminded again.
      const withdrawn = await cancelQueuedReminders(tx, booking.id);
      const after = await tx.booking.update({
        where: { id: booking.id },
        data: { sessionStartsAt: startsAt, sessionEndsAt: endsAt, ...(withdrawn > 0 ? { reminderSentFor: null } : {}) },
      });
      const moved = booking.sessionStartsAt !== null;
      await writeHistory(tx, after, {
        from: booking.status,
        to: after.status,
        actor,
        note: `Session ${moved ? "moved to" : "scheduled for"} ${formatDeadline(startsAt)} (${booking.durationMinutes} min)`,
      });
      // One email per change (a time moved back to an earlier value is news again).
      const [template, recipient] =
        role === "mentor" ? (["sessionScheduled", "mentee"] as const) : (["sessionScheduledForMentor", "mentor"] as const);
      await queueBookingEmail(tx, services.env.publicUrl, booking.id, template, recipient, await sessionVersion(tx, booking.id, startsAt));
      await recordBookingEvent(tx, "booking.scheduled", after, {
        previousStartsAt: booking.sessionStartsAt?.toISOString() ?? null,
        scheduledBy: role === "mentor" ? "MENTOR" : "MENTEE",
      });
      return after;
    })
    .catch((error: unknown) => {
      if (error instanceof Unchanged) return null;
      throw error;
    });
  if (!result) return (await services.db.booking.findUniqueOrThrow({ where: { id: input.bookingId } })) satisfies Booking;
  services.publish(changeOf(result, "scheduleSession"));
  return result;
}

/** Thrown inside the transaction to roll it back when there is nothing to change. */
class Unchanged extends Error {}

/**
 * The version in the dedupe key of an email about the session starting at `startsAt`: the
 * booking's history rows and the start, so that a time moved away and back is news again.
 */
async function sessionVersion(tx: Tx, bookingId: string, startsAt: Date): Promise<string> {
  return `${await tx.bookingEvent.count({ where: { bookingId } })}:${startsAt.getTime()}`;
}

/**
 * Queues the reminder emails of every CONFIRMED session starting within
 * SESSION_REMINDER_MINUTES. Each reminder is claimed by a conditional update of
 * `reminderSentFor` to the start it is for, in the transaction that queues the emails (their
 * dedupe keys name that start too): of two runs at once one sends it, and a rescheduled session
 * gets a reminder at its new time. The old time's, if still unsent, is withdrawn from the outbox
 * by the move itself (scheduleSession), as a cancellation or completion withdraws it
 * (transitionBooking): withdrawing it with the change, rather than checking the booking when the
 * worker sends, keeps the email worker unaware of bookings, and the booking's lock orders the
 * withdrawal after any run that queued it.
 */
/** At most this many sessions' reminders per run; the next run (a minute later) takes the rest. */
export const REMINDERS_PER_RUN = 200;

export async function sendDueReminders(services: Services, log: (line: string) => void, now = new Date(), limit = REMINDERS_PER_RUN) {
  const { db, env } = services;
  const due = await db.booking.findMany({
    // Only sessions not yet reminded for their current start: however many are due at once, each
    // run's page holds new work (already reminded ones would otherwise fill it for good).
    where: {
      status: "CONFIRMED",
      sessionStartsAt: { gt: now, lte: new Date(now.getTime() + env.sessionReminderMinutes * MINUTE_MS) },
      OR: [
        { reminderSentFor: null },
        { reminderSentFor: { lt: db.booking.fields.sessionStartsAt } },
        { reminderSentFor: { gt: db.booking.fields.sessionStartsAt } },
      ],
    },
    orderBy: { sessionStartsAt: "asc" },
    take: limit,
    select: { id: true, sessionStartsAt: true, reminderSentFor: true },
  });
  const counts = { sent: 0, skipped: 0, failed: 0 };
  for (const { id, sessionStartsAt, reminderSentFor } of due) {
    const startsAt = sessionStartsAt!;
    if (reminderSentFor?.getTime() === startsAt.getTime()) continue;
    try {
      const claimed = await db.$transaction(async (tx) => {
        const { count } = await tx.booking.updateMany({
          where: {
            id,
            status: "CONFIRMED",
            sessionStartsAt: startsAt,
            OR: [{ reminderSentFor: null }, { reminderSentFor: { not: startsAt } }],
          },
          data: { reminderSentFor: startsAt },
        });
        if (count !== 1) return false;
        // A session moved away (its reminder withdrawn, so reminderSentFor cleared) and back to
        // the same start gets a new key, not the withdrawn one.
        const version = await sessionVersion(tx, id, startsAt);
        const extra = { reminderMinutes: Math.max(1, Math.round((startsAt.getTime() - now.getTime()) / MINUTE_MS)) };
        await queueBookingEmail(tx, env.publicUrl, id, "sessionReminder", "mentee", version, undefined, extra);
        await queueBookingEmail(tx, env.publicUrl, id, "sessionReminderForMentor", "mentor", version, undefined, extra);
        return true;
      });
      if (claimed) {
        counts.sent += 1;
        log(`booking ${id}: reminders queued for ${startsAt.toISOString()}`);
      } else counts.skipped += 1;
    } catch (error) {
      counts.failed += 1;
      logger.error({ bookingId: id, ...errorFields(error) }, `booking ${id}: reminder failed`);
    }
  }
  return counts;
}

export const sessionRemindersTask: RecurringTask = {
  name: "session-reminders",
  intervalMs: () => 60_000,
  async run(services, log) {
    const c = await sendDueReminders(services, log);
    return {
      summary: `session reminders: ${c.sent} sent, ${c.skipped} skipped, ${c.failed} failed`,
      idle: c.sent + c.skipped + c.failed === 0,
    };
  },
};
