// Admin operations: cancel any booking with a full or partial refund, retry a FAILED refund,
// the failed refunds to look at, any mentor's ledger account, and the audit history of what
// admins did to a booking. Listing and opening any booking is `bookings` / `booking` (admins see
// all). Admins' session tokens only: an admin's API key is a read-only partner key.
import { builder, connectionCost } from "./builder.ts";
import { AUTH_ERRORS, BOOKING_INPUT_ERRORS, bookingMutationErrors, ErrorInterface } from "./errors.ts";
import { decodeId } from "./ids.ts";
import { BookingRef } from "./booking.ts";
import { UserRef } from "./user.ts";
import { NotFoundError } from "../shared/errors.ts";
import { adminCancelBooking, RefundNotRetryableError, retryRefund } from "../bookings/admin-commands.ts";
import { mentorAccount, mentorFrozenAccount, mentorHeldAccount, mentorOwedAccount } from "../ledger/ledger.ts";
import { LedgerSide, LedgerTransactionKind, AdminActionKind } from "../generated/prisma/enums.ts";
import { RefundStatusEnum } from "./refund.ts";

builder.objectType(RefundNotRetryableError, {
  name: "RefundNotRetryableError",
  description: "Only a FAILED refund can be retried; `refundStatus` is what it is now.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof RefundNotRetryableError,
  fields: (t) => ({ refundStatus: t.field({ type: RefundStatusEnum, resolve: (e) => e.refundStatus as never }) }),
});

const LedgerSideEnum = builder.enumType(LedgerSide, { name: "LedgerSide", description: "DEBIT or CREDIT side of a ledger entry." });
const LedgerKindEnum = builder.enumType(LedgerTransactionKind, {
  name: "LedgerTransactionKind",
  description:
    "What moved the money: PAYMENT (a captured payment), PLATFORM_FEE, MENTOR_EARNING (credited as held on completion), EARNING_RELEASE (held earning to the balance, less what the mentor owed), EARNING_REVERSAL and FEE_REVERSAL (returned for a problem report's refund), DISPUTE_FREEZE, DISPUTE_RELEASE, DISPUTE_LOSS, DISPUTE_RECOVERY, DISPUTE_FEE (card disputes), REFUND, REFUND_REVERSAL (a refund that failed after it had succeeded), PAYOUT, PAYOUT_REVERSAL.",
});
const AdminActionKindEnum = builder.enumType(AdminActionKind, {
  name: "AdminActionKind",
  description:
    "CANCEL_BOOKING (with its refund), RETRY_REFUND, RESOLVE_PROBLEM (a problem report; the note starts with the resolution), HANDLE_DISPUTE (a flagged dispute marked handled; the note starts with the flag).",
});

const AdminActionRef = builder.prismaObject("AdminAction", {
  description: "Something an admin did to a booking: the audit history.",
  fields: (t) => ({
    id: t.exposeID("id"),
    kind: t.expose("kind", { type: AdminActionKindEnum }),
    adminId: t.exposeID("adminId", { description: "The admin's user id (raw)." }),
    admin: t.prismaField({
      type: UserRef,
      nullable: true,
      description: "The admin who did it.",
      // findUnique calls of one tick are batched by Prisma into one query for the whole history.
      resolve: (query, a, _, { db }) => db.user.findUnique({ ...query, where: { id: a.adminId } }),
    }),
    amount: t.field({
      type: "Money",
      nullable: true,
      description: "The refund it decided or retried, if any.",
      select: { booking: { select: { currency: true } } },
      resolve: (a) => (a.amountCents === null ? null : { amountCents: a.amountCents, currency: a.booking.currency }),
    }),
    note: t.exposeString("note", { nullable: true, description: "The admin's reason." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaObject("LedgerEntry", {
  description: "One entry of a ledger account.",
  fields: (t) => ({
    id: t.exposeID("id"),
    side: t.expose("side", { type: LedgerSideEnum, description: "CREDIT adds to a mentor's balance, DEBIT takes from it." }),
    amount: t.field({
      type: "Money",
      select: { account: { select: { currency: true } } },
      resolve: (e) => ({ amountCents: e.amountCents, currency: e.account.currency }),
    }),
    kind: t.field({ type: LedgerKindEnum, select: { transaction: { select: { kind: true } } }, resolve: (e) => e.transaction.kind }),
    description: t.string({ select: { transaction: { select: { description: true } } }, resolve: (e) => e.transaction.description }),
    bookingId: t.id({
      nullable: true,
      description: "The booking it concerns (raw id), if any.",
      select: { transaction: { select: { bookingId: true } } },
      resolve: (e) => e.transaction.bookingId,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

/** The mentor's four ledger accounts (server/ledger/ledger.ts), as the admin's view names them. */
const MENTOR_ACCOUNTS = {
  AVAILABLE: { code: mentorAccount, description: "What payouts pay: the mentor's balance." },
  HELD: { code: mentorHeldAccount, description: "Earnings of completed sessions inside their completion window." },
  FROZEN: { code: mentorFrozenAccount, description: "Earnings frozen by open card disputes." },
  OWED: {
    code: mentorOwedAccount,
    description: "What the mentor owes after a dispute took back money already paid out; repaid from the next earnings.",
  },
} as const;
type MentorAccountName = keyof typeof MENTOR_ACCOUNTS;

const MentorLedgerAccountEnum = builder.enumType("MentorLedgerAccount", {
  description: "One of a mentor's ledger accounts.",
  values: Object.fromEntries(Object.entries(MENTOR_ACCOUNTS).map(([name, a]) => [name, { description: a.description }])) as Record<
    MentorAccountName,
    { description: string }
  >,
});

interface MentorLedger {
  mentorId: string;
  currency: string;
  balances: Record<MentorAccountName, number>;
}

const MentorLedgerRef = builder.objectRef<MentorLedger>("MentorLedger").implement({
  description: "A mentor's ledger accounts: what the platform owes them (available, held, frozen), what they owe, and every entry.",
  fields: (t) => {
    const money = (name: MentorAccountName, description: string) =>
      t.field({ type: "Money", description, resolve: (l) => ({ amountCents: l.balances[name], currency: l.currency }) });
    return {
      mentor: t.prismaField({
        type: UserRef,
        resolve: (query, l, _, { db }) => db.user.findUniqueOrThrow({ ...query, where: { id: l.mentorId } }),
      }),
      balance: money("AVAILABLE", "Available for payout."),
      heldBalance: money("HELD", "In completion windows: available once each window ends."),
      frozenBalance: money("FROZEN", "Frozen by open card disputes."),
      owed: money("OWED", "Owed by the mentor after a dispute; netted against future earnings."),
      entries: t.prismaConnection(
        {
          type: "LedgerEntry",
          cursor: "id",
          complexity: connectionCost,
          description: "Newest first, of one account (the available balance by default).",
          args: { account: t.arg({ type: MentorLedgerAccountEnum, required: false, description: "Which account; AVAILABLE if absent." }) },
          resolve: (query, l, { account }, { db }) =>
            db.ledgerEntry.findMany({
              ...query,
              where: { account: { code: MENTOR_ACCOUNTS[account ?? "AVAILABLE"].code(l.mentorId) } },
              orderBy: [{ createdAt: "desc" }, { id: "desc" }],
            }),
        },
        { name: "LedgerEntryConnection", description: "A page of ledger entries." },
        { name: "LedgerEntryEdge", description: "A ledger entry and its cursor." },
      ),
    };
  },
});

builder.prismaObjectField("Booking", "adminHistory", (t) =>
  t.field({
    type: [AdminActionRef],
    description: "Admins only: what admins did to this booking (cancellations, refund retries), oldest first. Empty for anyone else.",
    select: { adminActions: { orderBy: { createdAt: "asc" } } },
    resolve: (b, _, { viewer }) => (viewer?.role === "ADMIN" && !viewer.apiKey ? b.adminActions : []),
  }),
);

builder.queryFields((t) => ({
  mentorLedger: t.field({
    type: MentorLedgerRef,
    nullable: true,
    authScopes: { $all: { admin: true, session: true } },
    description:
      "Admins only: a mentor's ledger accounts (available, held, frozen, owed, and their entries); null for a user who is not a mentor.",
    args: { mentorId: t.arg.id({ required: true, description: "The mentor's user id." }) },
    resolve: async (_, { mentorId }, { db }) => {
      let id: string;
      try {
        id = decodeId("User", String(mentorId), "mentorId");
      } catch {
        return null;
      }
      const user = await db.user.findFirst({ where: { id, role: "MENTOR" }, select: { id: true } });
      if (!user) return null;
      const names = Object.keys(MENTOR_ACCOUNTS) as MentorAccountName[];
      const accounts = await db.ledgerAccount.findMany({ where: { code: { in: names.map((n) => MENTOR_ACCOUNTS[n].code(id)) } } });
      const byCode = new Map(accounts.map((a) => [a.code, a]));
      const balances = Object.fromEntries(names.map((n) => [n, Number(byCode.get(MENTOR_ACCOUNTS[n].code(id))?.balanceCents ?? 0)]));
      return { mentorId: id, currency: accounts[0]?.currency ?? "usd", balances: balances as Record<MentorAccountName, number> };
    },
  }),
}));

builder.mutationFields((t) => ({
  adminCancelBooking: t.field({
    type: BookingRef,
    authScopes: { session: true },
    description:
      "Admins only: cancels any booking not yet over. A charged payment is refunded in full, or `refundCents` of it (the rest is shared between mentor and platform like a completed session's price); a card only authorised is released; an unpaid booking just closes. Recorded in the booking's history and adminHistory.",
    errors: bookingMutationErrors(
      "adminCancelBooking",
      BOOKING_INPUT_ERRORS,
      "The cancelled booking (see Booking.refund and Booking.adminHistory).",
    ),
    args: {
      id: t.arg.id({ required: true, description: "The booking." }),
      reason: t.arg.string({ required: true, description: "Why (kept in the audit history). At most 1,000 characters." }),
      refundCents: t.arg.int({
        required: false,
        description: "For a charged booking, how much to refund (0 to the price); absent: all of it. Only for charged bookings.",
      }),
    },
    resolve: (_, { id, reason, refundCents }, ctx) =>
      adminCancelBooking(ctx, ctx.viewer, { bookingId: decodeId("Booking", String(id)), reason, refundCents }),
  }),
  retryRefund: t.field({
    type: BookingRef,
    authScopes: { session: true },
    description: "Admins only: sends a FAILED refund of this booking again (a new try at Stripe); the booking's refund shows how it goes.",
    errors: bookingMutationErrors(
      "retryRefund",
      [...AUTH_ERRORS, NotFoundError, RefundNotRetryableError],
      "The booking; its refund shows how the new try goes.",
    ),
    args: { id: t.arg.id({ required: true, description: "The booking whose refund failed." }) },
    resolve: (_, { id }, ctx) => retryRefund(ctx, ctx.viewer, decodeId("Booking", String(id))),
  }),
}));
