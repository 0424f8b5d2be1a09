// Stripe events of Connect and payouts, merged into the handler map of stripe/dispatcher.ts.
//   account.updated   keeps the mentor's payout state in sync (older events than the state applied are skipped)
//   transfer.created  a transfer made for a PENDING payout: PAID (finishes a run that died after Stripe accepted it)
//   transfer.reversed a fully reversed payout transfer: FAILED, the rest of the amount back on the balance;
//   (and .updated)    partly reversed: the newly reversed cents back on the balance, Payout.reversedCents
// All are idempotent (conditional updates), so duplicates and any order are harmless.
import type Stripe from "stripe";
import type { Services } from "../services.ts";
import { applyAccountUpdated } from "./connect.ts";
import { applyPartialReversal, failPayout, markPayoutPaid } from "./cycle.ts";
import type { EventOutcome as Outcome } from "../ports/event-outcome.ts";
import { isUuid } from "../shared/ids.ts";

function payoutIdOf(transfer: Stripe.Transfer): string | null {
  const id = transfer.metadata?.payoutId ?? transfer.transfer_group?.replace(/^payout:/, "") ?? null;
  return isUuid(id) ? id : null;
}

async function transferCreated(services: Services, transfer: Stripe.Transfer): Promise<Outcome> {
  const payoutId = payoutIdOf(transfer);
  if (!payoutId) return "ignored";
  const payout = await services.db.payout.findUnique({ where: { id: payoutId } });
  if (!payout || payout.stripeAccountId !== transfer.destination || payout.amountCents !== transfer.amount) return "ignored";
  return (await markPayoutPaid(services, payoutId, transfer.id)) ? "applied" : "duplicate";
}

async function transferReversed(services: Services, transfer: Stripe.Transfer): Promise<Outcome> {
  const payoutId = payoutIdOf(transfer);
  const payout = await services.db.payout.findFirst({
    where: { OR: [{ stripeTransferId: transfer.id }, ...(payoutId ? [{ id: payoutId }] : [])] },
  });
  if (!payout) return "ignored";
  if (!transfer.reversed && transfer.amount_reversed < transfer.amount) {
    // Partly reversed: exactly the newly reversed cents go back on the balance (once per amount).
    const cumulative = transfer.amount_reversed;
    if (!Number.isSafeInteger(cumulative) || cumulative <= 0) return "ignored";
    return (await applyPartialReversal(services, payout.id, cumulative)) ? "applied" : "duplicate";
  }
  if (payout.status === "FAILED") return "duplicate";
  const failed = await failPayout(services, payout.id, "The transfer was reversed", payout.status === "PENDING" ? "PENDING" : "PAID", true);
  return failed ? "applied" : "duplicate";
}

export const payoutEventHandlers = {
  "account.updated": async (services: Services, event: Stripe.AccountUpdatedEvent): Promise<Outcome> =>
    (await applyAccountUpdated(services, event.data.object, event.created)) ? "applied" : "ignored",
  "transfer.created": (services: Services, event: Stripe.TransferCreatedEvent) => transferCreated(services, event.data.object),
  "transfer.reversed": (services: Services, event: Stripe.TransferReversedEvent) => transferReversed(services, event.data.object),
  // transfer.updated carries amount_reversed too (a reversal whose transfer.reversed was lost).
  "transfer.updated": (services: Services, event: Stripe.TransferUpdatedEvent) => transferReversed(services, event.data.object),
};
