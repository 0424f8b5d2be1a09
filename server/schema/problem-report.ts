// The completion window (server/bookings/completion-hold.ts): Booking.completionWindowEndsAt,
// Booking.problemReport, the mentee's reportProblem, and for admins the open problem reports and
// resolveProblemReport.
import { builder, connectionCost } from "./builder.ts";
import { AUTH_ERRORS, bookingMutationErrors, ErrorInterface } from "./errors.ts";
import { decodeId } from "./ids.ts";
import { BookingRef } from "./booking.ts";
import { NotFoundError, ValidationError } from "../shared/errors.ts";
import { EarningHoldStatus, ProblemResolution } from "../generated/prisma/enums.ts";
import { ProblemReportNotOpenError, ProblemReportRefusedError, reportProblem, resolveProblemReport } from "../bookings/completion-hold.ts";
import { roleIn } from "../bookings/transition-booking.ts";

const ProblemReportRefusalEnum = builder.enumType("ProblemReportRefusal", {
  description: "Why a problem report was refused.",
  values: {
    NOT_COMPLETED: { description: "The booking is not a completed session." },
    WINDOW_CLOSED: { description: "The completion window (COMPLETION_HOLD_HOURS after completion) is over." },
    ALREADY_REPORTED: { description: "A problem with this session was already reported." },
    CHARGED_BACK: {
      description: "The mentee's bank already returned the payment after a card dispute (lost by the platform): nothing is left to refund.",
    },
  } as const,
});

builder.objectType(ProblemReportRefusedError, {
  name: "ProblemReportRefusedError",
  description: "The mentee may not report a problem with this booking now; `refusal` says why. Nothing changed.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ProblemReportRefusedError,
  fields: (t) => ({ refusal: t.field({ type: ProblemReportRefusalEnum, description: "Why.", resolve: (e) => e.refusal }) }),
});

builder.objectType(ProblemReportNotOpenError, {
  name: "ProblemReportNotOpenError",
  description: "The booking has no open problem report (never reported, already resolved, or frozen by a card dispute). Nothing changed.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ProblemReportNotOpenError,
});

export const ProblemResolutionEnum = builder.enumType(ProblemResolution, {
  name: "ProblemResolution",
  description:
    "RELEASE_TO_MENTOR: the held earning goes to the mentor's balance, no refund. REFUND_MENTEE: the mentee gets the whole price back (the earning and the platform fee are reversed). PARTIAL_REFUND: refundCents goes back; what is kept is shared between mentor and platform like a completed session's price (the fee is refunded in proportion) and the mentor's share is released.",
});

const ProblemReportStatusEnum = builder.enumType("ProblemReportStatus", {
  description: "OPEN: waiting for an admin (the mentor's earning is held). RESOLVED: an admin decided (see resolution).",
  values: ["OPEN", "RESOLVED"] as const,
});

const EarningHoldStatusEnum = builder.enumType(EarningHoldStatus, {
  name: "EarningHoldStatus",
  description:
    "HELD: in the completion window, available at availableAt. REPORTED: the mentee reported a problem, waiting for an admin. RELEASED: on the mentor's balance. REFUNDED: the mentee was refunded in full.",
});

export const ProblemReportRef = builder.prismaObject("EarningHold", {
  variant: "ProblemReport",
  description: "A mentee's report that a completed session went wrong, and how an admin resolved it.",
  fields: (t) => ({
    status: t.field({
      type: ProblemReportStatusEnum,
      description: "Whether it waits for an admin.",
      resolve: (h) => (h.resolvedAt ? "RESOLVED" : "OPEN"),
    }),
    reason: t.string({ description: "What the mentee wrote.", resolve: (h) => h.problemReason ?? "" }),
    reportedAt: t.field({ type: "DateTime", description: "When it was reported.", resolve: (h) => h.reportedAt ?? h.createdAt }),
    disputed: t.exposeBoolean("frozen", {
      description: "A card dispute froze the earning: the dispute settles it, not a resolution.",
    }),
    earningStatus: t.expose("status", { type: EarningHoldStatusEnum, description: "Where the mentor's earning stands." }),
    resolution: t.expose("resolution", {
      type: ProblemResolutionEnum,
      nullable: true,
      description: "The admin's decision, once resolved.",
    }),
    refunded: t.field({
      type: "Money",
      nullable: true,
      description: "What the resolution refunded to the mentee (0 when released to the mentor); null while open.",
      resolve: (h) => (h.refundCents === null ? null : { amountCents: h.refundCents, currency: h.currency }),
    }),
    resolvedAt: t.expose("resolvedAt", { type: "DateTime", nullable: true, description: "When an admin resolved it." }),
    booking: t.relation("booking", { type: BookingRef, description: "The completed booking." }),
  }),
});

builder.prismaObjectFields("Booking", (t) => ({
  completionWindowEndsAt: t.field({
    type: "DateTime",
    nullable: true,
    description:
      "A COMPLETED booking whose mentor earning is still held: when the completion window ends (completedAt + COMPLETION_HOLD_HOURS). Until then the mentee may report a problem (reportProblem); then the earning becomes available for payout. Null otherwise (released, reported, refunded, or not completed).",
    select: { earningHold: { select: { status: true, availableAt: true } } },
    resolve: (b) => (b.earningHold?.status === "HELD" ? b.earningHold.availableAt : null),
  }),
  viewerCanReportProblem: t.boolean({
    description: "The viewer is the mentee and may report a problem now (a completed session within its window, none reported yet).",
    select: { earningHold: { select: { status: true, availableAt: true } } },
    resolve: (b, _, { viewer }) =>
      viewer !== null &&
      !viewer.apiKey &&
      roleIn({ kind: "USER", userId: viewer.id }, b) === "mentee" &&
      b.earningHold?.status === "HELD" &&
      b.earningHold.availableAt > new Date(),
  }),
  problemReport: t.field({
    type: ProblemReportRef,
    nullable: true,
    description: "The mentee's problem report about the completed session, if they made one (its mentee, its mentor, admins).",
    select: (_args, _ctx, nested) => ({ earningHold: nested(true) }),
    resolve: (b) => (b.earningHold?.reportedAt ? b.earningHold : null),
  }),
}));

builder.queryFields((t) => ({
  problemReports: t.prismaConnection(
    {
      type: ProblemReportRef,
      cursor: "bookingId",
      complexity: connectionCost,
      authScopes: { $all: { admin: true, session: true } },
      description: "Admins only: problem reports, oldest first; OPEN (default) are those waiting for resolveProblemReport.",
      args: {
        status: t.arg({ type: ProblemReportStatusEnum, required: false, description: "OPEN (default) or RESOLVED." }),
      },
      totalCount: (_, args, { db }) => db.earningHold.count({ where: reportWhere(args.status) }),
      resolve: (query, _, args, { db }) =>
        db.earningHold.findMany({ ...query, where: reportWhere(args.status), orderBy: [{ reportedAt: "asc" }, { bookingId: "asc" }] }),
    },
    { name: "ProblemReportConnection", description: "A page of problem reports." },
    { name: "ProblemReportEdge", description: "A problem report and its cursor." },
  ),
}));

function reportWhere(status: "OPEN" | "RESOLVED" | null | undefined) {
  return status === "RESOLVED" ? { resolvedAt: { not: null } } : { status: "REPORTED" as const };
}

builder.mutationFields((t) => ({
  reportProblem: t.field({
    type: BookingRef,
    authScopes: { session: true },
    description:
      "The mentee reports that a completed session went wrong, within the completion window (Booking.completionWindowEndsAt). The mentor's earning then stays held until an admin resolves the report; the mentor and the admins are emailed.",
    errors: bookingMutationErrors(
      "reportProblem",
      [...AUTH_ERRORS, NotFoundError, ValidationError, ProblemReportRefusedError],
      "The booking; its problemReport is OPEN.",
    ),
    args: {
      id: t.arg.id({ required: true, description: "The completed booking." }),
      reason: t.arg.string({ required: true, description: "What went wrong (required, at most 2,000 characters)." }),
    },
    resolve: (_, { id, reason }, ctx) => reportProblem(ctx, ctx.viewer, { bookingId: decodeId("Booking", String(id)), reason }),
  }),
  resolveProblemReport: t.field({
    type: BookingRef,
    authScopes: { session: true },
    description:
      "Admins only: resolves an open problem report (see ProblemResolution). A refund goes through Stripe like any refund (Booking.refund, reason PROBLEM_REPORT); the ledger shows each posting; the audit history (adminHistory) records it; the mentee and the mentor are emailed.",
    errors: bookingMutationErrors(
      "resolveProblemReport",
      [...AUTH_ERRORS, NotFoundError, ValidationError, ProblemReportNotOpenError],
      "The booking, with its problemReport resolved and its refund, if any.",
    ),
    args: {
      id: t.arg.id({ required: true, description: "The booking whose problem report to resolve." }),
      resolution: t.arg({ type: ProblemResolutionEnum, required: true, description: "What to do." }),
      refundCents: t.arg.int({
        required: false,
        description: "PARTIAL_REFUND only (required there): cents to refund, more than 0 and less than the price.",
      }),
      note: t.arg.string({ required: false, description: "Why (kept in the audit history). At most 2,000 characters." }),
    },
    resolve: (_, { id, resolution, refundCents, note }, ctx) =>
      resolveProblemReport(ctx, ctx.viewer, { bookingId: decodeId("Booking", String(id)), resolution, refundCents, note }),
  }),
}));
