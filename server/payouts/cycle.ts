// One payout cycle. Money leaves a mentor's balance in the same database transaction that
// creates the PENDING payout; the Stripe transfer is made after that commit, with the payout id
// as idempotency key, and its outcome is recorded in a second transaction:
//   success             -> PAID (+ payoutProcessed email)
//   permanent refusal   -> FAILED, amount back on the balance (+ payoutFailed email)
//   "not yet"           -> stays PENDING, no email (balance_insufficient: the charges funding it
//                          have not settled); the next cycle tries again under a new key
// Payouts are tied to the money that funds them: a run first reads the platform's available
// balance at Stripe (captured charges count once settled) and transfers only what it covers, in
// order (earlier runs' payouts first); a payout it does not cover is "not yet" without asking
// Stripe. Stripe's own balance_insufficient (another instance's run spent it first) is the same.
//   transient / unknown -> stays PENDING; the next cycle finishes it
// Each cycle first finishes PENDING payouts left by earlier runs (crashes, timeouts): it claims
// one with a lease (conditional update), looks the transfer up at Stripe by transfer_group and
// makes it (same idempotency key) only when Stripe has none. A mentor has at most one PENDING
// payout (partial unique index), so concurrent cycles never pay a balance twice.
// Within a run, payouts are worked on concurrently and every Stripe call is paced to
// PAYOUT_TRANSFERS_PER_SECOND (rate-limiter.ts); a call turned away with 429 is backed off
// and retried in the same run. A progress line is logged every few seconds.
import { recordPayoutEvent } from "../webhooks/outbox.ts";
import type { Payout } from "../generated/prisma/client.ts";
import type { Services } from "../services.ts";
import { publishViewerChange } from "../pubsub.ts";
import type { Tx } from "../db/client.ts";
import { formatMoney } from "../shared/money.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { mentorAccount } from "../ledger/ledger.ts";
import { recordPartialPayoutReversal, recordPayout, recordPayoutReversal } from "../ledger/movements.ts";
import { queueEmail } from "../email/outbox.ts";
import { payoutTemplates } from "../email/templates.ts";
import { TransferError, type PayoutGateway } from "../ports/payout-gateway.ts";
import { createRateLimiter, type RateLimiter } from "./rate-limiter.ts";
import { plainTransferFailure } from "./transfer-errors.ts";
import { errorFields, logger } from "../log.ts";

/** How long a run holds a payout it works on; longer than the Stripe SDK's worst case (3 x 15 s). */
export const CLAIM_LEASE_MS = 5 * 60_000;

/** Attempts of one provider call turned away with 429 before the payout is left for the next run. */
export const RATE_LIMITED_ATTEMPTS = 8;
const MAX_BACKOFF_MS = 8_000;

export interface PayoutCycleOptions {
  /** Report what would be paid; change nothing and call no provider. */
  dryRun?: boolean;
  log?: (line: string) => void;
  /** Test seam: runs right after the provider accepted a transfer, before it is recorded. */
  afterTransfer?: (payout: Payout) => void | Promise<void>;
  /** A progress line every this many ms (default 5 s). */
  progressEveryMs?: number;
  /** First wait after a 429 without Retry-After, doubled per attempt up to 8 s (default 500 ms). */
  backoffBaseMs?: number;
}

export interface PayoutCycleSummary {
  /** Payouts that became PAID in this cycle (left-over ones included). */
  paid: number;
  failed: number;
  /** Mentors not paid this time: in flight in another run, balance changed, still pending at Stripe. */
  skipped: number;
  /** Payouts left PENDING after a transient failure; the next cycle finishes them. */
  pending: number;
  /** Payouts Stripe answered "not yet" (the charges funding them have not settled): PENDING, retried next cycle. */
  deferred: number;
  /** Payouts whose outcome this run does not know: left PENDING, or held by another run's lease. */
  unknown: { payoutId: string; mentor: string; amount: string; why: string }[];
  /** Cents paid in this cycle (dry run: cents that would be paid). */
  totalCents: number;
  dryRun: boolean;
}

type Outcome = "paid" | "failed" | "pending" | "deferred";

const earningsUrl = (services: Services) => `${services.env.publicUrl}/earnings`;
const money = (p: { amountCents: number; currency: string }) => formatMoney({ amountCents: p.amountCents, currency: p.currency });

/** PENDING -> PAID, once; queues payoutProcessed in the same transaction. False if it was not PENDING. */
export async function markPayoutPaid(services: Services, payoutId: string, transferId: string): Promise<boolean> {
  return services.db.$transaction(async (tx) => {
    const updated = await tx.payout.updateMany({
      where: { id: payoutId, status: "PENDING" },
      data: {
        status: "PAID",
        stripeTransferId: transferId,
        paidAt: new Date(),
        claimedUntil: null,
        failureReason: null,
        deferredReason: null,
      },
    });
    if (updated.count === 0) return false;
    const payout = await tx.payout.findUniqueOrThrow({ where: { id: payoutId }, include: { mentor: true } });
    await recordPayoutEvent(tx, "payout.paid", payout);
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
  /** Stripe reversed the transfer in full: Payout.reversedCents becomes the whole amount. */
  transferReversed = false,
): Promise<boolean> {
  return services.db.$transaction(async (tx: Tx) => {
    const updated = await tx.payout.updateMany({
      where: { id: payoutId, status: from },
      data: { status: "FAILED", failureReason: reason.slice(0, 500), failedAt: new Date(), claimedUntil: null },
    });
    if (updated.count === 0) return false;
    let payout = await tx.payout.findUniqueOrThrow({ where: { id: payoutId }, include: { mentor: true } });
    // Returns what earlier partial reversals did not (amount less reversedCents so far).
    await recordPayoutReversal(tx, payout);
    if (transferReversed) {
      payout = await tx.payout.update({ where: { id: payoutId }, data: { reversedCents: payout.amountCents }, include: { mentor: true } });
    }
    await recordPayoutEvent(tx, "payout.failed", payout);
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
  const applied = await services.db.$transaction(async (tx: Tx) => {
    const rows = await tx.$queryRaw<Array<{ reversedCents: number; amountCents: number; status: string }>>`
      SELECT "reversedCents", "amountCents", "status"::text AS status FROM "Payout" WHERE "id" = ${payoutId}::uuid FOR UPDATE`;
    const row = rows[0];
    if (!row || row.status === "FAILED" || cumulativeCents <= row.reversedCents || cumulativeCents >= row.amountCents) return null;
    const payout = await tx.payout.update({ where: { id: payoutId }, data: { reversedCents: cumulativeCents } });
    await recordPartialPayoutReversal(tx, payout, { previousCents: row.reversedCents, cumulativeCents });
    return row;
  });
  if (!applied) return false;
  logger.warn(
    {
      payoutId,
      reversedCents: cumulativeCents,
      amountCents: applied.amountCents,
      backOnBalanceCents: cumulativeCents - applied.reversedCents,
    },
    "payout partly reversed by Stripe: the reversed cents are back on the mentor's balance",
  );
  return true;
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

/**
 * The share of PAYOUT_TRANSFERS_PER_SECOND actually used. Calls are paced by when they start
 * here, the provider counts when they arrive: network and event-loop jitter bunch a few
 * together, and at exactly the limit some arrive as the 26th of a second and are turned away.
 * Each 429 holds every caller off for a backoff (a quarter to half a second at first), which
 * cost far more than the few percent kept in reserve here (the bench measured 21 refusals and
 * 1.3x the floor at the full rate).
 */
export const PACE_SHARE = 0.95;

/**
 * One pace per provider and process, shared by concurrent runs in it: Stripe's limit is per
 * account, so two runs in one process must not each take the whole rate. (Instances do not
 * share it; a 429 from their sum is backed off and retried.) The simulator is not paced.
 */
const limiters = new WeakMap<PayoutGateway, { configured: number; limiter: RateLimiter }>();
function limiterFor(services: Services): RateLimiter | undefined {
  if (services.payouts.mode !== "stripe") return undefined;
  const configured = services.env.payoutTransfersPerSecond;
  let pace = limiters.get(services.payouts);
  if (!pace || pace.configured !== configured) {
    pace = { configured, limiter: createRateLimiter(configured * PACE_SHARE) };
    limiters.set(services.payouts, pace);
  }
  return pace.limiter;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface RunState {
  limiter: RateLimiter | undefined;
  backoffBaseMs: number;
  /** Requests turned away with 429 in this run (each retried or, after the last attempt, left pending). */
  rateLimited: number;
  /**
   * What the platform's available balance can still fund in this run, per currency: read once at
   * the start, less each transfer this run makes. Null: not limited (the simulator, or the
   * balance could not be read; Stripe then answers "not yet" itself).
   */
  funds: Map<string, number> | null;
}

/** The platform's available balance at the provider, or null (not limited, or unreadable: logged). */
async function readFunds(services: Services, log: (line: string) => void): Promise<Map<string, number> | null> {
  try {
    const funds = await services.payouts.availableBalance();
    if (funds)
      log(
        `available to transfer: ${[...funds].map(([currency, cents]) => money({ amountCents: cents, currency })).join(", ") || "nothing"}`,
      );
    return funds;
  } catch (error) {
    logger.warn({ ...errorFields(error) }, "payouts: the platform's available balance could not be read; Stripe decides what it can fund");
    return null;
  }
}

/**
 * Takes the payout's amount from what this run can still fund; false when the rest does not
 * cover it. Synchronous, so of the run's concurrent workers each reserves from what the others left.
 */
function reserveFunds(run: RunState, payout: Pick<Payout, "amountCents" | "currency">): boolean {
  if (!run.funds) return true;
  const left = run.funds.get(payout.currency) ?? 0;
  if (left < payout.amountCents) return false;
  run.funds.set(payout.currency, left - payout.amountCents);
  return true;
}

/** Gives back a reservation whose transfer the provider refused (nothing left the balance). */
function returnFunds(run: RunState, payout: Pick<Payout, "amountCents" | "currency">): void {
  if (run.funds) run.funds.set(payout.currency, (run.funds.get(payout.currency) ?? 0) + payout.amountCents);
}

/**
 * "Not yet": the payout stays PENDING, unclaimed, with the reason in plain words and no email; the
 * next run looks the transfer up and tries again under the key <id>:<deferrals>.
 */
async function deferPayout(
  services: Services,
  payout: Payout,
  code: string,
  why: string,
  options: PayoutCycleOptions,
): Promise<"deferred"> {
  await services.db.payout.updateMany({
    where: { id: payout.id, status: "PENDING" },
    data: { claimedUntil: null, deferrals: { increment: 1 }, deferredReason: plainTransferFailure(code) },
  });
  logger.info({ payoutId: payout.id, code }, `payout ${payout.id}: ${why}; retried next run`);
  options.log?.(`  payout ${payout.id}: waiting for funds (${why}); it stays pending and is retried next run`);
  return "deferred";
}

/**
 * A provider call within the pace. A 429 means the request was turned away unprocessed: every
 * caller holds off (Retry-After when given, else exponential backoff with jitter) and this one
 * tries again, up to RATE_LIMITED_ATTEMPTS times; the idempotency key makes a repeat harmless.
 */
async function paced<T>(run: RunState, call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    await run.limiter?.take();
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof TransferError) || !error.rateLimited || attempt >= RATE_LIMITED_ATTEMPTS) throw error;
      run.rateLimited += 1;
      const wait = error.retryAfterMs ?? Math.min(MAX_BACKOFF_MS, run.backoffBaseMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
      run.limiter?.holdOff(wait);
      await sleep(wait);
    }
  }
}

/** Makes (or finds) the transfer of a claimed PENDING payout and records the outcome. */
async function settle(
  services: Services,
  run: RunState,
  payout: Payout,
  options: PayoutCycleOptions,
  lookUpFirst: boolean,
): Promise<Outcome> {
  let transferId: string;
  let reserved = false;
  try {
    const existing = lookUpFirst ? await paced(run, () => services.payouts.findTransfer(payout.id)) : null;
    if (existing) transferId = existing.transferId;
    else {
      // Only what the available balance covers is transferred: the rest waits for charges to settle.
      if (!reserveFunds(run, payout)) {
        return await deferPayout(
          services,
          payout,
          "balance_insufficient",
          "the platform's available balance does not cover it yet",
          options,
        );
      }
      reserved = true;
      transferId = (
        await paced(run, () =>
          services.payouts.createTransfer({
            payoutId: payout.id,
            amountCents: payout.amountCents,
            currency: payout.currency,
            destination: payout.stripeAccountId,
            deferrals: payout.deferrals,
          }),
        )
      ).transferId;
    }
  } catch (error) {
    if (!(error instanceof TransferError)) throw error;
    if (error.notYet) {
      // Not a failure: the money is on its way to the platform's balance (another run, or a
      // refund, took what this run counted on). No email; next run again.
      return deferPayout(services, payout, error.code ?? "balance_insufficient", `Stripe says not yet (${error.message})`, options);
    }
    if (error.permanent) {
      if (reserved) returnFunds(run, payout);
      logger.warn({ payoutId: payout.id, code: error.code }, `payout ${payout.id}: Stripe refused the transfer: ${error.message}`);
      await failPayout(services, payout.id, plainTransferFailure(error.code));
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

/** Runs `work` over `items` with at most `workers` at once; the first error stops new work and is rethrown once the others finish. */
async function inParallel<T>(items: T[], workers: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, items.length) }, worker));
  if (failure) throw failure.error;
}

/**
 * Payouts in flight at once: enough to keep the pace with a slow provider (a second of
 * latency at the full rate), bounded so a high rate does not exhaust the database pool.
 */
export const concurrencyFor = (perSecond: number) => Math.min(64, Math.max(2, Math.ceil(perSecond)));

export async function runPayoutCycle(services: Services, options: PayoutCycleOptions = {}): Promise<PayoutCycleSummary> {
  const log = options.log ?? (() => undefined);
  const summary: PayoutCycleSummary = {
    paid: 0,
    failed: 0,
    skipped: 0,
    pending: 0,
    deferred: 0,
    unknown: [],
    totalCents: 0,
    dryRun: options.dryRun === true,
  };
  const run: RunState = { limiter: limiterFor(services), backoffBaseMs: options.backoffBaseMs ?? 500, rateLimited: 0, funds: null };
  const workers = concurrencyFor(services.env.payoutTransfersPerSecond);
  const progress = { phase: "pending payouts", done: 0, total: 0, started: Date.now() };
  const count = (outcome: Outcome, payout: Payout) => {
    summary[outcome] += 1;
    if (outcome === "paid") summary.totalCents += payout.amountCents;
    if (outcome === "pending")
      summary.unknown.push({
        payoutId: payout.id,
        mentor: payout.mentorId,
        amount: money(payout),
        why: "transfer not confirmed by Stripe",
      });
    if (outcome === "paid" || outcome === "failed") publishViewerChange(services, "EARNINGS", payout.mentorId); // open Earnings pages update
  };
  const ticker = options.dryRun
    ? undefined
    : setInterval(() => {
        const seconds = (Date.now() - progress.started) / 1000;
        const settled = summary.paid + summary.failed + summary.pending;
        log(
          `progress: ${progress.phase} ${progress.done}/${progress.total}; paid ${summary.paid}, failed ${summary.failed}, ` +
            `pending ${summary.pending}, skipped ${summary.skipped}; ${(settled / Math.max(seconds, 0.001)).toFixed(1)} payouts/s; ` +
            `${run.rateLimited} rate-limited request(s) retried`,
        );
      }, options.progressEveryMs ?? 5_000);
  ticker?.unref();

  try {
    // What the platform's available balance can fund in this run (older payouts take it first).
    if (!options.dryRun) run.funds = await readFunds(services, log);
    // 1. Finish what earlier runs left PENDING.
    const leftOver = await services.db.payout.findMany({
      where: { status: "PENDING" },
      include: { mentor: { select: { email: true } } },
      orderBy: { createdAt: "asc" },
    });
    progress.total = leftOver.length;
    if (options.dryRun) {
      for (const { mentor, ...row } of leftOver) log(`${mentor.email}: payout ${row.id} of ${money(row)} is pending; a run will finish it`);
    } else {
      await inParallel(leftOver, workers, async ({ mentor, ...row }) => {
        const payout = await claim(services, row.id);
        if (!payout) {
          // Held by another run's lease: this run cannot say whether it will be paid.
          const now = await services.db.payout.findUnique({ where: { id: row.id }, select: { status: true, claimedUntil: true } });
          summary.skipped += 1;
          progress.done += 1;
          if (now?.status === "PENDING") {
            summary.unknown.push({
              payoutId: row.id,
              mentor: mentor.email,
              amount: money(row),
              why: `being made by another run (its lease ends ${now.claimedUntil?.toISOString() ?? "now"})`,
            });
          }
          log(`${mentor.email}: payout ${row.id} of ${money(row)} is being worked on by another run; skipped`);
          return;
        }
        const outcome = await settle(services, run, payout, options, true);
        count(outcome, payout);
        progress.done += 1;
        log(`${mentor.email}: earlier payout ${payout.id} of ${money(payout)} ${outcome}`);
      });
    }

    // 2. Pay every mentor at or above the minimum.
    const due = await candidates(services);
    Object.assign(progress, { phase: "mentors", done: 0, total: due.length });
    if (options.dryRun) {
      for (const candidate of due) {
        summary.totalCents += candidate.balanceCents;
        summary.paid += 1;
        log(`${candidate.email}: would pay ${money({ amountCents: candidate.balanceCents, currency: candidate.currency })}`);
      }
      return summary;
    }
    await inParallel(due, workers, async (candidate) => {
      const payout = await openPayout(services, candidate.mentorId);
      if (!payout) {
        summary.skipped += 1;
        progress.done += 1;
        log(`${candidate.email}: nothing to pay now (in flight elsewhere or balance changed); skipped`);
        return;
      }
      const outcome = await settle(services, run, payout, options, false);
      count(outcome, payout);
      progress.done += 1;
      log(`${candidate.email}: payout of ${money(payout)} ${outcome}`);
    });
    if (run.rateLimited > 0) log(`${run.rateLimited} request(s) turned away by the provider's rate limit were retried`);
    return summary;
  } finally {
    if (ticker) clearInterval(ticker);
  }
}

export function describeSummary(s: PayoutCycleSummary): string {
  const total = formatMoney({ amountCents: s.totalCents, currency: "usd" });
  return s.dryRun
    ? `dry run: would pay ${s.paid} mentor(s) ${total}`
    : `paid ${s.paid} (${total}), failed ${s.failed}, skipped ${s.skipped}, still pending ${s.pending}, waiting for funds ${s.deferred}` +
        (s.unknown.length
          ? `\noutcome unknown for ${s.unknown.length} payout(s):\n${s.unknown.map((u) => `  payout ${u.payoutId} (${u.mentor}, ${u.amount}): ${u.why}`).join("\n")}`
          : "");
}
