// A Stripe dispute object as the dispute handlers read it (its shape is checked first, in
// server/stripe/event-shapes.ts).
import type Stripe from "stripe";
import { idOf } from "../shared/ids.ts";
import type { DisputeNews } from "./disputes.ts";

export function disputeNews(dispute: Stripe.Dispute): DisputeNews {
  const fees = (dispute.balance_transactions ?? []).reduce((sum, bt) => sum + (typeof bt === "object" && bt ? (bt.fee ?? 0) : 0), 0);
  return {
    stripeDisputeId: dispute.id,
    paymentIntentId: idOf(dispute.payment_intent),
    chargeId: idOf(dispute.charge),
    amountCents: dispute.amount,
    currency: dispute.currency.toLowerCase(),
    reason: dispute.reason ?? "unknown",
    status: dispute.status,
    feeCents: Math.max(0, fees),
  };
}
