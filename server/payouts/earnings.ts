// What a mentor's Earnings page reads. Each figure is one query over the ledger, the bookings
// or the payouts of that mentor; the resolvers share them per request.
import { directQuery, type Db } from "../db/client.ts";
import type { ProfileState } from "./connect.ts";
import { splitFee } from "../shared/money.ts";
import { mentorAccount, mentorFrozenAccount, mentorHeldAccount, mentorOwedAccount } from "../ledger/ledger.ts";

export const CURRENCY = "usd";

export interface EarningsMonth {
  month: Date;
  earnedCents: number;
  paidOutCents: number;
}

/** The mentor's four ledger accounts' balances, in cents (an account not opened yet is 0). */
export interface MentorBalances {
  /** What the platform owes the mentor now and may pay out. */
  available: number;
  /** Completed sessions' earnings still held (completion window, or a problem report waiting for an admin). */
  held: number;
  /** Earnings frozen by open card disputes. */
  frozen: number;
  /** What the mentor owes the platform (a disputed earning already paid out); repaid from the next earnings. */
  owed: number;
}

/** All four balances in one statement (the Earnings page shows them together). */
export async function mentorBalances(db: Db, mentorId: string): Promise<MentorBalances> {
  const codes = {
    available: mentorAccount(mentorId),
    held: mentorHeldAccount(mentorId),
    frozen: mentorFrozenAccount(mentorId),
    owed: mentorOwedAccount(mentorId),
  };
  const accounts = await db.ledgerAccount.findMany({
    where: { code: { in: Object.values(codes) } },
    select: { code: true, balanceCents: true },
  });
  const balance = (code: string) => Number(accounts.find((a) => a.code === code)?.balanceCents ?? 0);
  return { available: balance(codes.available), held: balance(codes.held), frozen: balance(codes.frozen), owed: balance(codes.owed) };
}

/** The mentor's held earnings, soonest available first (those waiting for an admin last). */
/** The mentor's held earnings (in the window, or reported), as a Prisma query's filter and order. */
export function heldEarningsQuery(mentorId: string) {
  return {
    where: { mentorId, status: { in: ["HELD" as const, "REPORTED" as const] } },
    orderBy: [{ status: "asc" as const }, { availableAt: "asc" as const }, { bookingId: "asc" as const }],
  };
}

/**
 * What the Earnings page says of the held earnings, in one statement: how many there are, how
 * many wait for an admin (a problem report) or a dispute, and when the next one becomes
 * available (a HELD one no dispute froze).
 */
export async function heldSummary(db: Db, mentorId: string): Promise<{ count: number; waiting: number; nextReleaseAt: Date | null }> {
  const rows = await db.$queryRaw<Array<{ count: bigint; waiting: bigint; next: Date | null }>>`
    SELECT count(*) AS count,
           count(*) FILTER (WHERE "status" = 'REPORTED' OR "frozen") AS waiting,
           min("availableAt") FILTER (WHERE "status" = 'HELD' AND NOT "frozen") AS next
    FROM "EarningHold"
    WHERE "mentorId" = ${mentorId}::uuid AND "status" IN ('HELD', 'REPORTED')`;
  const row = rows[0];
  return { count: Number(row?.count ?? 0), waiting: Number(row?.waiting ?? 0), nextReleaseAt: row?.next ?? null };
}

/**
 * Every MENTOR_EARNING credited to the mentor, held or on the balance (never reduced by payouts),
 * less what a problem report's refund took back (EARNING_REVERSAL).
 */
export async function totalEarnedCents(db: Db, mentorId: string): Promise<number> {
  const rows = await db.$queryRaw<Array<{ cents: bigint | null }>>`
    SELECT SUM(CASE WHEN e."side" = 'CREDIT' THEN e."amountCents" ELSE -e."amountCents" END)::bigint AS cents
    FROM "LedgerEntry" e
    JOIN "LedgerAccount" a ON a."id" = e."accountId"
    JOIN "LedgerTransaction" t ON t."id" = e."transactionId"
    WHERE a."code" IN (${mentorAccount(mentorId)}, ${mentorHeldAccount(mentorId)})
      AND ((t."kind" = 'MENTOR_EARNING' AND e."side" = 'CREDIT') OR (t."kind" = 'EARNING_REVERSAL' AND e."side" = 'DEBIT'))`;
  return Number(rows[0]?.cents ?? 0);
}

/** The mentor's share of CONFIRMED bookings (credited once they are completed). */
export async function pendingEarnings(db: Db, mentorId: string): Promise<{ cents: number; bookings: number }> {
  const bookings = await db.booking.findMany({
    where: { mentorId, status: "CONFIRMED" },
    select: { priceCents: true, platformFeePercent: true },
  });
  const cents = bookings.reduce((sum, b) => sum + splitFee(b.priceCents, b.platformFeePercent).mentorCents, 0);
  return { cents, bookings: bookings.length };
}

export async function paidOutCents(db: Db, mentorId: string): Promise<number> {
  const sum = await db.payout.aggregate({ where: { mentorId, status: "PAID" }, _sum: { amountCents: true, reversedCents: true } });
  // A partly reversed transfer counts for what stayed with the mentor.
  return (sum._sum.amountCents ?? 0) - (sum._sum.reversedCents ?? 0);
}

/** The first instant of the UTC month `offset` months from `date`'s month. */
export function monthStart(date: Date, offset = 0): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1));
}

const monthKey = (date: Date) => date.toISOString().slice(0, 7);

/** The last `months` UTC months, oldest first, every month present (zeros included). */
export async function monthlyEarnings(db: Db, mentorId: string, months: number, now = new Date()): Promise<EarningsMonth[]> {
  const from = monthStart(now, -(months - 1));
  const accounts = [mentorAccount(mentorId), mentorHeldAccount(mentorId)];
  const earnedSql = `
      SELECT to_char(date_trunc('month', t."createdAt" AT TIME ZONE 'UTC'), 'YYYY-MM') AS month, SUM(e."amountCents")::bigint AS cents
      FROM "LedgerEntry" e
      JOIN "LedgerAccount" a ON a."id" = e."accountId"
      JOIN "LedgerTransaction" t ON t."id" = e."transactionId"
      WHERE a."code" = ANY($2::text[]) AND t."kind" = 'MENTOR_EARNING' AND e."side" = 'CREDIT' AND t."createdAt" >= $3::timestamptz
      GROUP BY 1`;
  const paidSql = `
      SELECT to_char(date_trunc('month', "paidAt" AT TIME ZONE 'UTC'), 'YYYY-MM') AS month, SUM("amountCents" - "reversedCents")::bigint AS cents
      FROM "Payout"
      WHERE "mentorId" = $1::uuid AND "status" = 'PAID' AND "paidAt" >= $3::timestamptz
      GROUP BY 1`;
  type Month = { series: "earned" | "paid"; month: string; cents: bigint | string | number };
  // Both series in one statement, sent to the driver when it can be (see earningsSummary).
  const sql = `SELECT 'earned' AS series, * FROM (${earnedSql}) earned UNION ALL SELECT 'paid' AS series, * FROM (${paidSql}) paid`;
  const params = [mentorId, accounts, from.toISOString()];
  const direct = directQuery(db);
  const rows = direct ? await direct<Month>(sql, params) : await db.$queryRawUnsafe<Month[]>(sql, ...params);
  const earned = rows.filter((r) => r.series === "earned");
  const paid = rows.filter((r) => r.series === "paid");
  const earnedBy = new Map(earned.map((r) => [r.month, Number(r.cents)]));
  const paidBy = new Map(paid.map((r) => [r.month, Number(r.cents)]));
  return Array.from({ length: months }, (_, i) => {
    const month = monthStart(from, i);
    return { month, earnedCents: earnedBy.get(monthKey(month)) ?? 0, paidOutCents: paidBy.get(monthKey(month)) ?? 0 };
  });
}

/** Everything the Earnings page shows of one mentor but the lists (payouts, months, reliability). */
export interface EarningsSummary {
  balances: MentorBalances;
  held: { count: number; waiting: number; nextReleaseAt: Date | null };
  pending: { cents: number; bookings: number };
  totalEarnedCents: number;
  paidOutCents: number;
  payoutCount: number;
  /** The mentor's Stripe Connect state (null: no mentor profile). */
  profile: ProfileState | null;
}

interface SummaryRow {
  balances: Record<string, number | string> | string;
  held_count: number | string;
  held_waiting: number | string;
  held_next: Date | string | null;
  pending: [priceCents: number, feePercent: number, count: number][] | string;
  earned: number | string | null;
  paid_out: number | string;
  payouts: number | string;
  stripeAccountId: string | null;
  payoutsEnabled: boolean | null;
  stripeDetailsSubmitted: boolean | null;
  stripeRequirementsDue: string[] | null;
  stripeDisabledReason: string | null;
}

const json = <T>(value: T | string): T => (typeof value === "string" ? (JSON.parse(value) as T) : value);

/**
 * The Earnings page's figures in one statement sent to the driver (Prisma 6 compiles each query
 * on every call; the page's figures were seven of them). The same queries as the functions above,
 * which answer instead where the driver cannot be reached directly (a transaction's client).
 */
export async function earningsSummary(db: Db, mentorId: string): Promise<EarningsSummary> {
  const direct = directQuery(db);
  if (!direct) {
    const [balances, held, pending, totalEarned, paidOut, payoutCount, profile] = await Promise.all([
      mentorBalances(db, mentorId),
      heldSummary(db, mentorId),
      pendingEarnings(db, mentorId),
      totalEarnedCents(db, mentorId),
      paidOutCents(db, mentorId),
      db.payout.count({ where: { mentorId } }),
      db.mentorProfile.findUnique({
        where: { userId: mentorId },
        select: {
          stripeAccountId: true,
          payoutsEnabled: true,
          stripeDetailsSubmitted: true,
          stripeRequirementsDue: true,
          stripeDisabledReason: true,
        },
      }),
    ]);
    return { balances, held, pending, totalEarnedCents: totalEarned, paidOutCents: paidOut, payoutCount, profile };
  }
  const codes = {
    available: mentorAccount(mentorId),
    held: mentorHeldAccount(mentorId),
    frozen: mentorFrozenAccount(mentorId),
    owed: mentorOwedAccount(mentorId),
  };
  const [row] = await direct<SummaryRow>(
    `SELECT
       (SELECT coalesce(json_object_agg(a."code", a."balanceCents"), '{}'::json)
          FROM "LedgerAccount" a WHERE a."code" = ANY($2::text[])) AS balances,
       h.count AS held_count, h.waiting AS held_waiting, h.next AS held_next,
       (SELECT coalesce(json_agg(json_build_array(p."priceCents", p."platformFeePercent", p.n)), '[]'::json)
          FROM (SELECT "priceCents", "platformFeePercent", count(*)::int AS n FROM "Booking"
                WHERE "mentorId" = $1::uuid AND "status" = 'CONFIRMED' GROUP BY 1, 2) p) AS pending,
       (SELECT SUM(CASE WHEN e."side" = 'CREDIT' THEN e."amountCents" ELSE -e."amountCents" END)::bigint
          FROM "LedgerEntry" e
          JOIN "LedgerAccount" a ON a."id" = e."accountId"
          JOIN "LedgerTransaction" t ON t."id" = e."transactionId"
          WHERE a."code" IN ($3, $4)
            AND ((t."kind" = 'MENTOR_EARNING' AND e."side" = 'CREDIT') OR (t."kind" = 'EARNING_REVERSAL' AND e."side" = 'DEBIT'))) AS earned,
       (SELECT coalesce(SUM("amountCents"), 0) - coalesce(SUM("reversedCents"), 0)
          FROM "Payout" WHERE "mentorId" = $1::uuid AND "status" = 'PAID')::bigint AS paid_out,
       (SELECT count(*) FROM "Payout" WHERE "mentorId" = $1::uuid) AS payouts,
       m."stripeAccountId", m."payoutsEnabled", m."stripeDetailsSubmitted", m."stripeRequirementsDue", m."stripeDisabledReason"
     FROM (SELECT count(*) AS count,
                  count(*) FILTER (WHERE "status" = 'REPORTED' OR "frozen") AS waiting,
                  min("availableAt") FILTER (WHERE "status" = 'HELD' AND NOT "frozen") AS next
           FROM "EarningHold" WHERE "mentorId" = $1::uuid AND "status" IN ('HELD', 'REPORTED')) h
     LEFT JOIN "MentorProfile" m ON m."userId" = $1::uuid`,
    [mentorId, Object.values(codes), codes.available, codes.held],
  );
  const r = row!;
  const balances = json(r.balances);
  const balance = (code: string) => Number(balances[code] ?? 0);
  const pending = json(r.pending).reduce(
    (sum, [priceCents, feePercent, count]) => ({
      cents: sum.cents + splitFee(priceCents, feePercent).mentorCents * count,
      bookings: sum.bookings + count,
    }),
    { cents: 0, bookings: 0 },
  );
  return {
    balances: { available: balance(codes.available), held: balance(codes.held), frozen: balance(codes.frozen), owed: balance(codes.owed) },
    held: {
      count: Number(r.held_count),
      waiting: Number(r.held_waiting),
      nextReleaseAt: r.held_next === null ? null : new Date(r.held_next),
    },
    pending,
    totalEarnedCents: Number(r.earned ?? 0),
    paidOutCents: Number(r.paid_out),
    payoutCount: Number(r.payouts),
    profile:
      r.payoutsEnabled === null
        ? null
        : {
            stripeAccountId: r.stripeAccountId,
            payoutsEnabled: r.payoutsEnabled,
            stripeDetailsSubmitted: r.stripeDetailsSubmitted ?? false,
            stripeRequirementsDue: r.stripeRequirementsDue ?? [],
            stripeDisabledReason: r.stripeDisabledReason,
          },
  };
}
