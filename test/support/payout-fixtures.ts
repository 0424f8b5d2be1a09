// Mentors with balances and Connect accounts for the payout tests. Balances are posted through
// the ledger functions as a mentee payment held, then a MENTOR_EARNING (the shape of a
// completed session); payouts are enabled by a signed account.updated from the Stripe stand-in.
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import type { Db } from "../../server/db/client.ts";
import { mentorAccount, PLATFORM_ACCOUNTS, postLedgerTransaction } from "../../server/ledger/ledger.ts";
import type { TestApp } from "./harness.ts";
import { WEBHOOK_SECRET } from "./harness.ts";
import type { StripeStandIn } from "./stripe-stand-in.ts";

export async function createMentor(db: Db, name = `Mentor ${randomBytes(3).toString("hex")}`) {
  return db.user.create({
    data: {
      email: `${name.replace(/\W+/g, ".").toLowerCase()}.${randomBytes(4).toString("hex")}@example.com`,
      name,
      role: "MENTOR",
      passwordHash: "not-used",
      mentorProfile: { create: { approvedAt: new Date() } },
    },
  });
}

/** Credits `cents` to the mentor's balance the way a completed session does. */
export async function creditEarning(db: Db, mentorId: string, cents: number) {
  const key = randomBytes(6).toString("hex");
  await db.$transaction(async (tx) => {
    await postLedgerTransaction(tx, {
      idempotencyKey: `test-payment:${key}`,
      kind: "PAYMENT",
      currency: "usd",
      description: "test payment",
      postings: [
        { account: PLATFORM_ACCOUNTS.stripeBalance, side: "DEBIT", amountCents: cents },
        { account: PLATFORM_ACCOUNTS.heldPayments, side: "CREDIT", amountCents: cents },
      ],
    });
    await postLedgerTransaction(tx, {
      idempotencyKey: `test-earning:${key}`,
      kind: "MENTOR_EARNING",
      currency: "usd",
      description: "test earning",
      postings: [
        { account: PLATFORM_ACCOUNTS.heldPayments, side: "DEBIT", amountCents: cents },
        { account: mentorAccount(mentorId), side: "CREDIT", amountCents: cents },
      ],
    });
  });
}

/**
 * Gives the mentor a Connect account at the stand-in (as connectStripeAccount does) and, when
 * `enable`, finishes onboarding there and delivers the signed account.updated.
 */
export async function connectMentor(t: TestApp, stripe: StripeStandIn, mentorId: string, enable = true): Promise<string> {
  const { accountId } = await t.app.services.payouts.createConnectedAccount({ mentorId, email: `${mentorId}@example.com` });
  await t.db.mentorProfile.update({ where: { userId: mentorId }, data: { stripeAccountId: accountId } });
  if (enable) {
    const response = await stripe.deliver(`${t.url}/webhooks/stripe`, stripe.enablePayouts(accountId), WEBHOOK_SECRET);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { outcome: string }).outcome).toBe("applied");
  }
  return accountId;
}

export const transfersTo = (stripe: StripeStandIn, accountId: string) =>
  [...stripe.state.transfers.values()].filter((transfer) => transfer.destination === accountId);

export const STRIPE_VARS = (stripe: StripeStandIn) => ({
  STRIPE_SECRET_KEY: "sk_test_payouts",
  STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  STRIPE_API_URL: stripe.url,
});
