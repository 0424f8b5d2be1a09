// The money invariants every money test checks after each path: the ledger balances (debits
// equal credits, every running balance matches its entries and none is negative), and for every
// booking that is over, what was captured went somewhere: refunds + mentor credits + platform fee
// = the captured amount (a reversed refund puts its amount back; a problem report's refund
// reverses earning and fee; a lost dispute gives the mentee the disputed amount back, recovered
// from the earning and the fee, or, for a booking closed without completion, covered by its held
// payment, which is no reversal of anything paid out).
import { expect } from "vitest";
import { auditLedger } from "../../server/ledger/ledger.ts";
import type { TestApp } from "./harness.ts";
import type { StripeStandIn } from "./stripe-stand-in.ts";

const OVER = ["DECLINED", "COMPLETED", "CANCELLED", "EXPIRED"];

export async function expectMoneySound(db: TestApp["db"]): Promise<void> {
  const audit = await auditLedger(db);
  expect(audit.debitsMinusCredits).toBe(0);
  for (const account of audit.accounts) {
    expect(account.balanceCents, account.code).toBe(account.fromEntriesCents);
    expect(account.balanceCents, account.code).toBeGreaterThanOrEqual(0);
  }
  const sums = await db.$queryRaw<Array<{ bookingId: string; status: string; kind: string; cents: bigint }>>`
    SELECT t."bookingId"::text AS "bookingId", b."status"::text AS status,
      CASE WHEN t."kind" = 'DISPUTE_RECOVERY' AND a."code" = 'platform:held-payments' THEN 'DISPUTE_COVERED_BY_HELD_PAYMENT'
        ELSE t."kind"::text END AS kind,
      SUM(e."amountCents")::bigint AS cents
    FROM "LedgerTransaction" t JOIN "LedgerEntry" e ON e."transactionId" = t."id" AND e."side" = 'DEBIT'
    JOIN "LedgerAccount" a ON a."id" = e."accountId"
    JOIN "Booking" b ON b."id" = t."bookingId"
    GROUP BY 1, 2, 3`;
  const byBooking = new Map<string, { status: string; kinds: Record<string, number> }>();
  for (const row of sums) {
    const entry = byBooking.get(row.bookingId) ?? { status: row.status, kinds: {} };
    entry.kinds[row.kind] = Number(row.cents);
    byBooking.set(row.bookingId, entry);
  }
  for (const [bookingId, { status, kinds }] of byBooking) {
    const captured = kinds.PAYMENT ?? 0;
    const out =
      (kinds.REFUND ?? 0) -
      (kinds.REFUND_REVERSAL ?? 0) +
      (kinds.MENTOR_EARNING ?? 0) -
      (kinds.EARNING_REVERSAL ?? 0) +
      (kinds.PLATFORM_FEE ?? 0) -
      (kinds.FEE_REVERSAL ?? 0) +
      (kinds.DISPUTE_LOSS ?? 0) -
      (kinds.DISPUTE_RECOVERY ?? 0);
    if (
      OVER.includes(status) &&
      !(await db.refund.findFirst({ where: { bookingId, OR: [{ status: { not: "SUCCEEDED" } }, { reversedAt: { not: null } }] } }))
    ) {
      expect(out, `booking ${bookingId} (${status}): refunds + credits + fee = captured`).toBe(captured);
    } else {
      expect(out, `booking ${bookingId} (${status}): never more out than captured`).toBeLessThanOrEqual(captured);
    }
  }
}

/** Payment intents at the stand-in that were captured (money taken). */
export function capturedAtStripe(stripe: { state: { paymentIntents: Map<string, Record<string, any>> } }, paymentIntentId: string | null) {
  const intent = paymentIntentId ? stripe.state.paymentIntents.get(paymentIntentId) : undefined;
  return intent?.status === "succeeded" ? intent.amount_received : 0;
}

/** The kinds of a booking's ledger transactions, sorted. */
export async function ledgerKinds(db: TestApp["db"], bookingId: string): Promise<string[]> {
  return (await db.ledgerTransaction.findMany({ where: { bookingId }, select: { kind: true } })).map((k) => k.kind).sort();
}

/** The capture requests the Stripe stand-in received for a payment intent (replays included). */
export function captureCalls(stripe: StripeStandIn, paymentIntentId: string) {
  return stripe.requests.filter((r) => r.method === "POST" && r.path === `/v1/payment_intents/${paymentIntentId}/capture`);
}
