// Reconciliation: the ledger compared with Stripe over a time window. Every booking and payout
// touched in the window on either side (a ledger movement posted in it, or a Stripe payment,
// refund or transfer created in it) is compared in cents:
//   payments   the ledger's PAYMENT of a booking    vs the payment intent's amount received
//   refunds    the ledger's REFUND of a booking     vs the sum of its succeeded Stripe refunds
//   transfers  the ledger's PAYOUT of a payout      vs the transfer's amount
//   reversals  the ledger's PAYOUT_REVERSALs        vs the transfer's amount_reversed
// Stripe is listed over the window widened by LOOKAROUND_MS on both sides (a webhook can land
// days after the object was created, a transfer hours after its payout), so a movement near
// the window's edge is compared with its counterpart. PENDING payouts are in flight and skipped.
// Each run is stored (ReconciliationRun) so admins see the latest; `npm run reconcile` and the
// daily task run it.
import type { LedgerTransactionKind } from "../generated/prisma/client.ts";
import type { Services } from "../services.ts";
import type { ProviderPayment, ProviderRefundRecord } from "../ports/payment-gateway.ts";

export const LOOKAROUND_MS = 3 * 24 * 3600_000;

export type DivergenceKind =
  | "PAYMENT_MISSING_IN_LEDGER"
  | "PAYMENT_MISSING_AT_STRIPE"
  | "PAYMENT_AMOUNT_MISMATCH"
  | "REFUND_MISSING_IN_LEDGER"
  | "REFUND_MISSING_AT_STRIPE"
  | "REFUND_AMOUNT_MISMATCH"
  | "TRANSFER_MISSING_AT_STRIPE"
  | "TRANSFER_MISSING_IN_LEDGER"
  | "TRANSFER_AMOUNT_MISMATCH"
  | "REVERSAL_MISMATCH";

export interface Divergence {
  kind: DivergenceKind;
  bookingId: string | null;
  payoutId: string | null;
  /** The Stripe object concerned (payment intent, refund or transfer), when there is one. */
  stripeId: string | null;
  ledgerCents: number;
  stripeCents: number;
  currency: string;
  message: string;
}

export interface ReconciliationResult {
  id: string | null;
  windowStart: Date;
  windowEnd: Date;
  skipped: boolean;
  divergences: Divergence[];
  /** How many bookings and payouts were compared. */
  compared: { bookings: number; payouts: number };
}

const inWindow = (date: Date, from: Date, to: Date) => date >= from && date <= to;

/** Cents moved by each ledger transaction of these kinds, per booking or payout. */
async function ledgerAmounts(services: Services, where: { bookingIds?: string[]; payoutIds?: string[] }) {
  const rows = await services.db.ledgerTransaction.findMany({
    where: {
      OR: [
        ...(where.bookingIds?.length
          ? [{ bookingId: { in: where.bookingIds }, kind: { in: ["PAYMENT", "REFUND"] as LedgerTransactionKind[] } }]
          : []),
        ...(where.payoutIds?.length
          ? [{ payoutId: { in: where.payoutIds }, kind: { in: ["PAYOUT", "PAYOUT_REVERSAL"] as LedgerTransactionKind[] } }]
          : []),
      ],
    },
    select: {
      kind: true,
      bookingId: true,
      payoutId: true,
      currency: true,
      entries: { where: { side: "DEBIT" }, select: { amountCents: true } },
    },
  });
  return rows.map((row) => ({ ...row, cents: row.entries.reduce((sum, e) => sum + e.amountCents, 0) }));
}

export async function reconcile(services: Services, window: { from: Date; to: Date }): Promise<ReconciliationResult> {
  const { from, to } = window;
  const result: ReconciliationResult = {
    id: null,
    windowStart: from,
    windowEnd: to,
    skipped: false,
    divergences: [],
    compared: { bookings: 0, payouts: 0 },
  };
  if (services.payments.mode !== "stripe" || services.payouts.mode !== "stripe") {
    result.skipped = true; // the simulator has nothing to compare with
    return result;
  }
  const range = { from: new Date(from.getTime() - LOOKAROUND_MS), to: new Date(to.getTime() + LOOKAROUND_MS) };
  const [stripePayments, stripeRefunds, transfers] = await Promise.all([
    services.payments.listPayments(range),
    services.payments.listRefunds(range),
    services.payouts.listTransfers(range),
  ]);
  const divergences = result.divergences;

  // --- bookings: payments and refunds --------------------------------------------------------
  const ledgerInWindow = await services.db.ledgerTransaction.findMany({
    where: { createdAt: { gte: from, lte: to }, kind: { in: ["PAYMENT", "REFUND", "PAYOUT", "PAYOUT_REVERSAL"] } },
    select: { bookingId: true, payoutId: true },
  });
  const intentIds = [
    ...new Set([...stripePayments.map((p) => p.id), ...stripeRefunds.map((r) => r.paymentIntentId).filter((id): id is string => !!id)]),
  ];
  const bookingsByIntent = new Map(
    (
      await services.db.booking.findMany({
        where: { stripePaymentIntentId: { in: intentIds } },
        select: { id: true, stripePaymentIntentId: true },
      })
    ).map((b) => [b.stripePaymentIntentId!, b.id]),
  );
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const bookingOfPayment = (p: ProviderPayment) =>
    bookingsByIntent.get(p.id) ?? (p.bookingId && UUID.test(p.bookingId) ? p.bookingId : null);
  const bookingOfRefund = (r: ProviderRefundRecord) =>
    (r.paymentIntentId ? bookingsByIntent.get(r.paymentIntentId) : undefined) ??
    (r.bookingId && UUID.test(r.bookingId) ? r.bookingId : null);

  const bookingIds = new Set<string>();
  for (const row of ledgerInWindow) if (row.bookingId) bookingIds.add(row.bookingId);
  for (const p of stripePayments) if (inWindow(p.created, from, to)) bookingIds.add(bookingOfPayment(p) ?? `stripe:${p.id}`);
  for (const r of stripeRefunds) {
    if (r.status === "succeeded" && inWindow(r.created, from, to)) bookingIds.add(bookingOfRefund(r) ?? `stripe-refund:${r.id}`);
  }
  const knownBookingIds = [...bookingIds].filter((id) => UUID.test(id));
  const bookings = new Map(
    (
      await services.db.booking.findMany({
        where: { id: { in: knownBookingIds } },
        select: { id: true, stripePaymentIntentId: true, currency: true },
      })
    ).map((b) => [b.id, b]),
  );
  const bookingLedger = await ledgerAmounts(services, { bookingIds: knownBookingIds });

  for (const key of bookingIds) {
    const booking = bookings.get(key);
    const bookingId = booking?.id ?? null;
    const payment = stripePayments.find(
      (p) =>
        (booking?.stripePaymentIntentId && p.id === booking.stripePaymentIntentId) ||
        (bookingId !== null && bookingOfPayment(p) === bookingId) ||
        key === `stripe:${p.id}`,
    );
    const refunds = stripeRefunds.filter(
      (r) =>
        r.status === "succeeded" &&
        ((payment && r.paymentIntentId === payment.id) ||
          (bookingId !== null && bookingOfRefund(r) === bookingId) ||
          key === `stripe-refund:${r.id}`),
    );
    const ledgerPayment = bookingLedger.find((l) => l.bookingId === bookingId && l.kind === "PAYMENT");
    const ledgerRefund = bookingLedger.find((l) => l.bookingId === bookingId && l.kind === "REFUND");
    const currency = ledgerPayment?.currency ?? payment?.currency ?? booking?.currency ?? "usd";
    const base = { bookingId, payoutId: null, currency };

    if (payment && !ledgerPayment) {
      divergences.push({
        ...base,
        kind: "PAYMENT_MISSING_IN_LEDGER",
        stripeId: payment.id,
        ledgerCents: 0,
        stripeCents: payment.amountCents,
        currency: payment.currency,
        message: `Stripe received ${payment.amountCents} ${payment.currency} (${payment.id}) that the ledger does not record`,
      });
    } else if (!payment && ledgerPayment) {
      divergences.push({
        ...base,
        kind: "PAYMENT_MISSING_AT_STRIPE",
        stripeId: booking?.stripePaymentIntentId ?? null,
        ledgerCents: ledgerPayment.cents,
        stripeCents: 0,
        message: `the ledger records a payment of ${ledgerPayment.cents} ${ledgerPayment.currency} that Stripe does not list`,
      });
    } else if (payment && ledgerPayment && (payment.amountCents !== ledgerPayment.cents || payment.currency !== ledgerPayment.currency)) {
      divergences.push({
        ...base,
        kind: "PAYMENT_AMOUNT_MISMATCH",
        stripeId: payment.id,
        ledgerCents: ledgerPayment.cents,
        stripeCents: payment.amountCents,
        message: `the ledger records ${ledgerPayment.cents} ${ledgerPayment.currency}, Stripe received ${payment.amountCents} ${payment.currency}`,
      });
    }

    const refundedAtStripe = refunds.reduce((sum, r) => sum + r.amountCents, 0);
    const refundIds = refunds.map((r) => r.id).join(",") || null;
    if (refundedAtStripe > 0 && !ledgerRefund) {
      divergences.push({
        ...base,
        kind: "REFUND_MISSING_IN_LEDGER",
        stripeId: refundIds,
        ledgerCents: 0,
        stripeCents: refundedAtStripe,
        message: `Stripe refunded ${refundedAtStripe} (${refundIds}) that the ledger does not record`,
      });
    } else if (refundedAtStripe === 0 && ledgerRefund) {
      divergences.push({
        ...base,
        kind: "REFUND_MISSING_AT_STRIPE",
        stripeId: null,
        ledgerCents: ledgerRefund.cents,
        stripeCents: 0,
        message: `the ledger records a refund of ${ledgerRefund.cents} that Stripe does not list as succeeded`,
      });
    } else if (ledgerRefund && refundedAtStripe !== ledgerRefund.cents) {
      divergences.push({
        ...base,
        kind: "REFUND_AMOUNT_MISMATCH",
        stripeId: refundIds,
        ledgerCents: ledgerRefund.cents,
        stripeCents: refundedAtStripe,
        message: `the ledger records a refund of ${ledgerRefund.cents}, Stripe refunded ${refundedAtStripe}`,
      });
    }
  }
  result.compared.bookings = bookingIds.size;

  // --- payouts: transfers and reversals ------------------------------------------------------
  const payoutIds = new Set<string>();
  for (const row of ledgerInWindow) if (row.payoutId) payoutIds.add(row.payoutId);
  for (const tr of transfers)
    if (inWindow(tr.created, from, to)) payoutIds.add(tr.payoutId && UUID.test(tr.payoutId) ? tr.payoutId : `stripe:${tr.id}`);
  const knownPayoutIds = [...payoutIds].filter((id) => UUID.test(id));
  const payouts = new Map((await services.db.payout.findMany({ where: { id: { in: knownPayoutIds } } })).map((p) => [p.id, p]));
  const payoutLedger = await ledgerAmounts(services, { payoutIds: knownPayoutIds });

  for (const key of payoutIds) {
    const payout = payouts.get(key);
    const transfer = transfers.find(
      (tr) => (payout?.stripeTransferId && tr.id === payout.stripeTransferId) || tr.payoutId === key || key === `stripe:${tr.id}`,
    );
    if (payout?.status === "PENDING") continue; // in flight: its transfer may be being made right now
    const payoutId = payout?.id ?? null;
    const ledgerPayout = payoutLedger.find((l) => l.payoutId === payoutId && l.kind === "PAYOUT");
    const ledgerReversed = payoutLedger
      .filter((l) => l.payoutId === payoutId && l.kind === "PAYOUT_REVERSAL")
      .reduce((sum, l) => sum + l.cents, 0);
    const currency = ledgerPayout?.currency ?? transfer?.currency ?? "usd";
    const base = {
      bookingId: null,
      payoutId: payoutId ?? (transfer?.payoutId && UUID.test(transfer.payoutId) ? transfer.payoutId : null),
      currency,
    };

    if (transfer && !ledgerPayout) {
      divergences.push({
        ...base,
        kind: "TRANSFER_MISSING_IN_LEDGER",
        stripeId: transfer.id,
        ledgerCents: 0,
        stripeCents: transfer.amountCents - transfer.amountReversedCents,
        message: `Stripe transferred ${transfer.amountCents} ${transfer.currency} (${transfer.id}) that the ledger does not record`,
      });
      continue;
    }
    if (!ledgerPayout) continue;
    const ledgerNet = ledgerPayout.cents - ledgerReversed;
    if (!transfer) {
      if (ledgerNet > 0) {
        divergences.push({
          ...base,
          kind: "TRANSFER_MISSING_AT_STRIPE",
          stripeId: payout?.stripeTransferId ?? null,
          ledgerCents: ledgerNet,
          stripeCents: 0,
          message: `the ledger records ${ledgerNet} paid out that Stripe has no transfer for`,
        });
      }
      continue;
    }
    if (transfer.amountCents !== ledgerPayout.cents || transfer.currency !== ledgerPayout.currency) {
      divergences.push({
        ...base,
        kind: "TRANSFER_AMOUNT_MISMATCH",
        stripeId: transfer.id,
        ledgerCents: ledgerPayout.cents,
        stripeCents: transfer.amountCents,
        message: `the ledger records a payout of ${ledgerPayout.cents} ${ledgerPayout.currency}, Stripe transferred ${transfer.amountCents} ${transfer.currency}`,
      });
    } else if (transfer.amountReversedCents !== ledgerReversed) {
      divergences.push({
        ...base,
        kind: "REVERSAL_MISMATCH",
        stripeId: transfer.id,
        ledgerCents: ledgerReversed,
        stripeCents: transfer.amountReversedCents,
        message: `the ledger returned ${ledgerReversed} to the balance, Stripe reversed ${transfer.amountReversedCents} of the transfer`,
      });
    }
  }
  result.compared.payouts = payoutIds.size;

  const order = (d: Divergence) => `${d.kind} ${d.bookingId ?? ""} ${d.payoutId ?? ""} ${d.stripeId ?? ""}`;
  divergences.sort((a, b) => order(a).localeCompare(order(b)));
  const run = await services.db.reconciliationRun.create({
    data: { windowStart: from, windowEnd: to, divergenceCount: divergences.length, divergences: divergences as never },
  });
  result.id = run.id;
  return result;
}

export function describeDivergence(d: Divergence): string {
  const subject = d.bookingId ? `booking ${d.bookingId}` : d.payoutId ? `payout ${d.payoutId}` : `stripe ${d.stripeId}`;
  return `${d.kind} ${subject}${d.stripeId && (d.bookingId || d.payoutId) ? ` (${d.stripeId})` : ""}: ${d.message}`;
}

export function describeReconciliation(r: ReconciliationResult): string {
  const window = `${r.windowStart.toISOString()} .. ${r.windowEnd.toISOString()}`;
  if (r.skipped) return `reconciliation ${window}: skipped (no Stripe keys: the payment simulator has nothing to compare)`;
  return `reconciliation ${window}: ${r.compared.bookings} booking(s) and ${r.compared.payouts} payout(s) compared, ${r.divergences.length} divergence(s)`;
}
