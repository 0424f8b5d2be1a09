// What handling one verified Stripe event came to; shared by every module that handles events
// (payments, refunds, payouts) and the webhook route, so none of them imports another for it.
export type EventOutcome = "applied" | "duplicate" | "ignored";
