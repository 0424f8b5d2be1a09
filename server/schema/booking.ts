// Booking: queries, the lifecycle mutations and the live bookingChanged subscription.
import { GraphQLError } from "graphql";
import { builder, connectionCost } from "./builder.ts";
import { RefundStatusEnum } from "./refund.ts";
import { BookingActionEnum, BookingStatusEnum } from "./enums.ts";
import { AUTH_ERRORS, BOOKING_ERRORS, BOOKING_INPUT_ERRORS, bookingMutationErrors } from "./errors.ts";
import { decodeId } from "./ids.ts";
import { NotFoundError, PaymentCaptureError, PaymentProviderError, RateLimitedError, ValidationError } from "../shared/errors.ts";
import {
  cancellationTerms,
  canTransition,
  respondBy,
  termsAfterChargeback,
  viewerActions,
  type CancellationTerms,
} from "../bookings/booking-lifecycle.ts";
import { scheduleSession } from "../bookings/session-time.ts";
import { roleIn } from "../bookings/transition-booking.ts";
import { canSeeBooking, visibleBookings } from "../bookings/booking-visibility.ts";
import { readBookingPage, readOneBooking } from "../bookings/booking-page.ts";
import { SessionTypeRef } from "./session-type.ts";
import {
  addBookingLinks,
  cancelBooking,
  completeBooking,
  confirmBooking,
  declineBooking,
  requestBooking,
} from "../bookings/booking-commands.ts";
import type { Booking, Refund } from "../generated/prisma/client.ts";
import type { Context } from "../context.ts";
import { bookingTopicOf, type BookingChanged, type BookingChangedDelivery } from "../pubsub.ts";
import type { Db } from "../db/client.ts";
import { LRUCache } from "lru-cache";
import { newestReads, type NewestReads } from "../shared/newest-reads.ts";

/** booking-visibility.ts's rule, applied to a bookingChanged event. */
function mayReceive(viewer: Context["viewer"], event: BookingChanged): boolean {
  return canSeeBooking(viewer, { mentorId: event.mentorId, menteeId: event.menteeId, paid: event.paid });
}

export const BookingRef = builder.prismaNode("Booking", {
  id: { field: "id" },
  description: "A mentee's booking of a mentor's session type, from the request to its end (see BookingStatus).",
  fields: (t) => ({
    status: t.expose("status", { type: BookingStatusEnum, description: "Where the booking is in its lifecycle." }),
    title: t.exposeString("title", { description: "The session type's title when booked." }),
    durationMinutes: t.exposeInt("durationMinutes", { description: "The session's length when booked, in minutes." }),
    price: t.field({
      type: "Money",
      description: "What the mentee paid: the session type's price when booked.",
      resolve: (b) => ({ amountCents: b.priceCents, currency: b.currency }),
    }),
    chargedBack: t.field({
      type: "Money",
      nullable: true,
      description:
        "What the mentee's bank returned to them after a card dispute of the payment that the platform lost (at most the price); it is never refunded again. Null when none.",
      resolve: (b) => (b.chargedBackCents > 0 ? { amountCents: b.chargedBackCents, currency: b.currency } : null),
    }),
    message: t.exposeString("message", { description: "The mentee's message to the mentor." }),
    declineReason: t.exposeString("declineReason", { nullable: true, description: "The mentor's reason, when declined with one." }),
    checkoutUrl: t.string({
      nullable: true,
      description: "Where the mentee pays; only for the mentee, only while awaiting payment.",
      resolve: (b, _, { viewer }) => (b.status === "AWAITING_PAYMENT" && viewer?.id === b.menteeId ? b.checkoutUrl : null),
    }),
    viewerCan: t.field({
      type: [BookingActionEnum],
      description: "What the viewer may do to this booking now (buttons to show); only what would succeed.",
      select: { session: { select: { availabilityLink: true, meetingLink: true } } },
      resolve: (b, _, { viewer }) => {
        const role = viewer ? roleIn({ kind: "USER", userId: viewer.id }, b) : null;
        if (role !== "mentor" && role !== "mentee") return [];
        const linksAdded = Boolean(b.session?.availabilityLink && b.session.meetingLink);
        return viewerActions({ status: b.status, linksAdded, sessionStartsAt: b.sessionStartsAt }, role);
      },
    }),
    startsAt: t.expose("sessionStartsAt", {
      type: "DateTime",
      nullable: true,
      description:
        "When the session starts (UTC), as the mentee or the mentor recorded it with scheduleSession after the mentee picked a time with the availability link. Null until recorded. Show it in the viewer's time zone, naming the zone.",
    }),
    endsAt: t.expose("sessionEndsAt", {
      type: "DateTime",
      nullable: true,
      description: "When the session ends (UTC): startsAt + durationMinutes. Null until a start is recorded.",
    }),
    cancellation: t.field({
      type: CancellationRef,
      nullable: true,
      description:
        "What cancelling now would give back, by the cancellation policy, for the booking's mentee or mentor while they may cancel it (Booking.viewerCan has CANCEL); null otherwise. The policy applies as of the moment cancelBooking runs.",
      resolve: (b, _, { viewer, env }) => {
        const role = viewer ? roleIn({ kind: "USER", userId: viewer.id }, b) : null;
        if ((role !== "mentor" && role !== "mentee") || !canTransition(b.status, "cancel", role)) return null;
        return { ...termsAfterChargeback(cancellationTerms(b, role, env.cancellationFullRefundHours), b), currency: b.currency };
      },
    }),
    respondBy: t.field({
      type: "DateTime",
      nullable: true,
      description:
        "When a PENDING booking expires (the hold on the card released) unless the mentor confirms or declines it: paidAt + BOOKING_RESPONSE_HOURS. Null in any other status.",
      resolve: (b, _, { env }) => respondBy(b, env.bookingResponseHours),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the mentee requested it." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When it last changed." }),
    paidAt: t.expose("paidAt", {
      type: "DateTime",
      nullable: true,
      description:
        "When the mentee paid. Since payments are authorised at booking and captured on confirmation, this is when their card was authorised for the price: a PENDING booking is paid in that sense, but nothing is charged until `capturedAt`.",
    }),
    capturedAt: t.expose("capturedAt", {
      type: "DateTime",
      nullable: true,
      description:
        "When the mentee's card was charged: when the mentor confirmed (or at checkout for a payment taken at once). Null while only authorised.",
    }),
    payment: t.field({
      type: PaymentStateEnum,
      description: "Where the mentee's money is: not paid, held on their card (authorised), charged (captured), or the hold released.",
      resolve: (b) =>
        b.capturedAt ? "CAPTURED" : b.authorizationReleasedAt ? "RELEASED" : b.paidAt || b.stripePaymentIntentId ? "AUTHORIZED" : "NONE",
    }),
    confirmedAt: t.expose("confirmedAt", { type: "DateTime", nullable: true, description: "When the mentor confirmed it." }),
    declinedAt: t.expose("declinedAt", { type: "DateTime", nullable: true, description: "When the mentor declined it." }),
    completedAt: t.expose("completedAt", { type: "DateTime", nullable: true, description: "When the mentor marked it complete." }),
    cancelledAt: t.expose("cancelledAt", { type: "DateTime", nullable: true, description: "When the mentee (or an admin) cancelled it." }),
    expiredAt: t.expose("expiredAt", { type: "DateTime", nullable: true, description: "When it expired (unpaid, or unanswered)." }),
    mentor: t.relation("mentor", { description: "The mentor who holds the session." }),
    mentee: t.relation("mentee", { description: "The mentee who booked it." }),
    sessionType: t.field({
      type: SessionTypeRef,
      nullable: true,
      description:
        "The session type as the mentor offers it now, while it is still offered (the mentor and admins: always). What was booked (title, duration, price) is on the booking itself.",
      select: (_args, _ctx, nested) => ({ sessionType: nested(true) }),
      resolve: (b, _, { viewer }) => (b.sessionType.active || viewer?.role === "ADMIN" || viewer?.id === b.mentorId ? b.sessionType : null),
    }),
    session: t.relation("session", {
      nullable: true,
      description: "The confirmed session (links, completion); null until the mentor confirms.",
    }),
    refund: t.relation("refund", {
      nullable: true,
      description:
        "The refund of the mentee's payment, once one is decided: a charged payment that goes back (an admin's cancellation, a payment taken at checkout and then declined, cancelled or expired, a late or mismatched payment). A payment that was only authorised is released, not refunded.",
    }),
    history: t.relation("events", {
      description: "Every status change, oldest first.",
      query: { orderBy: { sequence: "asc" } },
    }),
  }),
});

const CancellationOutcomeEnum = builder.enumType("CancellationOutcome", {
  description: "What a cancellation gives back to the mentee.",
  values: {
    NOTHING_CHARGED: { description: "Nothing was charged: an unpaid booking closes, a hold on the card is released." },
    FULL_REFUND: {
      description:
        "The charged price is refunded in full: the mentor cancels, or the mentee cancels at least CANCELLATION_FULL_REFUND_HOURS before the recorded start (or while no start is recorded).",
    },
    CHARGED_BACK: {
      description:
        "The mentee's bank already returned the payment (Booking.chargedBack) after a card dispute the platform lost: that part is not refunded again; `refund` is any rest the policy still gives.",
    },
    NO_REFUND: {
      description:
        "The mentee cancels a confirmed session less than CANCELLATION_FULL_REFUND_HOURS before its start: nothing is refunded (no partial refunds), and the price is shared as for a completed session (platform fee, the mentor's share credited), since the mentor held the slot.",
    },
  } as const,
});

const CancellationRef = builder.objectRef<CancellationTerms & { currency?: string }>("BookingCancellation").implement({
  description:
    "The cancellation policy applied to this booking and this viewer now: what the mentee would get back. The mentee's cancel of a confirmed session refunds in full until `fullRefundUntil`, nothing after; the mentor's refunds in full at any time.",
  fields: (t) => ({
    outcome: t.field({
      type: CancellationOutcomeEnum,
      description: "Refund in full, none, nothing charged, or already returned by the mentee's bank.",
      resolve: (c) => c.outcome,
    }),
    refund: t.field({
      type: "Money",
      description: "What the mentee would be refunded if the viewer cancelled now (0 when nothing was charged or no refund is due).",
      resolve: (c) => ({ amountCents: c.refundCents, currency: c.currency ?? "usd" }),
    }),
    fullRefundUntil: t.field({
      type: "DateTime",
      nullable: true,
      description:
        "For the mentee: until when a cancel refunds in full (the recorded start less CANCELLATION_FULL_REFUND_HOURS). Null when no start is recorded (a full refund at any time), when nothing was charged, and for the mentor (always in full).",
      resolve: (c) => (c.outcome === "NOTHING_CHARGED" ? null : c.fullRefundUntil),
    }),
  }),
});

export const PaymentStateEnum = builder.enumType("PaymentState", {
  description: "Where a booking's payment stands.",
  values: {
    NONE: { description: "Not paid (yet)." },
    AUTHORIZED: { description: "The price is held on the mentee's card; charged when the mentor confirms." },
    CAPTURED: { description: "The mentee's card was charged (refunds, if any, are on `refund`)." },
    RELEASED: { description: "The hold on the card was released: the mentee was never charged." },
  } as const,
});

builder.queryFields((t) => ({
  booking: t.prismaField({
    type: "Booking",
    nullable: true,
    authScopes: { scope: "bookings:read" },
    description: "A booking the viewer is part of (admins: any); null otherwise.",
    args: { id: t.arg.id({ required: true, description: "The booking's id." }) },
    resolve: async (query, _, { id }, { db, viewer }) => {
      let bookingId: string;
      try {
        bookingId = decodeId("Booking", String(id));
      } catch {
        return null;
      }
      // One statement sent to the driver (booking-page.ts); Prisma for what it does not do.
      const direct = viewer ? await readOneBooking(db, query, { viewer, id: bookingId }) : undefined;
      if (direct !== undefined) return direct;
      return db.booking.findFirst({ ...query, where: { id: bookingId, ...visibleBookings(viewer) } });
    },
  }),
  bookings: t.prismaConnection(
    {
      type: "Booking",
      cursor: "id",
      complexity: connectionCost,
      authScopes: { $all: { scope: "bookings:read", signedIn: true } },
      description:
        "The viewer's bookings (as mentor or mentee), newest first, optionally only those in the given statuses. With `startsAfter` or `startsBefore`: only bookings whose recorded session start is in that range, soonest first (the Upcoming views: today, this week, computed in the viewer's own time zone).",
      args: {
        status: t.arg({
          type: [BookingStatusEnum],
          required: false,
          description: "Only bookings in one of these statuses (one value may be written without brackets); all when omitted or empty.",
        }),
        refundStatus: t.arg({
          type: RefundStatusEnum,
          required: false,
          description:
            "Only bookings whose refund is in this status. Admins: FAILED lists the refunds to look at (refused by Stripe, or failed after they had succeeded); retry them with retryRefund.",
        }),
        startsAfter: t.arg({
          type: "DateTime",
          required: false,
          description: "Only sessions starting at or after this instant (a recorded start); ordered by start, soonest first.",
        }),
        startsBefore: t.arg({
          type: "DateTime",
          required: false,
          description: "Only sessions starting before this instant (a recorded start); ordered by start, soonest first.",
        }),
      },
      // Counted by the page's own statement when it was read in one (booking-page.ts).
      totalCount: (_, args, { db, viewer }) =>
        pageCounts.get(args) ??
        db.booking.count({
          where: { ...visibleBookings(viewer), ...statusWhere(args.status), ...refundWhere(args.refundStatus), ...startsWhere(args) },
        }),
      resolve: async (query, _, args, { db, viewer }) => {
        const starts = startsRange(args);
        // The one-statement page knows the status and start filters; a refund filter (admins') goes through Prisma.
        const page =
          viewer && !args.refundStatus ? await readBookingPage(db, query, { viewer, statuses: args.status ?? [], starts }) : null;
        if (page) {
          pageCounts.set(args, page.totalCount);
          return page.rows;
        }
        return db.booking.findMany({
          ...query,
          where: { ...visibleBookings(viewer), ...statusWhere(args.status), ...refundWhere(args.refundStatus), ...startsWhere(args) },
          orderBy: starts ? [{ sessionStartsAt: "asc" }, { id: "asc" }] : [{ createdAt: "desc" }, { id: "desc" }],
        });
      },
    },
    { name: "BookingConnection", description: "A page of bookings." },
    { name: "BookingEdge", description: "A booking and its cursor." },
  ),
}));

type StartsArgs = { startsAfter?: Date | null; startsBefore?: Date | null };

/** The start range asked for, or null: then the list is by creation, newest first. */
function startsRange(args: StartsArgs): { after: Date | null; before: Date | null } | null {
  if (!args.startsAfter && !args.startsBefore) return null;
  return { after: args.startsAfter ?? null, before: args.startsBefore ?? null };
}

function startsWhere(args: StartsArgs) {
  const range = startsRange(args);
  if (!range) return {};
  return { sessionStartsAt: { not: null, ...(range.after ? { gte: range.after } : {}), ...(range.before ? { lt: range.before } : {}) } };
}

function refundWhere(status: Refund["status"] | null | undefined) {
  return status ? { refund: { status } } : {};
}

function statusWhere(statuses: Booking["status"][] | null | undefined) {
  return statuses && statuses.length > 0 ? { status: { in: statuses } } : {};
}

/** The total of a page read in one statement, for its connection's totalCount (keyed by the field's arguments object). */
const pageCounts = new WeakMap<object, number>();

const RequestBookingSuccess = builder.objectRef<{ booking: Booking; checkoutUrl: string }>("RequestBookingSuccess").implement({
  description: "The new AWAITING_PAYMENT booking and where the mentee pays for it.",
  fields: (t) => ({
    booking: t.field({ type: BookingRef, description: "The new booking.", resolve: (p) => p.booking }),
    checkoutUrl: t.exposeString("checkoutUrl", { description: "Send the mentee here to pay." }),
  }),
});

const bookingId = (id: string | number) => decodeId("Booking", String(id));

builder.mutationFields((t) => ({
  requestBooking: t.field({
    type: RequestBookingSuccess,
    authScopes: { scope: "bookings:write" },
    description:
      "Mentees only. Creates an AWAITING_PAYMENT booking and a checkout; pay at checkoutUrl. At most BOOKING_REQUESTS_PER_HOUR (10) an hour per mentee: RateLimitedError after that.",
    errors: { types: [...AUTH_ERRORS, NotFoundError, ValidationError, PaymentProviderError, RateLimitedError], directResult: true },
    args: {
      sessionTypeId: t.arg.id({ required: true, description: "A bookable session type (from mentors' sessionTypes)." }),
      message: t.arg.string({ required: false, description: "At most 2,000 characters." }),
    },
    resolve: async (_, args, ctx) => {
      const sessionTypeId = decodeId("SessionType", String(args.sessionTypeId));
      // Each request opens a Checkout Session: counted per mentee before anything is created.
      if (ctx.viewer?.role === "MENTEE") await ctx.throttle.requestBooking(ctx.viewer.id);
      return requestBooking(ctx, ctx.viewer, { sessionTypeId, message: args.message ?? "" });
    },
  }),
  cancelBooking: t.field({
    type: BookingRef,
    authScopes: { scope: "bookings:write" },
    description:
      "Cancels a booking. The mentee: AWAITING_PAYMENT (its checkout is closed), PENDING (the hold on the card is released, nothing charged) or CONFIRMED (refunded in full until CANCELLATION_FULL_REFUND_HOURS before the recorded start, or at any time while none is recorded; later nothing is refunded and the mentor is credited their share as for a completed session). The mentor: CONFIRMED, at any time, refunding the mentee in full. Booking.cancellation shows the outcome before cancelling; both sides are emailed. A PENDING request is declined, not cancelled, by the mentor.",
    errors: bookingMutationErrors("cancelBooking", BOOKING_ERRORS, "The cancelled booking."),
    args: { id: t.arg.id({ required: true, description: "The booking's id." }) },
    resolve: (_, { id }, ctx) => cancelBooking(ctx, ctx.viewer, bookingId(id)),
  }),
  confirmBooking: t.field({
    type: BookingRef,
    authScopes: { scope: "bookings:write" },
    description:
      "The mentor confirms a paid (PENDING) booking: the mentee's card, authorised when they paid, is charged now (once, however many times this is sent), and the mentee is emailed. If the card cannot be charged the booking stays PENDING and a PaymentCaptureError says why.",
    errors: bookingMutationErrors(
      "confirmBooking",
      [...BOOKING_ERRORS, PaymentCaptureError],
      "The confirmed booking (see Booking.session).",
    ),
    args: { id: t.arg.id({ required: true, description: "The booking's id." }) },
    resolve: (_, { id }, ctx) => confirmBooking(ctx, ctx.viewer, bookingId(id)),
  }),
  declineBooking: t.field({
    type: BookingRef,
    authScopes: { scope: "bookings:write" },
    description:
      "The mentor declines a paid (PENDING) booking; the mentee is emailed. The hold on their card is released (nothing was charged); a payment Stripe captured at checkout is refunded in full.",
    errors: bookingMutationErrors("declineBooking", BOOKING_INPUT_ERRORS, "The declined booking (see Booking.refund)."),
    args: {
      id: t.arg.id({ required: true, description: "The booking's id." }),
      reason: t.arg.string({ required: false, description: "Shown to the mentee. At most 1,000 characters." }),
    },
    resolve: (_, { id, reason }, ctx) => declineBooking(ctx, ctx.viewer, bookingId(id), reason),
  }),
  addBookingLinks: t.field({
    type: BookingRef,
    authScopes: { scope: "bookings:write" },
    description:
      "The mentor sets both links of a CONFIRMED booking (again to change them). Each must be an https URL without user name or password, at most 2,048 characters.",
    errors: bookingMutationErrors("addBookingLinks", BOOKING_INPUT_ERRORS, "The booking, with its links (Booking.session)."),
    args: {
      id: t.arg.id({ required: true, description: "The booking's id." }),
      availabilityLink: t.arg.string({ required: true, description: "Where the mentee picks a time: an https URL." }),
      meetingLink: t.arg.string({ required: true, description: "Where the session is held: an https URL." }),
    },
    resolve: (_, args, ctx) =>
      addBookingLinks(ctx, ctx.viewer, {
        bookingId: bookingId(args.id),
        availabilityLink: args.availabilityLink,
        meetingLink: args.meetingLink,
      }),
  }),
  scheduleSession: t.field({
    type: BookingRef,
    authScopes: { scope: "bookings:write" },
    description:
      "The mentee or the mentor records when the session starts (the time the mentee picked with the availability link), on a CONFIRMED booking; again to change it, until the recorded start has passed. It ends durationMinutes later. The other side is emailed and both get a reminder SESSION_REMINDER_MINUTES before the start. A start in the past or more than 365 days ahead is a ValidationError (field startsAt).",
    errors: bookingMutationErrors("scheduleSession", BOOKING_INPUT_ERRORS, "The booking, with startsAt and endsAt."),
    args: {
      id: t.arg.id({ required: true, description: "The booking's id." }),
      startsAt: t.arg({ type: "DateTime", required: true, description: "When the session starts: an ISO 8601 instant (stored in UTC)." }),
    },
    resolve: (_, args, ctx) => scheduleSession(ctx, ctx.viewer, { bookingId: bookingId(args.id), startsAt: args.startsAt }),
  }),
  completeBooking: t.field({
    type: BookingRef,
    authScopes: { scope: "bookings:write" },
    description:
      "The mentor marks a CONFIRMED booking complete after the session. Both links must have been added first (InvalidTransitionError otherwise). The mentor's earning is then held for COMPLETION_HOLD_HOURS (Booking.completionWindowEndsAt), during which the mentee may report a problem (reportProblem); after it the earning becomes available for payout. If the mentor does not, the system completes a CONFIRMED booking with both links whose recorded session (endsAt, from scheduleSession) ended more than COMPLETION_HOLD_HOURS ago, in the same way (its history shows the system as the actor, the mentee is emailed, booking.completed is sent), with its earning held for a full window from then, so the mentee still has the window to report a problem. A booking without links or without a recorded start is never completed by the system: it stays CONFIRMED until its mentor completes it or someone cancels it.",
    errors: bookingMutationErrors("completeBooking", BOOKING_ERRORS, "The completed booking."),
    args: { id: t.arg.id({ required: true, description: "The booking's id." }) },
    resolve: (_, { id }, ctx) => completeBooking(ctx, ctx.viewer, bookingId(id)),
  }),
}));

/**
 * The booking as one event shows it, read once per instance however many of its sockets
 * receive the event: keyed by the event and the selection (sockets running the same document
 * share the row; viewer-dependent fields such as checkoutUrl and viewerCan are resolved from it
 * in memory), kept a few seconds so every socket's resolver finds it. The row is read without
 * the viewer's filter; the resolver applies the visibility rule to it per viewer.
 *
 * Events are executed as they arrive (shared-event-results.ts), so a burst's reads of one
 * booking run at once, and the database may answer them in any order: each is answered with the
 * newest read of its booking and selection sent by then (shared/newest-reads.ts), so that what a
 * socket receives never goes back to an older state.
 */
const EVENT_READ_MS = 5_000;
/** Reads kept per database at most (events in the window x documents): the oldest go first. */
const EVENT_READS = 10_000;
interface EventReads {
  byEvent: LRUCache<string, Promise<Booking | null>>;
  byRow: NewestReads<Booking | null>;
}
const eventReads = new WeakMap<Db, EventReads>();

function readForEvent(db: Db, event: BookingChangedDelivery, query: Record<string, unknown>): Promise<Booking | null> {
  // The visibility rule needs the parties and paidAt, whatever the selection asked for.
  const select = query.select as Record<string, unknown> | undefined;
  const args = select ? { ...query, select: { ...select, mentorId: true, menteeId: true, paidAt: true } } : query;
  const read = () => db.booking.findUnique({ ...args, where: { id: event.bookingId } }) as Promise<Booking | null>;
  let selection: string;
  try {
    selection = JSON.stringify(query);
  } catch {
    return read(); // a selection that is not plain data: not shared
  }
  let reads = eventReads.get(db);
  if (!reads) {
    reads = {
      byEvent: new LRUCache({ max: EVENT_READS, ttl: EVENT_READ_MS }),
      byRow: newestReads({ max: EVENT_READS, ttlMs: EVENT_READ_MS }),
    };
    eventReads.set(db, reads);
  }
  const key = `${event.eventId}\n${selection}`;
  const { byEvent } = reads;
  const cached = byEvent.get(key);
  if (cached) return cached;
  const pending = reads.byRow.read(`${event.bookingId}\n${selection}`, read);
  byEvent.set(key, pending);
  // A failed read is not shared: the next socket reads again.
  pending.catch(() => byEvent.delete(key));
  return pending;
}

builder.subscriptionFields((t) => ({
  bookingChanged: t.prismaField({
    type: "Booking",
    // Checked when each subscription starts (authorizeOnSubscribe), before any event is shared.
    authScopes: { $all: { scope: "bookings:read", signedIn: true } },
    description:
      "Every change to a booking the viewer is part of (optionally one booking), as the booking now is. An API key needs the bookings:read scope.",
    args: { id: t.arg.id({ required: false, description: "Only this booking." }) },
    subscribe: (_, args, { pubsub, viewer }) => {
      const only = args.id ? safeBookingId(args.id) : null;
      return pubsub.subscribe(
        // Only the viewer's topic (pubsub.ts): the events of bookings they are a party to, or all for admins.
        "bookingChanged",
        viewer ? bookingTopicOf(viewer) : "none",
        // Decided on the event itself (booking-visibility.ts) before anything is read.
        (event) => (only === null || event.bookingId === only) && mayReceive(viewer, event),
      );
    },
    resolve: async (query, event, _, { db, viewer }) => {
      const booking = await readForEvent(db, event as BookingChangedDelivery, query as Record<string, unknown>);
      // The rule again, on the row as read (the booking may have changed since the event).
      if (!booking || !canSeeBooking(viewer, { mentorId: booking.mentorId, menteeId: booking.menteeId, paid: booking.paidAt !== null })) {
        throw notFoundOnSocket();
      }
      // A partner key's socket outlives a grant the mentor revoked meanwhile: checked as it is now.
      if (viewer?.apiKey?.partner) {
        const grant = await db.partnerGrant.findUnique({
          where: { mentorId_apiKeyId: { mentorId: booking.mentorId, apiKeyId: viewer.apiKey.id } },
        });
        if (!grant) throw notFoundOnSocket();
      }
      return booking;
    },
  }),
}));

/**
 * An event the socket may no longer see: a GraphQL error with the refusal's code and message,
 * thrown as such so that Yoga passes it on as expected (a domain error would be logged as an
 * unexpected failure on every event; mask-error.ts would still word it the same).
 */
function notFoundOnSocket(): GraphQLError {
  const refusal = new NotFoundError("Booking");
  return new GraphQLError(refusal.message, { extensions: { code: refusal.code } });
}

function safeBookingId(id: string | number): string {
  try {
    return bookingId(id);
  } catch {
    return "none";
  }
}
