// Stripe Connect's requirement and disabled-reason codes in words a mentor understands. Codes
// we do not know still read as words ("individual.political_exposure" -> "Political exposure"),
// never as a raw dotted path.

const EXACT: Record<string, string> = {
  "individual.verification.document": "A photo of your ID document",
  "individual.verification.additional_document": "An extra document proving your identity or address",
  "individual.id_number": "Your government ID number (for example, SSN)",
  "individual.ssn_last_4": "The last 4 digits of your Social Security number",
  "individual.email": "Your email address",
  "individual.phone": "Your phone number",
  "individual.political_exposure": "Whether you hold a political office",
  external_account: "A bank account for payouts",
  "tos_acceptance.date": "Accepting Stripe's terms of service",
  "tos_acceptance.ip": "Accepting Stripe's terms of service",
  business_type: "Your business type",
  "business_profile.url": "Your website or a public profile link",
  "business_profile.mcc": "Your business category",
  "business_profile.product_description": "A short description of what you offer",
  "company.tax_id": "Your company's tax ID",
  "settings.payments.statement_descriptor": "How your name appears on statements",
};

const PREFIX: [string, string][] = [
  ["individual.dob.", "Your date of birth"],
  ["individual.address.", "Your home address"],
  ["individual.first_name", "Your legal name"],
  ["individual.last_name", "Your legal name"],
  ["individual.verification.", "Proof of your identity"],
  ["company.address.", "Your company's address"],
  ["representative.", "Details of the account representative"],
  ["owners.", "Details of the company's owners"],
  ["directors.", "Details of the company's directors"],
  ["company.", "Your company's details"],
  ["tos_acceptance.", "Accepting Stripe's terms of service"],
];

function fallback(code: string): string {
  const parts = code.split(".").filter((part) => part && !/^[a-z]+_[0-9a-z]{8,}$/i.test(part));
  const last = (parts[parts.length - 1] ?? code).replace(/_/g, " ").trim();
  return last ? last.charAt(0).toUpperCase() + last.slice(1) : "More details";
}

/** Human labels for Stripe's `requirements.currently_due`, without duplicates, in order. */
export function requirementLabels(codes: readonly string[]): string[] {
  const labels: string[] = [];
  for (const code of codes) {
    const label = EXACT[code] ?? PREFIX.find(([prefix]) => code.startsWith(prefix))?.[1] ?? fallback(code);
    if (!labels.includes(label)) labels.push(label);
  }
  return labels;
}

/** Why Stripe paused the account (Stripe's `requirements.disabled_reason`), in words. */
export function disabledReasonText(reason: string | null | undefined): string | null {
  if (!reason) return null;
  if (reason === "requirements.past_due") return "Some required details are overdue.";
  if (reason === "requirements.pending_verification") return "Stripe is verifying the details you sent.";
  if (reason === "under_review" || reason === "listed") return "Stripe is reviewing the account.";
  if (reason.startsWith("rejected.")) return "Stripe rejected the account. Please contact support.";
  if (reason === "action_required.requested_capabilities") return "Stripe needs you to finish setting up payouts.";
  return "Stripe has paused payouts to this account.";
}

const PAYOUT_FAILURES: Record<string, string> = {
  account_closed: "the bank account is closed",
  account_frozen: "the bank account is frozen",
  bank_account_restricted: "the bank account cannot receive this payout",
  bank_ownership_changed: "the bank account changed owner",
  could_not_process: "the bank could not process it",
  debit_not_authorized: "the bank did not authorize it",
  insufficient_funds: "the platform's funds were insufficient; it will be retried",
  invalid_account_number: "the bank account number is invalid",
  invalid_currency: "the bank account does not accept this currency",
  no_account: "the bank account does not exist",
  account_not_connected: "your Stripe account is not connected",
  payouts_not_allowed: "Stripe has paused payouts to your account",
  transfers_not_allowed: "Stripe has paused payouts to your account",
};

/** A payout's failure in words: known codes are translated; a sentence from the API is kept. */
export function payoutFailureText(reason: string | null | undefined): string {
  if (!reason) return "The payout did not go through.";
  const known = PAYOUT_FAILURES[reason.trim().toLowerCase()];
  if (known) return `The payout did not go through: ${known}.`;
  // A code we do not know (no spaces): do not show it raw.
  if (!/\s/.test(reason.trim())) return "The payout did not go through.";
  return reason.trim().slice(0, 300);
}
