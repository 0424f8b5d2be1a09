// Card disputes (server/bookings/disputes.ts), for admins: `disputes(status, needsAttention)`,
// newest first.
import { builder, connectionCost } from "./builder.ts";
import { BookingRef } from "./booking.ts";
import { DisputeStatus } from "../generated/prisma/enums.ts";
import { AUTH_ERRORS, ErrorInterface } from "./errors.ts";
import { isUuid } from "../shared/ids.ts";
import { DisputeNotFlaggedError, markDisputeHandled } from "../bookings/disputes.ts";
import { NotFoundError, ValidationError } from "../shared/errors.ts";

const DisputeStatusEnum = builder.enumType(DisputeStatus, {
  name: "DisputeStatus",
  description:
    "OPEN: the bank is deciding; the mentor's earning is frozen. WON: the money came back and so did the earning. LOST: Stripe kept the disputed amount; it was recovered from the earning and the platform fee (or the held payment of a booking closed without completion).",
});

const DisputeAttentionEnum = builder.enumType("DisputeAttention", {
  description: "Why a person must act on a dispute whose Stripe event could not be settled as usual (each is also logged as an alert).",
  values: {
    NOT_THIS_CHARGE: {
      value: "NOT_THIS_CHARGE",
      description:
        "The dispute does not describe the booking's captured charge (nothing captured, another currency, more than the price): no money moved; check the charge in Stripe's dashboard.",
    },
    CLOSE_NOT_RECORDED: {
      value: "CLOSE_NOT_RECORDED",
      description:
        "Stripe closed the dispute, but the ledger could not record it (the loss would take the platform's recorded Stripe balance below zero): nothing moved and it stays OPEN; reconcile the ledger with Stripe.",
    },
    LOSS_NOT_RECOVERED: {
      value: "LOSS_NOT_RECOVERED",
      description:
        "LOST on a booking with no earning to recover it from (not completed, or refunded): the platform bore the whole loss; decide about the booking. Cancelling, declining or expiring the booking clears it (its held payment covers the loss, and the mentee, whose bank returned the money, is not refunded again), and so does completing it (the loss is recovered from the earning and the platform fee).",
    },
  } as const,
});

const DisputeObject = builder.prismaObject("Dispute", {
  description: "A card dispute (chargeback) of a booking's payment, as Stripe reported it.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "Our id of the dispute." }),
    stripeDisputeId: t.exposeString("stripeDisputeId", { description: "Stripe's id (dp_…), to answer it in Stripe's dashboard." }),
    status: t.expose("status", { type: DisputeStatusEnum, description: "Where it stands." }),
    reason: t.exposeString("reason", { description: "The bank's reason, as Stripe words it (fraudulent, product_not_received…)." }),
    amount: t.field({
      type: "Money",
      description: "The disputed amount.",
      resolve: (d) => ({ amountCents: d.amountCents, currency: d.currency }),
    }),
    frozen: t.field({
      type: "Money",
      description: "The mentor's earning it froze (held, or taken back from the balance).",
      resolve: (d) => ({ amountCents: d.frozenCents, currency: d.currency }),
    }),
    owed: t.field({
      type: "Money",
      description: "Of the frozen earning, what had already been paid out: the mentor owes it; their next earnings repay it first.",
      resolve: (d) => ({ amountCents: d.owedCents, currency: d.currency }),
    }),
    recovered: t.field({
      type: "Money",
      description:
        "LOST: what was recovered from the mentor's earning and the platform fee, or, for a booking closed without completion, from its held payment.",
      resolve: (d) => ({ amountCents: d.recoveredCents, currency: d.currency }),
    }),
    fee: t.field({
      type: "Money",
      description: "Stripe's dispute fee, when the closing event carried it.",
      resolve: (d) => ({ amountCents: d.feeCents, currency: d.currency }),
    }),
    attention: t.expose("attention", {
      type: DisputeAttentionEnum,
      nullable: true,
      description: "Why a person must act on it; null when there is nothing to do here beyond answering it at Stripe.",
    }),
    openedAt: t.expose("openedAt", { type: "DateTime", description: "When we learned of it." }),
    closedAt: t.expose("closedAt", { type: "DateTime", nullable: true, description: "When it closed (WON or LOST)." }),
    booking: t.relation("booking", { type: BookingRef, description: "The disputed booking." }),
  }),
});

builder.queryFields((t) => ({
  disputes: t.prismaConnection(
    {
      type: "Dispute",
      cursor: "id",
      complexity: connectionCost,
      authScopes: { $all: { admin: true, session: true } },
      description:
        "Admins only: card disputes, newest first; OPEN (the default) are those the bank is still deciding. needsAttention: those a person must act on (Dispute.attention), in any status unless one is given.",
      args: {
        status: t.arg({
          type: DisputeStatusEnum,
          required: false,
          description: "Only disputes in this status (default OPEN, or any with needsAttention).",
        }),
        needsAttention: t.arg.boolean({
          required: false,
          description: "true: only disputes a person must act on (Dispute.attention set).",
        }),
      },
      totalCount: (_, args, { db }) => db.dispute.count({ where: disputeFilter(args) }),
      resolve: (query, _, args, { db }) =>
        db.dispute.findMany({ ...query, where: disputeFilter(args), orderBy: [{ openedAt: "desc" }, { id: "desc" }] }),
    },
    { name: "DisputeConnection", description: "A page of disputes." },
    { name: "DisputeEdge", description: "A dispute and its cursor." },
  ),
}));

/** needsAttention spans statuses unless one is given: a flagged dispute may be OPEN (nothing moved) or LOST. */
function disputeFilter(args: { status?: DisputeStatus | null; needsAttention?: boolean | null }) {
  if (args.needsAttention) return { attention: { not: null }, ...(args.status ? { status: args.status } : {}) };
  return { status: args.status ?? "OPEN" };
}

builder.objectType(DisputeNotFlaggedError, {
  name: "DisputeNotFlaggedError",
  description: "The dispute is not flagged (never was, or another admin marked it handled). Nothing changed.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof DisputeNotFlaggedError,
});

builder.mutationFields((t) => ({
  // A plain field, not t.prismaField: with the errors plugin's result type, a selection of only
  // `__typename` gave plugin-prisma's query an empty `select`, which Prisma refuses.
  markDisputeHandled: t.field({
    type: DisputeObject,
    authScopes: { session: true },
    description:
      "Admins only: marks a flagged dispute (Dispute.attention) handled, saying what was done. Its flag is cleared and the booking's adminHistory keeps the note (HANDLE_DISPUTE, starting with the flag). No money moves.",
    errors: {
      types: [...AUTH_ERRORS, NotFoundError, ValidationError, DisputeNotFlaggedError],
      result: { description: "markDisputeHandled succeeded." },
      dataField: { name: "dispute", description: "The dispute, its attention now null." },
    },
    args: {
      id: t.arg.id({ required: true, description: "The flagged dispute (Dispute.id)." }),
      note: t.arg.string({ required: true, description: "What was done about it (required, at most 1,000 characters)." }),
    },
    resolve: async (_, { id, note }, ctx) => {
      // Dispute.id is the row's own id; anything else is no dispute of ours.
      if (!isUuid(String(id))) throw new NotFoundError("Dispute");
      await markDisputeHandled(ctx, ctx.viewer, { disputeId: String(id), note });
      return ctx.db.dispute.findUniqueOrThrow({ where: { id: String(id) } });
    },
  }),
}));
