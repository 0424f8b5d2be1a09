// One payout cycle. Money leaves a mentor's balance in the same database transaction that
// creates the PENDING payout; the Stripe transfer is made after that commit, with the payout id
// as idempotency key, and its outcome is recorded in a second transaction:
//   success             -> PAID (+ payoutProcessed email)
//   permanent refusal   -> FAILED, amount back on the balance (+ payoutFailed email)
//   transient / unknown -> stays PENDING; the next cycle finishes it
// Each cycle first finishes PENDING payouts left by earlier runs (crashes, timeouts): it claims
// one with a lease (conditional update), looks the transfer up at Stripe by transfer_group and
// makes it (same idempotency key) only when Stripe has none. A mentor has at most one PENDING
// payout (partial unique index), so concurrent cycles never pay a balance twice.
import type { Payout } from "../generated/prisma/client.ts";
import type { Services } from "../services.ts";
import { publishViewerChange } from "../pubsub.ts";
import type { Tx } from "../domain/transition-booking.ts";
import { formatMoney } from "../domain/money.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { mentorAccount } from "../ledger/ledger.ts";
import { recordPartialPayoutReversal, recordPayout, recordPayoutReversal } from "../ledger/movements.ts";
import { queueEmail } from "../email/outbox.ts";
import { payoutTemplates } from "../email/templates.ts";
import { TransferError } from "../payments/payout-gateway.ts";

/** How long a run holds a payout it works on; longer than the Stripe SDK's worst case (3 x 15 s). */
export const CLAIM_LEASE_MS = 5 * 60_000;

export interface PayoutCycleOptions {
  /** Report what would be paid; change nothing and call no provider. */
  dryRun?: boolean;
  log?: (line: string) => void;
  /** Test seam: runs right after the provider accepted a transfer, before it is recorded. */
  afterTransfer?: (payout: Payout) => void | Promise<void>;
}

export interface PayoutCycleSummary {
  /** Payouts that became PAID in this cycle (left-over ones included). */
  paid: number;
  failed: number;
  /** Mentors not paid this time: in flight in another run, balance changed, still pending at Stripe. */
  skipped: number;
  /** Payouts left PENDING after a transient failure; the next cycle finishes them. */
  pending: number;
  /** Cents paid in this cycle (dry run: cents that would be paid). */
  totalCents: number;
  dryRun: boolean;
}

type Outcome = "paid" | "failed" | "pending";

const earningsUrl = (services: Services) => `${services.env.publicUrl}/earnings`;
const money = (p: { amountCents: number; currency: string }) => formatMoney({ amountCents: p.amountCents, currency: p.currency });

/** PENDING -> PAID, once; queues payoutProcessed in the same transaction. False if it was not PENDING. */
export async function markPayoutPaid(services: Services, payoutId: string, transferId: string): Promise<boolean> {
  return services.db.$transaction(async (tx) => {
    const updated = await tx.payout.updateMany({
      where: { id: payoutId, status: "PENDING" },
      data: { status: "PAID", stripeTransferId: transferId, paidAt: new Date(), claimedUntil: null, failureReason: null },
    });
    if (updated.count === 0) return false;
    const payout = await tx.payout.findUniqueOrThrow({ where: { id: payoutId }, include: { mentor: true } });
    await queueEmail(
      tx,
      payout.mentor.email,
      `payout-processed:${payout.id}`,
      payoutTemplates.payoutProcessed({
        mentorName: payout.mentor.name,
        amountCents: payout.amountCents,
        currency: payout.currency,
        earningsUrl: earningsUrl(services),
      }),
    );
    return true;
  });
}

/**
 * A payout that did not reach the mentor (refused transfer, or a transfer reversed later):
 * FAILED with the reason, the amount back on the balance and payoutFailed queued, in one
 * transaction and only once. `from` is the status it must still have.
 */
export async function failPayout(
  services: Services,
  payoutId: string,
  reason: string,
  from: "PENDING" | "PAID" = "PENDING",
): Promise<boolean> {
  return services.db.$transaction(async (tx: Tx) => {
    const updated = await tx.payout.updateMany({
      where: { id: payoutId, status: from },
      data: { status: "FAILED", failureReason: reason.slice(0, 500), failedAt: new Date(), claimedUntil: null },
    });
    if (updated.count === 0) return false;
    const payout = await tx.payout.findUniqueOrThrow({ where: { id: payoutId }, include: { mentor: true } });
    await recordPayoutReversal(tx, payout);
    await queueEmail(
      tx,
      payout.mentor.email,
      `payout-failed:${payout.id}`,
      payoutTemplates.payoutFailed({
        mentorName: payout.mentor.name,
        amountCents: payout.amountCents,
        currency: payout.currency,
        earningsUrl: earningsUrl(services),
        failureReason: reason,
      }),
    );
    return true;
  });
}

/**
 * Stripe reversed part of a payout's transfer (`cumulativeCents`: the transfer's amount_reversed,
 * less than its amount). The newly reversed cents go back on the mentor's balance and onto
 * Payout.reversedCents, in one transaction that locks the payout: each step is posted once
 * whatever the order or number of deliveries (an older, smaller amount changes nothing). The
 * payout keeps its status; a full reversal later fails it and returns only the rest.
 */
export async function applyPartialReversal(services: Services, payoutId: string, cumulativeCents: number): Promise<boolean> {
  return services.db.$transaction(async (tx: Tx) => {
    const rows = await tx.$queryRaw<Array<{ reversedCents: number; amountCents: number; status: string }>>`
      SELECT "reversedCents", "amountCents", "status"::text AS status FROM "Payout" WHERE "id" = ${payoutId}::uuid FOR UPDATE`;
    const row = rows[0];
    if (!row || row.status === "FAILED" || cumulativeCents <= row.reversedCents || cumulativeCents >= row.amountCents) return false;
    const payout = await tx.payout.update({ where: { id: payoutId }, data: { reversedCents: cumulativeCents } });
    await recordPartialPayoutReversal(tx, payout, { previousCents: row.reversedCents, cumulativeCents });
    console.warn(
      `payout ${payoutId}: Stripe reversed ${cumulativeCents} of its ${row.amountCents} cents; ${cumulativeCents - row.reversedCents} back on the balance`,
    );
    return true;
  });
}

/** Takes a PENDING payout for this run unless another run holds it. */
async function claim(services: Services, payoutId: string): Promise<Payout | null> {
  const now = new Date();
  const claimed = await services.db.payout.updateMany({
    where: { id: payoutId, status: "PENDING", OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
    data: { claimedUntil: new Date(now.getTime() + CLAIM_LEASE_MS), attempts: { increment: 1 } },
  });
  return claimed.count === 1 ? services.db.payout.findUnique({ where: { id: payoutId } }) : null;
}

/** Makes (or finds) the transfer of a claimed PENDING payout and records the outcome. */
async function settle(services: Services, payout: Payout, options: PayoutCycleOptions, lookUpFirst: boolean): Promise<Outcome> {
  let transferId: string;
  try {
    const existing = lookUpFirst ? await services.payouts.findTransfer(payout.id) : null;
    transferId =
      existing?.transferId ??
      (
        await services.payouts.createTransfer({
          payoutId: payout.id,
          amountCents: payout.amountCents,
          currency: payout.currency,
          destination: payout.stripeAccountId,
        })
      ).transferId;
  } catch (error) {
    if (!(error instanceof TransferError)) throw error;
    if (error.permanent) {
      await failPayout(services, payout.id, error.message);
      return "failed";
    }
    // Unknown outcome: keep it PENDING and let the next run (or the transfer.created webhook) finish it.
    await services.db.payout.updateMany({ where: { id: payout.id, status: "PENDING" }, data: { claimedUntil: null } });
    options.log?.(`  payout ${payout.id}: transfer not confirmed (${error.message}); it stays pending and is retried next run`);
    return "pending";
  }
  await options.afterTransfer?.(payout);
  if (await markPayoutPaid(services, payout.id, transferId)) return "paid";
  // Someone else settled it meanwhile: transfer.created (PAID) or a reversal (FAILED). Report what it is.
  const now = await services.db.payout.findUniqueOrThrow({ where: { id: payout.id }, select: { status: true } });
  return now.status === "PAID" ? "paid" : now.status === "FAILED" ? "failed" : "pending";
}

interface Candidate {
  mentorId: string;
  name: string;
  email: string;
  balanceCents: number;
  currency: string;
}

/** Mentors with payouts enabled, a connected account and at least the minimum on their balance. */
async function candidates(services: Services): Promise<Candidate[]> {
  const accounts = await services.db.ledgerAccount.findMany({
    where: {
      mentorId: { not: null },
      balanceCents: { gte: services.env.payoutMinimumCents },
      mentor: { mentorProfile: { payoutsEnabled: true, stripeAccountId: { not: null } } },
    },
    select: { mentorId: true, balanceCents: true, currency: true, mentor: { select: { name: true, email: true } } },
    orderBy: { code: "asc" },
  });
  return accounts.map((a) => ({
    mentorId: a.mentorId!,
    name: a.mentor!.name,
    email: a.mentor!.email,
    balanceCents: Number(a.balanceCents),
    currency: a.currency,
  }));
}

/**
 * In one transaction: locks the mentor's ledger account, re-reads the balance and, if it is
 * still at least the minimum and nothing is in flight, creates the PENDING payout for all of it
 * and takes it off the balance. Null when there is nothing to pay (or another run got there first).
 */
async function openPayout(services: Services, mentorId: string): Promise<Payout | null> {
  try {
    return await services.db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<Array<{ balanceCents: bigint; currency: string }>>`
        SELECT "balanceCents", "currency" FROM "LedgerAccount" WHERE "code" = ${mentorAccount(mentorId)} FOR UPDATE`;
      const balance = rows[0] ? Number(rows[0].balanceCents) : 0;
      if (balance < services.env.payoutMinimumCents) return null;
      const profile = await tx.mentorProfile.findUnique({ where: { userId: mentorId } });
      if (!profile?.payoutsEnabled || !profile.stripeAccountId) return null;
      if (await tx.payout.findFirst({ where: { mentorId, status: "PENDING" }, select: { id: true } })) return null;
      const payout = await tx.payout.create({
        data: {
          mentorId,
          amountCents: balance,
          currency: rows[0]!.currency,
          stripeAccountId: profile.stripeAccountId,
          status: "PENDING",
          attempts: 1,
          claimedUntil: new Date(Date.now() + CLAIM_LEASE_MS),
        },
      });
      await recordPayout(tx, payout);
      return payout;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return null; // a concurrent run opened this mentor's payout
    throw error;
  }
}

export async function runPayoutCycle(services: Services, options: PayoutCycleOptions = {}): Promise<PayoutCycleSummary> {
  const log = options.log ?? (() => undefined);
  const summary: PayoutCycleSummary = { paid: 0, failed: 0, skipped: 0, pending: 0, totalCents: 0, dryRun: options.dryRun === true };
  const count = (outcome: Outcome, payout: Payout) => {
    summary[outcome] += 1;
    if (outcome === "paid") summary.totalCents += payout.amountCents;
    if (outcome !== "pending") publishViewerChange(services, "EARNINGS", payout.mentorId); // open Earnings pages update
  };

  // 1. Finish what earlier runs left PENDING.
  const leftOver = await services.db.payout.findMany({
    where: { status: "PENDING" },
    include: { mentor: { select: { email: true } } },
    orderBy: { createdAt: "asc" },
  });
  for (const { mentor, ...row } of leftOver) {
    if (options.dryRun) {
      log(`${mentor.email}: payout ${row.id} of ${money(row)} is pending; a run will finish it`);
      continue;
    }
    const payout = await claim(services, row.id);
    if (!payout) {
      summary.skipped += 1;
      log(`${mentor.email}: payout ${row.id} of ${money(row)} is being worked on by another run; skipped`);
      continue;
    }
    const outcome = await settle(services, payout, options, true);
    count(outcome, payout);
    log(`${mentor.email}: earlier payout ${payout.id} of ${money(payout)} ${outcome}`);
  }

  // 2. Pay every mentor at or above the minimum.
  for (const candidate of await candidates(services)) {
    const amount = money({ amountCents: candidate.balanceCents, currency: candidate.currency });
    if (options.dryRun) {
      summary.totalCents += candidate.balanceCents;
      summary.paid += 1;
      log(`${candidate.email}: would pay ${amount}`);
      continue;
    }
    const payout = await openPayout(services, candidate.mentorId);
    if (!payout) {
      summary.skipped += 1;
      log(`${candidate.email}: nothing to pay now (in flight elsewhere or balance changed); skipped`);
      continue;
    }
    const outcome = await settle(services, payout, options, false);
    count(outcome, payout);
    log(`${candidate.email}: payout of ${money(payout)} ${outcome}`);
  }
  return summary;
}

export function describeSummary(s: PayoutCycleSummary): string {
  const total = formatMoney({ amountCents: s.totalCents, currency: "usd" });
  return s.dryRun
    ? `dry run: would pay ${s.paid} mentor(s) ${total}`
    : `paid ${s.paid} (${total}), failed ${s.failed}, skipped ${s.skipped}, still pending ${s.pending}`;
}
