// What operators (admins) need to see about money and messages that did not go through: emails
// given up after days of failures or a permanent refusal, and the latest reconciliation of the
// ledger with Stripe (server/reconcile/).
import { encodeGlobalID, resolveArrayConnection } from "@pothos/plugin-relay";
import { builder, connectionCost } from "./builder.ts";
import type { Divergence } from "../reconcile/reconcile.ts";
import { OFFSET_CURSORS } from "./connection-args.ts";

builder.prismaObject("EmailMessage", {
  name: "FailedEmail",
  description: "An email that could not be delivered (refused for good, or still failing days after it was queued). Admins only.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The email's id in the outbox." }),
    to: t.exposeString("to", { description: "The recipient's address." }),
    subject: t.exposeString("subject", { description: "The email's subject." }),
    tag: t.exposeString("tag", { description: "Which email it is (e.g. booking-paid)." }),
    attempts: t.exposeInt("attempts", { description: "How many times sending was tried." }),
    lastError: t.exposeString("lastError", { nullable: true, description: "What the email provider said last." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was queued." }),
    failedAt: t.expose("failedAt", { type: "DateTime", nullable: true, description: "When delivery was given up." }),
  }),
});

builder.queryFields((t) => ({
  failedEmails: t.prismaConnection(
    {
      type: "EmailMessage",
      cursor: "id",
      complexity: connectionCost,
      authScopes: { $all: { admin: true, session: true } },
      description: "Admins only: emails given up (FAILED), most recently failed first.",
      resolve: (query, _, __, { db }) =>
        db.emailMessage.findMany({
          ...query,
          where: { status: "FAILED" },
          orderBy: [{ failedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }, { id: "desc" }],
        }),
    },
    { name: "FailedEmailConnection", description: "A page of failed emails." },
    { name: "FailedEmailEdge", description: "A failed email and its cursor." },
  ),
}));

const DivergenceKindEnum = builder.enumType("ReconciliationDivergenceKind", {
  description:
    "What differs between the ledger and Stripe: a payment, refund or transfer on one side only (MISSING_IN_LEDGER / MISSING_AT_STRIPE), of another amount (AMOUNT_MISMATCH), or a transfer reversed by another amount than the ledger returned (REVERSAL_MISMATCH).",
  values: [
    "PAYMENT_MISSING_IN_LEDGER",
    "PAYMENT_MISSING_AT_STRIPE",
    "PAYMENT_AMOUNT_MISMATCH",
    "REFUND_MISSING_IN_LEDGER",
    "REFUND_MISSING_AT_STRIPE",
    "REFUND_AMOUNT_MISMATCH",
    "TRANSFER_MISSING_AT_STRIPE",
    "TRANSFER_MISSING_IN_LEDGER",
    "TRANSFER_AMOUNT_MISMATCH",
    "REVERSAL_MISMATCH",
  ] as const,
});

const DivergenceRef = builder.objectRef<Divergence>("ReconciliationDivergence").implement({
  description: "One difference between the ledger and Stripe, with the booking or payout it concerns.",
  fields: (t) => ({
    kind: t.field({ type: DivergenceKindEnum, description: "What differs.", resolve: (d) => d.kind }),
    bookingId: t.id({
      nullable: true,
      description: "The booking's id (as in booking(id:)).",
      resolve: (d) => (d.bookingId ? encodeGlobalID("Booking", d.bookingId) : null),
    }),
    payoutId: t.id({
      nullable: true,
      description: "The payout's id.",
      resolve: (d) => (d.payoutId ? encodeGlobalID("Payout", d.payoutId) : null),
    }),
    stripeId: t.string({ nullable: true, description: "The Stripe object(s) concerned.", resolve: (d) => d.stripeId }),
    ledger: t.field({
      type: "Money",
      description: "What the ledger records.",
      resolve: (d) => ({ amountCents: d.ledgerCents, currency: d.currency }),
    }),
    stripe: t.field({
      type: "Money",
      description: "What Stripe reports.",
      resolve: (d) => ({ amountCents: d.stripeCents, currency: d.currency }),
    }),
    message: t.string({ description: "The difference, for people.", resolve: (d) => d.message }),
  }),
});

builder.prismaObject("ReconciliationRun", {
  description: "One comparison of the ledger with Stripe over a time window (npm run reconcile, or the daily task).",
  fields: (t) => ({
    id: t.exposeID("id", { description: "The run's id." }),
    windowStart: t.expose("windowStart", { type: "DateTime", description: "The start of the time window compared." }),
    windowEnd: t.expose("windowEnd", { type: "DateTime", description: "The end of the time window compared." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it ran." }),
    divergenceCount: t.exposeInt("divergenceCount", { description: "How many differences it found." }),
    divergences: t.connection(
      {
        type: DivergenceRef,
        complexity: connectionCost,
        extensions: OFFSET_CURSORS,
        description: "The differences it found, in the order found (divergenceCount says how many).",
        resolve: (run, args) => resolveArrayConnection({ args }, run.divergences as unknown as Divergence[]),
      },
      { name: "ReconciliationDivergenceConnection", description: "A page of differences." },
      { name: "ReconciliationDivergenceEdge", description: "A difference and its cursor." },
    ),
  }),
});

builder.queryFields((t) => ({
  latestReconciliation: t.prismaField({
    type: "ReconciliationRun",
    nullable: true,
    authScopes: { $all: { admin: true, session: true } },
    description: "Admins only: the latest reconciliation of the ledger with Stripe; null before the first.",
    resolve: (query, _, __, { db }) => db.reconciliationRun.findFirst({ ...query, orderBy: { createdAt: "desc" } }),
  }),
}));
