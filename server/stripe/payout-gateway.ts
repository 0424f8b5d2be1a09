// Connect Express accounts, onboarding links and transfers through the official Stripe SDK.
import Stripe from "stripe";
import {
  ConnectProviderError,
  NOT_YET_TRANSFER_CODES,
  TransferError,
  type PayoutGateway,
  type ProviderTransfer,
} from "../ports/payout-gateway.ts";
import { createdIn } from "./payment-gateway.ts";
import { isPermanentStripeError } from "./client.ts";

export const transferGroupOf = (payoutId: string) => `payout:${payoutId}`;

function describe(error: unknown): string {
  if (error instanceof Stripe.errors.StripeError) {
    return [error.code, error.message].filter(Boolean).join(": ").slice(0, 500);
  }
  return error instanceof Error ? error.message.slice(0, 500) : String(error);
}

/** A failed transfer call as the cycle needs it: permanent refusal, rate limit (with Retry-After), or unknown. */
function transferError(error: unknown): TransferError {
  if (!(error instanceof Stripe.errors.StripeError) || error.statusCode !== 429) {
    const code = error instanceof Stripe.errors.StripeError ? error.code : undefined;
    if (code && NOT_YET_TRANSFER_CODES.has(code)) return new TransferError(describe(error), false, false, undefined, code, true);
    return new TransferError(describe(error), isPermanentStripeError(error), false, undefined, code);
  }
  const retryAfter = Number(error.headers?.["retry-after"]);
  return new TransferError(describe(error), false, true, Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined);
}

export function stripePayoutGateway(stripe: Stripe): PayoutGateway {
  return {
    mode: "stripe",
    async createConnectedAccount({ mentorId, email }) {
      try {
        const account = await stripe.accounts.create(
          {
            type: "express",
            email,
            capabilities: { transfers: { requested: true } },
            metadata: { mentorId },
          },
          { idempotencyKey: `connect:${mentorId}` },
        );
        return { accountId: account.id };
      } catch (error) {
        throw new ConnectProviderError(describe(error));
      }
    },
    async createOnboardingLink({ accountId, refreshUrl, returnUrl }) {
      try {
        const link = await stripe.accountLinks.create({
          account: accountId,
          type: "account_onboarding",
          refresh_url: refreshUrl,
          return_url: returnUrl,
        });
        return { url: link.url };
      } catch (error) {
        throw new ConnectProviderError(describe(error));
      }
    },
    async createTransfer({ payoutId, amountCents, currency, destination, deferrals }) {
      try {
        const transfer = await stripe.transfers.create(
          {
            amount: amountCents,
            currency,
            destination,
            transfer_group: transferGroupOf(payoutId),
            metadata: { payoutId },
          },
          { idempotencyKey: deferrals ? `${payoutId}:${deferrals}` : payoutId },
        );
        return { transferId: transfer.id };
      } catch (error) {
        throw transferError(error);
      }
    },
    async retrieveAccount(accountId) {
      const account = await stripe.accounts.retrieve(accountId);
      const requirements = account.requirements;
      return {
        payoutsEnabled: account.payouts_enabled === true,
        detailsSubmitted: account.details_submitted === true,
        requirementsDue: [...new Set([...(requirements?.past_due ?? []), ...(requirements?.currently_due ?? [])])],
        disabledReason: requirements?.disabled_reason ?? null,
      };
    },
    async availableBalance() {
      const balance = await stripe.balance.retrieve();
      const available = new Map<string, number>();
      for (const { currency, amount } of balance.available) {
        available.set(currency.toLowerCase(), (available.get(currency.toLowerCase()) ?? 0) + amount);
      }
      return available;
    },
    async listTransfers(range) {
      const transfers: ProviderTransfer[] = [];
      for await (const transfer of stripe.transfers.list({ created: createdIn(range), limit: 100 })) {
        const group = transfer.transfer_group?.startsWith("payout:") ? transfer.transfer_group.slice("payout:".length) : null;
        transfers.push({
          id: transfer.id,
          amountCents: transfer.amount,
          amountReversedCents: transfer.amount_reversed,
          currency: transfer.currency,
          destination: typeof transfer.destination === "string" ? transfer.destination : (transfer.destination?.id ?? null),
          payoutId: transfer.metadata?.payoutId ?? group,
          created: new Date(transfer.created * 1000),
        });
      }
      return transfers;
    },
    async findTransfer(payoutId) {
      try {
        const page = await stripe.transfers.list({ transfer_group: transferGroupOf(payoutId), limit: 10 });
        const transfer = page.data.find((t) => t.metadata?.payoutId === payoutId || t.transfer_group === transferGroupOf(payoutId));
        return transfer ? { transferId: transfer.id } : null;
      } catch (error) {
        // Not knowing is never a reason to give the money back: retry (a 429 in this run, else next run).
        const failure = transferError(error);
        throw new TransferError(failure.message, false, failure.rateLimited, failure.retryAfterMs);
      }
    },
  };
}
