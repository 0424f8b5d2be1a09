// The double-entry ledger: every movement of money is one balanced, append-only transaction
// with a unique idempotency key, posted inside the database transaction of the change that
// causes it. Accounts keep a running balance in their normal direction that a CHECK
// constraint keeps at zero or above, so a posting that would overdraw an account fails and
// takes the whole change with it. Triggers (see the "money" migration) reject edits and
// deletes of recorded entries and any transaction whose debits and credits differ.
//
// Accounts:
//   platform:stripe-balance   DEBIT   money the platform holds at Stripe
//   platform:held-payments    CREDIT  mentees' payments for sessions not yet completed or refunded
//   platform:fees             CREDIT  the platform's share of completed sessions
//   platform:dispute-losses   DEBIT   what card disputes cost the platform: charges Stripe took
//                                     back less what was recovered from the earning and the fee,
//                                     plus Stripe's dispute fees
//   mentor:<userId>           CREDIT  what the platform owes a mentor and may pay out (their
//                                     available balance; the only account payouts read)
//   mentor-held:<userId>      CREDIT  completed sessions' earnings in the completion window
//                                     (COMPLETION_HOLD_HOURS) or waiting for an admin after a
//                                     reported problem; released to mentor:<userId>
//   mentor-frozen:<userId>    CREDIT  earnings frozen by an open card dispute
//   mentor-owed:<userId>      DEBIT   what a mentor owes the platform: a disputed earning that was
//                                     already paid out; the next releases repay it first
import type { LedgerSide, LedgerTransactionKind } from "../generated/prisma/client.ts";
import type { Db } from "../db/client.ts";
import type { Tx } from "../db/client.ts";
import { assertCents } from "../shared/money.ts";

export const PLATFORM_ACCOUNTS = {
  stripeBalance: "platform:stripe-balance",
  heldPayments: "platform:held-payments",
  fees: "platform:fees",
  disputeLosses: "platform:dispute-losses",
} as const;

/** The mentor's available balance: what payouts pay. */
export function mentorAccount(mentorId: string): string {
  return `mentor:${mentorId}`;
}

/** The mentor's earnings still in the completion window (or waiting for an admin). */
export function mentorHeldAccount(mentorId: string): string {
  return `mentor-held:${mentorId}`;
}

/** The mentor's earnings frozen by open card disputes. */
export function mentorFrozenAccount(mentorId: string): string {
  return `mentor-frozen:${mentorId}`;
}

/** What the mentor owes the platform (a disputed earning already paid out). */
export function mentorOwedAccount(mentorId: string): string {
  return `mentor-owed:${mentorId}`;
}

/** Assets and costs are DEBIT accounts; what the platform owes (or holds for someone) is CREDIT. */
function normalSide(code: string): LedgerSide {
  return code === PLATFORM_ACCOUNTS.stripeBalance || code === PLATFORM_ACCOUNTS.disputeLosses || code.startsWith("mentor-owed:")
    ? "DEBIT"
    : "CREDIT";
}

export interface Posting {
  account: string;
  side: LedgerSide;
  amountCents: number;
}

export interface LedgerTransactionInput {
  /** Unique per movement of money: posting the same key again records nothing. */
  idempotencyKey: string;
  kind: LedgerTransactionKind;
  currency: string;
  description: string;
  bookingId?: string;
  payoutId?: string;
  refundId?: string;
  postings: Posting[];
}

/** A posting would take an account below zero. */
export class InsufficientBalanceError extends Error {
  override name = "InsufficientBalanceError";
  constructor(readonly account: string) {
    super(`ledger account ${account} cannot go below zero`);
  }
}

function checkBalanced(input: LedgerTransactionInput): void {
  if (input.postings.length < 2) throw new Error(`ledger transaction ${input.idempotencyKey} needs two postings`);
  let debits = 0;
  let credits = 0;
  for (const posting of input.postings) {
    assertCents(posting.amountCents);
    if (posting.amountCents <= 0) throw new RangeError(`ledger amounts are positive cents: ${posting.amountCents}`);
    if (posting.side === "DEBIT") debits += posting.amountCents;
    else credits += posting.amountCents;
  }
  if (debits !== credits) {
    throw new Error(`ledger transaction ${input.idempotencyKey} does not balance: ${debits} debit, ${credits} credit`);
  }
}

/** SQLSTATE 23514 as reported by either driver adapter, for raw queries and model queries. */
function isCheckViolation(error: unknown): boolean {
  const e = error as {
    cause?: { code?: unknown; originalCode?: unknown };
    meta?: { driverAdapterError?: { cause?: { code?: unknown } } };
  };
  return [e.cause?.code, e.cause?.originalCode, e.meta?.driverAdapterError?.cause?.code].includes("23514");
}

/**
 * Posts one balanced transaction. Returns false (and changes nothing) when a transaction with
 * this idempotency key was already recorded; a concurrent poster of the same key waits for
 * the first to commit, then sees it.
 */
export async function postLedgerTransaction(tx: Tx, input: LedgerTransactionInput): Promise<boolean> {
  checkBalanced(input);
  const inserted = await tx.$queryRaw<Array<{ id: string }>>`
    INSERT INTO "LedgerTransaction" ("id", "idempotencyKey", "kind", "currency", "description", "bookingId", "payoutId", "refundId")
    VALUES (gen_random_uuid(), ${input.idempotencyKey}, ${input.kind}::"LedgerTransactionKind", ${input.currency},
            ${input.description}, ${input.bookingId ?? null}::uuid, ${input.payoutId ?? null}::uuid, ${input.refundId ?? null}::uuid)
    ON CONFLICT ("idempotencyKey") DO NOTHING
    RETURNING "id"`;
  const transactionId = inserted[0]?.id;
  if (!transactionId) return false;

  // Net change per account, applied in code order so that concurrent postings never deadlock.
  const deltas = new Map<string, number>();
  for (const { account, side, amountCents } of input.postings) {
    const signed = side === normalSide(account) ? amountCents : -amountCents;
    deltas.set(account, (deltas.get(account) ?? 0) + signed);
  }
  const accountIds = new Map<string, string>();
  for (const code of [...deltas.keys()].sort()) {
    const mentorId = code.startsWith("mentor:") ? code.slice("mentor:".length) : null;
    await tx.$executeRaw`
      INSERT INTO "LedgerAccount" ("id", "code", "normalSide", "mentorId", "currency", "updatedAt")
      VALUES (gen_random_uuid(), ${code}, ${normalSide(code)}::"LedgerSide", ${mentorId}::uuid, ${input.currency}, now())
      ON CONFLICT ("code") DO NOTHING`;
    let rows: Array<{ id: string }>;
    try {
      rows = await tx.$queryRaw<Array<{ id: string }>>`
        UPDATE "LedgerAccount" SET "balanceCents" = "balanceCents" + ${deltas.get(code)!}::bigint, "updatedAt" = now()
        WHERE "code" = ${code} RETURNING "id"`;
    } catch (error) {
      if (isCheckViolation(error)) throw new InsufficientBalanceError(code);
      throw error;
    }
    accountIds.set(code, rows[0]!.id);
  }
  await tx.ledgerEntry.createMany({
    data: input.postings.map((posting) => ({
      transactionId,
      accountId: accountIds.get(posting.account)!,
      side: posting.side,
      amountCents: posting.amountCents,
    })),
  });
  return true;
}

/**
 * Locks a mentor's four accounts (frozen, held, owed, available; created empty when missing) for
 * the rest of the transaction, in code order, and returns their balances. Every transaction that
 * moves a mentor's earning between them takes this first, so two never wait on each other in
 * opposite orders, and what it read (the balance, the debt) stays true until it commits.
 */
export async function lockMentorAccounts(
  tx: Tx,
  mentorId: string,
  currency: string,
): Promise<{ frozen: number; held: number; owed: number; available: number }> {
  const codes = [mentorFrozenAccount(mentorId), mentorHeldAccount(mentorId), mentorOwedAccount(mentorId), mentorAccount(mentorId)];
  const balances = new Map<string, number>();
  // In the order postLedgerTransaction updates accounts (code order, as JavaScript sorts).
  for (const code of [...codes].sort()) {
    const owner = code.startsWith("mentor:") ? mentorId : null;
    await tx.$executeRaw`
      INSERT INTO "LedgerAccount" ("id", "code", "normalSide", "mentorId", "currency", "updatedAt")
      VALUES (gen_random_uuid(), ${code}, ${normalSide(code)}::"LedgerSide", ${owner}::uuid, ${currency}, now())
      ON CONFLICT ("code") DO NOTHING`;
    const rows = await tx.$queryRaw<Array<{ balance: bigint }>>`
      SELECT "balanceCents" AS balance FROM "LedgerAccount" WHERE "code" = ${code} FOR UPDATE`;
    balances.set(code, Number(rows[0]?.balance ?? 0));
  }
  const of = (code: string) => balances.get(code) ?? 0;
  return { frozen: of(codes[0]!), held: of(codes[1]!), owed: of(codes[2]!), available: of(codes[3]!) };
}

/** An account's balance in its normal direction (0 for an account with no postings yet). */
export async function accountBalance(db: Db | Tx, code: string): Promise<number> {
  const account = await db.ledgerAccount.findUnique({ where: { code }, select: { balanceCents: true } });
  return account ? Number(account.balanceCents) : 0;
}

/**
 * Debits minus credits over the whole ledger (always 0), and each account's balance as
 * recomputed from its entries next to the running balance: what an audit compares.
 */
export async function auditLedger(db: Db): Promise<{
  debitsMinusCredits: number;
  accounts: Array<{ code: string; balanceCents: number; fromEntriesCents: number }>;
}> {
  const rows = await db.$queryRaw<Array<{ code: string; balance: bigint; from_entries: bigint; net: bigint }>>`
    SELECT a."code", a."balanceCents" AS balance,
      COALESCE(SUM(CASE WHEN e."side" = a."normalSide" THEN e."amountCents" ELSE -e."amountCents" END), 0)::bigint AS from_entries,
      COALESCE(SUM(CASE WHEN e."side" = 'DEBIT' THEN e."amountCents" ELSE -e."amountCents" END), 0)::bigint AS net
    FROM "LedgerAccount" a LEFT JOIN "LedgerEntry" e ON e."accountId" = a."id"
    GROUP BY a."id", a."code", a."balanceCents" ORDER BY a."code"`;
  return {
    debitsMinusCredits: rows.reduce((sum, row) => sum + Number(row.net), 0),
    accounts: rows.map((row) => ({ code: row.code, balanceCents: Number(row.balance), fromEntriesCents: Number(row.from_entries) })),
  };
}
