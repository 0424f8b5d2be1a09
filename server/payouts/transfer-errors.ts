// Stripe's transfer error codes in plain words for the mentor (Payout.failureReason, the
// payout-failed email). The raw code and message go to the log; what the mentor reads says what
// happened and what, if anything, they can do. Codes that mean "not yet" (the platform's balance
// does not cover the transfer until the charges behind it settle) are not failures: the payout
// stays PENDING and the next run tries again, without telling the mentor it failed.

const PLAIN_WORDS: Record<string, string> = {
  balance_insufficient: "The payments behind this payout have not settled at Stripe yet; it is paid automatically once they have.",
  insufficient_funds: "The payments behind this payout have not settled at Stripe yet; it is paid automatically once they have.",
  insufficient_capabilities_for_transfer:
    "Your Stripe account cannot receive transfers yet. Finish setting it up from your Earnings page; the amount stays on your balance.",
  account_invalid: "Your connected Stripe account could not be used (closed or disconnected). Reconnect it from your Earnings page.",
  resource_missing:
    "Your connected Stripe account could not be found. Reconnect it from your Earnings page; the amount stays on your balance.",
  transfers_not_allowed: "Stripe does not allow transfers to your account at the moment. Check your Stripe account for requests.",
  payouts_not_allowed: "Stripe does not allow payouts to your account at the moment. Check your Stripe account for requests.",
  amount_too_small: "The amount is below what Stripe can transfer; it stays on your balance for the next payout.",
  amount_too_large: "The amount is above what Stripe can transfer at once; our team has been told and will follow up.",
  invalid_currency: "Your Stripe account cannot receive this currency; our team has been told and will follow up.",
};

const FALLBACK = "Stripe refused the transfer; the amount is back on your balance and our team has been told.";

/** The mentor-facing sentence for a Stripe transfer error code (a generic one for unknown codes). */
export function plainTransferFailure(code: string | undefined): string {
  return (code && PLAIN_WORDS[code]) || FALLBACK;
}
