// What Connect onboarding and payouts need from a payment provider: an Express account per
// mentor, onboarding links, and transfers to the connected account. Stripe implements it
// (stripe-payout-gateway.ts); without Stripe keys a simulator does (simulator-payout-gateway.ts);
// server/compose.ts chooses.
// Kept apart from PaymentGateway (checkout and refunds).

export interface TransferRequest {
  /** The Payout id: in metadata.payoutId and transfer_group payout:<id>. */
  payoutId: string;
  /**
   * How many times the provider answered "not yet" for this payout: the idempotency key is the
   * payout id, then <id>:<deferrals> (a refused request's answer is stored under its key, so a
   * new try needs a new key; the transfer is looked up by transfer group before each).
   */
  deferrals?: number;
  amountCents: number;
  currency: string;
  destination: string;
}

/** A transfer as the provider lists it, with what was reversed of it. */
export interface ProviderTransfer {
  id: string;
  amountCents: number;
  amountReversedCents: number;
  currency: string;
  destination: string | null;
  /** From metadata.payoutId (or transfer_group payout:<id>), when it is ours. */
  payoutId: string | null;
  created: Date;
}

/** A connected account's payout state as the provider holds it now. */
export interface ProviderAccountState {
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  requirementsDue: string[];
  disabledReason: string | null;
}

export interface PayoutGateway {
  readonly mode: "stripe" | "simulator";
  /** Creates the mentor's Express account; the same mentor always gets the same account (idempotency key). */
  createConnectedAccount(input: { mentorId: string; email: string }): Promise<{ accountId: string }>;
  /** A fresh, short-lived onboarding link for the account. */
  createOnboardingLink(input: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<{ url: string }>;
  /** Makes the transfer (idempotent per payout id). Throws TransferError on failure. */
  createTransfer(request: TransferRequest): Promise<{ transferId: string }>;
  /** The transfer already made for this payout, if any (crash recovery). */
  findTransfer(payoutId: string): Promise<{ transferId: string } | null>;
  /**
   * The account's state now, read from the provider (events arrive out of order, several within
   * one second). Null when the provider has no such lookup (the simulator: its event is the state).
   */
  retrieveAccount(accountId: string): Promise<ProviderAccountState | null>;
  /**
   * The platform's balance available for transfers now, in cents per currency (what settled
   * charges brought, less what was transferred or refunded); captured charges still pending are
   * not in it. Null when the provider does not limit transfers by a balance (the simulator).
   */
  availableBalance(): Promise<Map<string, number> | null>;
  /** Transfers created in the window (reconciliation). */
  listTransfers(range: { from: Date; to: Date }): Promise<ProviderTransfer[]>;
}

/** Provider error codes that mean "not yet" (the platform's balance does not cover it until charges settle). */
export const NOT_YET_TRANSFER_CODES: ReadonlySet<string> = new Set(["balance_insufficient", "insufficient_funds"]);

/**
 * A failed transfer. `permanent`: the provider refused it (invalid account, payouts disabled,
 * insufficient platform funds), so the money goes back on the balance; otherwise (network,
 * 5xx, unknown outcome) the payout stays PENDING and the next run finishes it.
 * `rateLimited`: the provider turned the request away unprocessed (HTTP 429); the cycle backs
 * off and tries again in the same run, after `retryAfterMs` when the provider said so.
 */
export class TransferError extends Error {
  override name = "TransferError";
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly rateLimited = false,
    readonly retryAfterMs: number | undefined = undefined,
    /** The provider's error code (balance_insufficient, account_invalid…), when it gave one. */
    readonly code: string | undefined = undefined,
    /** "Not yet": the platform's available balance does not cover it until charges settle; try later. */
    readonly notYet = false,
  ) {
    super(message);
  }
}

/** The provider could not create an account or link (any reason): nothing was changed. */
export class ConnectProviderError extends Error {
  override name = "ConnectProviderError";
}
