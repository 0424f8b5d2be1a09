// The booking lifecycle's recurring tasks (run by server/jobs): expiring bookings nobody acted
// on, retrying refunds Stripe could not make yet, releasing held earnings and completing sessions
// whose mentor never marked them complete. All are safe when two runs overlap: every expiry and
// completion goes through transitionBooking, whose lock lets one of two runs (or a run and the
// mentor) change a booking and refuses the other (counted as skipped); refunds and earnings are
// claimed one by one.
import type { RecurringTask } from "../jobs/task.ts";
import type { Services } from "../services.ts";
import { completeBookingBySystem, expireBooking, systemCompletionCutoff } from "./booking-commands.ts";
import { InvalidTransitionError } from "../shared/errors.ts";
import { retryDueRefunds } from "../refunds/refunds.ts";
import { releaseDueAuthorizations } from "./authorizations.ts";
import { logger, errorFields } from "../log.ts";
import { sessionRemindersTask } from "./session-time.ts";
import { releaseDueEarnings } from "./completion-hold.ts";

/** Stripe Checkout Sessions expire after 24 hours, so an unpaid booking cannot be paid after that. */
export const UNPAID_BOOKING_HOURS = 24;
const HOUR_MS = 3600_000;
const BATCH = 200;

export async function expireStaleBookings(services: Services, log: (line: string) => void, now = new Date()) {
  const { db, env } = services;
  const unanswered = await db.booking.findMany({
    where: { status: "PENDING", paidAt: { lt: new Date(now.getTime() - env.bookingResponseHours * HOUR_MS) } },
    orderBy: { paidAt: "asc" },
    take: BATCH,
    select: { id: true },
  });
  const unpaid = await db.booking.findMany({
    where: { status: "AWAITING_PAYMENT", createdAt: { lt: new Date(now.getTime() - UNPAID_BOOKING_HOURS * HOUR_MS) } },
    orderBy: { createdAt: "asc" },
    take: BATCH,
    select: { id: true },
  });
  const counts = { unanswered: 0, unpaid: 0, skipped: 0, failed: 0 };
  const expire = async (id: string, kind: "unanswered" | "unpaid", note: string) => {
    try {
      await expireBooking(services, id, note);
      counts[kind] += 1;
      log(`booking ${id} expired (${kind})`);
    } catch (error) {
      if (error instanceof InvalidTransitionError)
        counts.skipped += 1; // answered, paid or expired meanwhile, or its charge disputed (next run)
      else {
        counts.failed += 1;
        logger.error({ bookingId: id, ...errorFields(error) }, `booking ${id}: expiry failed`);
      }
    }
  };
  for (const { id } of unanswered) await expire(id, "unanswered", `Not answered within ${env.bookingResponseHours} hours`);
  for (const { id } of unpaid) await expire(id, "unpaid", `Not paid within ${UNPAID_BOOKING_HOURS} hours`);
  return counts;
}

export const expireBookingsTask: RecurringTask = {
  name: "expire-bookings",
  intervalMs: () => 5 * 60_000,
  async run(services, log) {
    const c = await expireStaleBookings(services, log);
    // Closed bookings whose card hold could not be released at once (Stripe unreachable).
    const r = await releaseDueAuthorizations(services, log);
    return {
      summary:
        `expired ${c.unanswered} unanswered and ${c.unpaid} unpaid bookings; ${c.skipped} skipped, ${c.failed} failed; ` +
        `authorisations: ${r.released} released, ${r.refunding} found captured (refunding), ${r.retry} to retry`,
      idle: c.unanswered + c.unpaid + c.skipped + c.failed + r.released + r.refunding + r.retry === 0,
    };
  },
};

export const retryRefundsTask: RecurringTask = {
  name: "retry-refunds",
  intervalMs: () => 60_000,
  async run(services, log) {
    const c = await retryDueRefunds(services, log);
    return {
      summary: `refunds: ${c.succeeded} succeeded, ${c.pending} pending at Stripe, ${c.retry} to retry, ${c.failed} failed, ${c.skipped} skipped`,
      idle: c.succeeded + c.pending + c.retry + c.failed + c.skipped === 0,
    };
  },
};

/**
 * Completed sessions' earnings whose window (COMPLETION_HOLD_HOURS) is over go to the mentors'
 * balances; overlapping runs release each once (server/bookings/completion-hold.ts).
 */
export const releaseEarningsTask: RecurringTask = {
  name: "release-earnings",
  intervalMs: () => 5 * 60_000,
  async run(services, log) {
    const c = await releaseDueEarnings(services, log);
    return {
      summary: `earnings: ${c.released} released, ${c.skipped} skipped, ${c.failed} failed`,
      idle: c.released + c.skipped + c.failed === 0,
    };
  },
};

/**
 * CONFIRMED bookings with both links whose recorded session ended more than
 * COMPLETION_HOLD_HOURS before `now` are completed by the system (oldest first, in batches),
 * through the mentor's transition (completeBookingBySystem): the earning is held for a full
 * window from then. A booking completed or cancelled meanwhile is skipped.
 */
export async function completeDueSessions(services: Services, log: (line: string) => void = () => {}, now = new Date()) {
  const endedBefore = systemCompletionCutoff(services.env.completionHoldHours, now);
  const due = await services.db.booking.findMany({
    where: {
      status: "CONFIRMED",
      sessionEndsAt: { lte: endedBefore },
      session: { availabilityLink: { not: null }, meetingLink: { not: null } },
    },
    orderBy: { sessionEndsAt: "asc" },
    take: BATCH,
    select: { id: true },
  });
  const counts = { completed: 0, skipped: 0, failed: 0 };
  for (const { id } of due) {
    try {
      await completeBookingBySystem(services, id, now);
      counts.completed += 1;
      log(`booking ${id}: completed by the system (the session ended more than ${services.env.completionHoldHours} hours ago)`);
    } catch (error) {
      if (error instanceof InvalidTransitionError)
        counts.skipped += 1; // completed or cancelled meanwhile
      else {
        counts.failed += 1;
        logger.error({ bookingId: id, ...errorFields(error) }, `booking ${id}: completion by the system failed`);
      }
    }
  }
  return counts;
}

export const completeSessionsTask: RecurringTask = {
  name: "complete-sessions",
  intervalMs: () => 5 * 60_000,
  async run(services, log) {
    const c = await completeDueSessions(services, log);
    return {
      summary: `sessions: ${c.completed} completed by the system, ${c.skipped} skipped, ${c.failed} failed`,
      idle: c.completed + c.skipped + c.failed === 0,
    };
  },
};

export const bookingTasks: RecurringTask[] = [
  expireBookingsTask,
  retryRefundsTask,
  sessionRemindersTask,
  releaseEarningsTask,
  completeSessionsTask,
];
