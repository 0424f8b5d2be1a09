// Earnings (the signed-in mentor's balance, totals, payouts, Stripe connection), Payout, and
// the connectStripeAccount mutation.
import { GraphQLError } from "graphql";
import { builder, connectionCost } from "./builder.ts";
import { PayoutStatus } from "../generated/prisma/enums.ts";
import { NotAuthenticatedError, NotAuthorizedError, PaymentProviderError } from "../shared/errors.ts";
import type { Db } from "../db/client.ts";
import { connectStripeAccount, connectionOf, type StripeConnection } from "../payouts/connect.ts";
import {
  CURRENCY,
  earningsSummary,
  heldEarningsQuery,
  monthlyEarnings,
  type EarningsMonth,
  type EarningsSummary,
} from "../payouts/earnings.ts";

const StripeConnectionStatusEnum = builder.enumType("StripeAccountStatus", {
  description:
    "NOT_CONNECTED: no Stripe account yet. ONBOARDING_INCOMPLETE: onboarding started, details not submitted. RESTRICTED: submitted, but Stripe does not allow payouts (see requirementsDue, disabledReason). ACTIVE: payouts enabled.",
  values: ["NOT_CONNECTED", "ONBOARDING_INCOMPLETE", "RESTRICTED", "ACTIVE"] as const,
});

const PayoutStatusEnum = builder.enumType(PayoutStatus, {
  name: "PayoutStatus",
  description:
    "PENDING: taken off the balance, the transfer is being made. PAID: transferred to the Stripe account. FAILED: the amount went back on the balance.",
});

const StripeConnectionRef = builder.objectRef<StripeConnection>("StripeAccount").implement({
  // Not "StripeConnection": a name ending in Connection is a page of a list (Relay).
  description: "The mentor's Stripe Connect account as Stripe last reported it.",
  fields: (t) => ({
    status: t.field({ type: StripeConnectionStatusEnum, description: "Where the account stands.", resolve: (c) => c.status }),
    payoutsEnabled: t.exposeBoolean("payoutsEnabled", { description: "Stripe allows transfers to the account." }),
    requirementsDue: t.exposeStringList("requirementsDue", {
      description: "What Stripe needs from the mentor now (currently or past due).",
    }),
    disabledReason: t.exposeString("disabledReason", {
      nullable: true,
      description: "Stripe's reason why payouts are disabled, as Stripe words it (Stripe adds reasons over time), when they are.",
    }),
  }),
});

builder.prismaNode("Payout", {
  id: { field: "id" },
  description: "A transfer of the mentor's whole balance to their Stripe account.",
  fields: (t) => ({
    status: t.expose("status", { type: PayoutStatusEnum, description: "Where the transfer is." }),
    amount: t.field({
      type: "Money",
      description: "What was transferred (the balance then).",
      resolve: (p) => ({ amountCents: p.amountCents, currency: p.currency }),
    }),
    reversedAmount: t.field({
      type: "Money",
      description:
        "What Stripe reversed of the transfer so far: part of it (the payout stays PAID), or all of it (the payout is FAILED). It went back on the balance. Zero when none.",
      resolve: (p) => ({ amountCents: p.reversedCents, currency: p.currency }),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the payout cycle took it off the balance." }),
    paidAt: t.expose("paidAt", { type: "DateTime", nullable: true, description: "When the transfer was made (PAID)." }),
    failedAt: t.expose("failedAt", { type: "DateTime", nullable: true, description: "When it failed (FAILED)." }),
    failureReason: t.exposeString("failureReason", {
      nullable: true,
      description: "Why a FAILED payout did not reach the mentor, in plain words (what to do, if anything).",
    }),
    waitingReason: t.exposeString("deferredReason", {
      nullable: true,
      description:
        "Why a PENDING payout is waiting, in plain words: e.g. the payments behind it have not settled at Stripe yet. Not a failure; it is paid automatically.",
    }),
  }),
});

const EarningsMonthRef = builder.objectRef<EarningsMonth>("EarningsMonth").implement({
  description: "One UTC calendar month of earnings and payouts.",
  fields: (t) => ({
    month: t.field({ type: "DateTime", description: "The first instant of the UTC month.", resolve: (m) => m.month }),
    earned: t.field({
      type: "Money",
      description: "The mentor's share of sessions completed that month.",
      resolve: (m) => ({ amountCents: m.earnedCents, currency: CURRENCY }),
    }),
    paidOut: t.field({
      type: "Money",
      description: "What was paid out that month.",
      resolve: (m) => ({ amountCents: m.paidOutCents, currency: CURRENCY }),
    }),
  }),
});

const HeldEarningRef = builder.prismaObject("EarningHold", {
  variant: "HeldEarning",
  description: "A completed session's earning that is not on the balance yet.",
  fields: (t) => ({
    amount: t.field({
      type: "Money",
      description: "The mentor's share.",
      resolve: (h) => ({ amountCents: h.amountCents, currency: h.currency }),
    }),
    availableAt: t.field({
      type: "DateTime",
      nullable: true,
      description:
        "When it becomes available for payout (the end of the completion window); null while a problem report waits for an admin.",
      resolve: (h) => (h.status === "HELD" ? h.availableAt : null),
    }),
    problemReported: t.boolean({
      description: "The mentee reported a problem: it waits for an admin.",
      resolve: (h) => h.status === "REPORTED",
    }),
    disputed: t.exposeBoolean("frozen", { description: "A card dispute froze it until the dispute closes." }),
    booking: t.relation("booking", { description: "The completed booking." }),
  }),
});

/** One mentor's earnings for one request: the figures are read once, in one statement (earningsSummary). */
class EarningsOf {
  private summaryRead?: Promise<EarningsSummary>;
  constructor(
    readonly db: Db,
    readonly mentorId: string,
  ) {}
  summary() {
    this.summaryRead ??= earningsSummary(this.db, this.mentorId);
    return this.summaryRead;
  }
  async pending() {
    return (await this.summary()).pending;
  }
  async balances() {
    return (await this.summary()).balances;
  }
  async held() {
    return (await this.summary()).held;
  }
}

const money = (amountCents: number) => ({ amountCents, currency: CURRENCY });

export const EarningsRef = builder.objectRef<EarningsOf>("Earnings").implement({
  description: "The signed-in mentor's money: balance, totals, payouts and Stripe connection.",
  fields: (t) => ({
    balance: t.field({
      type: "Money",
      description:
        "What the platform owes the mentor now and may pay out (held earnings are not in it until released); paid out when at least minimumPayout.",
      resolve: async (e) => money((await e.balances()).available),
    }),
    heldBalance: t.field({
      type: "Money",
      description:
        "Completed sessions' earnings still held: in the completion window (COMPLETION_HOLD_HOURS after completion, when the mentee may report a problem) or waiting for an admin. Not paid out until released to the balance.",
      resolve: async (e) => money((await e.balances()).held),
    }),
    frozenBalance: t.field({
      type: "Money",
      description: "Earnings frozen by open card disputes: they come back if the dispute is won.",
      resolve: async (e) => money((await e.balances()).frozen),
    }),
    owed: t.field({
      type: "Money",
      description:
        "What the mentor owes the platform: a disputed session's earning that had already been paid out. The next earnings released repay it first; the balance never goes below zero.",
      resolve: async (e) => money((await e.balances()).owed),
    }),
    held: t.prismaConnection(
      {
        type: HeldEarningRef,
        cursor: "bookingId",
        complexity: connectionCost,
        description: "The held earnings, soonest available first; those waiting for an admin last.",
        totalCount: async (e) => (await e.held()).count,
        resolve: (query, e) => {
          const { where, orderBy } = heldEarningsQuery(e.mentorId);
          return e.db.earningHold.findMany({ ...query, where, orderBy });
        },
      },
      { name: "HeldEarningConnection", description: "A page of held earnings." },
      { name: "HeldEarningEdge", description: "A held earning and its cursor." },
    ),
    heldWaitingCount: t.int({
      description: "How many held earnings wait for our team: a problem report to resolve, or a card dispute to close.",
      resolve: async (e) => (await e.held()).waiting,
    }),
    nextReleaseAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When the next held earning becomes available; null when none is on its way.",
      resolve: async (e) => (await e.held()).nextReleaseAt,
    }),
    totalEarned: t.field({
      type: "Money",
      description: "The mentor's share of every completed session, ever (held or not), less what problem reports refunded.",
      resolve: async (e) => money((await e.summary()).totalEarnedCents),
    }),
    pending: t.field({
      type: "Money",
      description: "The mentor's share of confirmed sessions, credited when they are completed.",
      resolve: async (e) => money((await e.pending()).cents),
    }),
    pendingBookings: t.int({
      description: "How many confirmed sessions `pending` counts.",
      resolve: async (e) => (await e.pending()).bookings,
    }),
    paidOut: t.field({
      type: "Money",
      description: "Sum of PAID payouts, less what Stripe reversed of them.",
      resolve: async (e) => money((await e.summary()).paidOutCents),
    }),
    minimumPayout: t.field({
      type: "Money",
      description: "The smallest balance that is paid out.",
      resolve: (_e, _a, { env }) => money(env.payoutMinimumCents),
    }),
    stripe: t.field({
      type: StripeConnectionRef,
      description: "The mentor's Stripe Connect account, where payouts go.",
      resolve: async (e) => connectionOf((await e.summary()).profile),
    }),
    payouts: t.prismaConnection(
      {
        type: "Payout",
        cursor: "id",
        complexity: connectionCost,
        description: "The mentor's payouts, newest first.",
        totalCount: async (e) => (await e.summary()).payoutCount,
        resolve: (query, e) =>
          e.db.payout.findMany({ ...query, where: { mentorId: e.mentorId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
      },
      { name: "PayoutConnection", description: "A page of payouts." },
      { name: "PayoutEdge", description: "A payout and its cursor." },
    ),
    monthly: t.field({
      type: [EarningsMonthRef],
      description: "The last `months` UTC months (1 to 120), oldest first, every month present.",
      args: { months: t.arg.int({ defaultValue: 12, description: "How many months, counting the current one (1 to 120)." }) },
      // Two SQL statements whatever the number of months: priced like a page of bookings.
      complexity: { field: 50, multiplier: 1 },
      resolve: (e, { months }) => {
        const count = months ?? 12;
        if (count < 1 || count > 120) {
          throw new GraphQLError(`months must be between 1 and 120, got ${count}.`, {
            extensions: { code: "INVALID_INPUT", field: "months" },
          });
        }
        return monthlyEarnings(e.db, e.mentorId, count);
      },
    }),
  }),
});

builder.queryFields((t) => ({
  earnings: t.field({
    type: EarningsRef,
    nullable: true,
    authScopes: { $all: { scope: "earnings:read", mentor: true } },
    description: "Mentors only: the viewer's earnings.",
    resolve: (_, __, { db, viewer }) => new EarningsOf(db, viewer!.id),
  }),
}));

const ConnectStripeAccountPayload = builder.objectRef<{ url: string; stripe: StripeConnection }>("ConnectStripeAccountSuccess").implement({
  description: "Where to send the mentor to (Stripe's onboarding; a link is short-lived, ask for a new one each time).",
  fields: (t) => ({
    url: t.exposeString("url", { description: "Stripe's onboarding page for the mentor; short-lived." }),
    stripe: t.field({ type: StripeConnectionRef, description: "The account as Stripe reports it now.", resolve: (p) => p.stripe }),
  }),
});

builder.mutationFields((t) => ({
  connectStripeAccount: t.field({
    type: ConnectStripeAccountPayload,
    description: "Mentors only: creates the mentor's Stripe Express account once and returns a fresh onboarding link.",
    authScopes: { session: true },
    errors: { types: [NotAuthenticatedError, NotAuthorizedError, PaymentProviderError], directResult: true },
    resolve: (_, __, services) => connectStripeAccount(services, services.viewer),
  }),
}));
