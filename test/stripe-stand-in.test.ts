// The Stripe stand-in behaves like Stripe where the project relies on it, checked through the
// official SDK exactly as the server creates it (server/stripe/client.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { createStripeClient } from "../server/stripe/client.ts";
import { parseStripeForm, startStripeStandIn, type StripeStandIn } from "./support/stripe-stand-in.ts";

let standIn: StripeStandIn;
let stripe: Stripe;
beforeAll(async () => {
  standIn = await startStripeStandIn();
  stripe = createStripeClient("sk_test_stand_in", new URL(standIn.url));
});
afterAll(() => standIn?.stop());
beforeEach(() => standIn.clearFailures());

const checkoutParams = (bookingId: string, unitAmount = 4500): Stripe.Checkout.SessionCreateParams => ({
  mode: "payment",
  client_reference_id: bookingId,
  metadata: { bookingId },
  payment_intent_data: { metadata: { bookingId }, transfer_group: `booking:${bookingId}` },
  line_items: [
    { quantity: 1, price_data: { currency: "usd", unit_amount: unitAmount, product_data: { name: "Career chat" } } },
    { quantity: 2, price_data: { currency: "usd", unit_amount: 250, product_data: { name: "Notes" } } },
  ],
  success_url: "http://app.test/ok",
  cancel_url: "http://app.test/cancel",
});

const postsTo = (path: string, key?: string) =>
  standIn.requests.filter((r) => r.method === "POST" && r.path === path && (key === undefined || r.idempotencyKey === key));

async function expectStripeError(promise: Promise<unknown>, type: string, fields: Record<string, unknown> = {}) {
  const error = await promise.then(
    () => {
      throw new Error("expected a Stripe error");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Stripe.errors.StripeError);
  expect(error).toMatchObject({ type, ...fields });
  return error as Stripe.errors.StripeError;
}

describe("Stripe stand-in through the official SDK", () => {
  it("parses Stripe's bracket form encoding into nested objects and arrays", () => {
    expect(
      parseStripeForm(
        "line_items[0][price_data][unit_amount]=4500&line_items[0][quantity]=1&line_items[1][quantity]=2&metadata[bookingId]=b-1&mode=payment",
      ),
    ).toEqual({
      line_items: [{ price_data: { unit_amount: "4500" }, quantity: "1" }, { quantity: "2" }],
      metadata: { bookingId: "b-1" },
      mode: "payment",
    });
  });

  it("refuses requests without a test secret key", async () => {
    const anonymous = await fetch(`${standIn.url}/v1/accounts/acct_x`);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.type).toBe("invalid_request_error");
    const wrongKey = createStripeClient("pk_test_publishable", new URL(standIn.url));
    await expectStripeError(wrongKey.checkout.sessions.create(checkoutParams("b-auth")), "StripeAuthenticationError");
    expect(standIn.state.checkoutSessions.size).toBe(0);
  });

  it("creates a Checkout Session whose amount is computed from its line items, and reads it back", async () => {
    const session = await stripe.checkout.sessions.create(checkoutParams("b-create"));
    expect(session).toMatchObject({
      object: "checkout.session",
      amount_total: 4500 + 2 * 250,
      currency: "usd",
      client_reference_id: "b-create",
      metadata: { bookingId: "b-create" },
      payment_status: "unpaid",
      status: "open",
      mode: "payment",
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toContain(session.id);
    expect(await stripe.checkout.sessions.retrieve(session.id)).toEqual(session);
    await expectStripeError(stripe.checkout.sessions.retrieve("cs_test_nope"), "StripeInvalidRequestError", {
      statusCode: 404,
      code: "resource_missing",
    });
    await expectStripeError(stripe.checkout.sessions.create({ ...checkoutParams("b-none"), line_items: [] }), "StripeInvalidRequestError", {
      param: "line_items",
    });
  });

  it("replays the stored response for a repeated idempotency key, and refuses the key with other parameters", async () => {
    const key = "checkout:b-idem";
    const first = await stripe.checkout.sessions.create(checkoutParams("b-idem"), { idempotencyKey: key });
    const again = await stripe.checkout.sessions.create(checkoutParams("b-idem"), { idempotencyKey: key });
    expect(again).toEqual(first);
    expect([...standIn.state.checkoutSessions.values()].filter((s) => s.client_reference_id === "b-idem")).toHaveLength(1);
    expect(postsTo("/v1/checkout/sessions", key).map((r) => [r.status, r.replayed])).toEqual([
      [200, false],
      [200, true],
    ]);

    const before = standIn.state.checkoutSessions.size;
    await expectStripeError(
      stripe.checkout.sessions.create(checkoutParams("b-idem", 9900), { idempotencyKey: key }),
      "StripeIdempotencyError",
      { statusCode: 400 },
    );
    expect(standIn.state.checkoutSessions.size).toBe(before);
    // Another key with the same parameters is another request: a second session.
    const other = await stripe.checkout.sessions.create(checkoutParams("b-idem"), { idempotencyKey: `${key}:2` });
    expect(other.id).not.toBe(first.id);
  });

  it("lets the SDK's retry of a 500 (same idempotency key) create exactly one object", async () => {
    const key = "checkout:b-retry";
    standIn.failNext("POST /v1/checkout/sessions", 500);
    const session = await stripe.checkout.sessions.create(checkoutParams("b-retry"), { idempotencyKey: key });
    const attempts = postsTo("/v1/checkout/sessions", key);
    expect(attempts.map((r) => [r.status, r.injected ?? null])).toEqual([
      [500, "before"],
      [200, null],
    ]);
    expect([...standIn.state.checkoutSessions.values()].filter((s) => s.client_reference_id === "b-retry").map((s) => s.id)).toEqual([
      session.id,
    ]);
  });

  it("gives back the session created before a dropped response when the SDK retries", async () => {
    const key = "checkout:b-lost";
    standIn.failNext("/v1/checkout/sessions", "drop", undefined, { when: "after" });
    const session = await stripe.checkout.sessions.create(checkoutParams("b-lost"), { idempotencyKey: key });
    const attempts = postsTo("/v1/checkout/sessions", key);
    expect(attempts.map((r) => [r.status, r.replayed])).toEqual([
      [-1, false],
      [200, true],
    ]);
    expect([...standIn.state.checkoutSessions.values()].filter((s) => s.client_reference_id === "b-lost").map((s) => s.id)).toEqual([
      session.id,
    ]);
  });

  it("surfaces a persistent outage as a Stripe API error and creates nothing", async () => {
    const before = standIn.state.checkoutSessions.size;
    standIn.failNext((r) => r.path === "/v1/checkout/sessions", 503, { message: "down" }, { times: Infinity });
    await expectStripeError(
      stripe.checkout.sessions.create(checkoutParams("b-down"), { idempotencyKey: "checkout:b-down" }),
      "StripeAPIError",
      {
        statusCode: 503,
      },
    );
    expect(postsTo("/v1/checkout/sessions", "checkout:b-down")).toHaveLength(3); // the first try and two retries
    expect(standIn.state.checkoutSessions.size).toBe(before);
    standIn.clearFailures();
    // Nothing was stored under the key, so the same request now goes through.
    const later = await stripe.checkout.sessions.create(checkoutParams("b-down"), { idempotencyKey: "checkout:b-down" });
    expect(later.amount_total).toBe(5000);
  });

  it("completes a checkout, refunds at most what was charged, and replays an idempotent refund", async () => {
    const session = await stripe.checkout.sessions.create(checkoutParams("b-refund", 4000));
    const event = standIn.completeCheckout(session.id);
    expect(event.type).toBe("checkout.session.completed");
    const paid = event.data.object as Stripe.Checkout.Session;
    expect(paid).toMatchObject({ id: session.id, payment_status: "paid", status: "complete", amount_total: 4500 });
    const intentId = paid.payment_intent as string;
    expect(await stripe.paymentIntents.retrieve(intentId)).toMatchObject({
      amount_received: 4500,
      transfer_group: "booking:b-refund",
      metadata: { bookingId: "b-refund" },
    });

    const partial = await stripe.refunds.create({ payment_intent: intentId, amount: 1500 }, { idempotencyKey: "refund:b-refund:1" });
    expect(partial).toMatchObject({ amount: 1500, payment_intent: intentId, status: "succeeded", currency: "usd" });
    const replay = await stripe.refunds.create({ payment_intent: intentId, amount: 1500 }, { idempotencyKey: "refund:b-refund:1" });
    expect(replay.id).toBe(partial.id);

    await expectStripeError(stripe.refunds.create({ payment_intent: intentId, amount: 3001 }), "StripeInvalidRequestError", {
      code: "amount_too_large",
      param: "amount",
    });
    const rest = await stripe.refunds.create({ payment_intent: intentId });
    expect(rest.amount).toBe(3000);
    await expectStripeError(stripe.refunds.create({ payment_intent: intentId, amount: 1 }), "StripeInvalidRequestError", {
      code: "charge_already_refunded",
    });
    expect([...standIn.state.refunds.values()].filter((r) => r.payment_intent === intentId).map((r) => r.amount)).toEqual([1500, 3000]);
    await expectStripeError(stripe.refunds.create({ payment_intent: "pi_unknown" }), "StripeInvalidRequestError", { statusCode: 404 });
  });

  it("onboards an Express account and pays it by idempotent transfers listed by transfer group", async () => {
    const account = await stripe.accounts.create({ type: "express", email: "mentor@example.com" }, { idempotencyKey: "account:m1" });
    expect(account).toMatchObject({ type: "express", payouts_enabled: false, details_submitted: false });
    const link = await stripe.accountLinks.create({
      account: account.id,
      type: "account_onboarding",
      refresh_url: "http://app.test/refresh",
      return_url: "http://app.test/return",
    });
    expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/connect\/onboarding\//);

    const transfer = { amount: 3600, currency: "usd", destination: account.id, transfer_group: "payout:p1", metadata: { payoutId: "p1" } };
    await expectStripeError(stripe.transfers.create(transfer, { idempotencyKey: "transfer:p1" }), "StripeInvalidRequestError", {
      code: "insufficient_capabilities_for_transfer",
    });

    const updated = standIn.enablePayouts(account.id);
    expect(updated.type).toBe("account.updated");
    expect(await stripe.accounts.retrieve(account.id)).toMatchObject({ payouts_enabled: true, details_submitted: true });

    // The refused attempt stored nothing, so the same key now goes through once.
    const sent = await stripe.transfers.create(transfer, { idempotencyKey: "transfer:p1" });
    const resent = await stripe.transfers.create(transfer, { idempotencyKey: "transfer:p1" });
    expect(resent.id).toBe(sent.id);
    await expectStripeError(
      stripe.transfers.create({ ...transfer, amount: 3700 }, { idempotencyKey: "transfer:p1" }),
      "StripeIdempotencyError",
    );
    await stripe.transfers.create(
      { ...transfer, transfer_group: "payout:p2", metadata: { payoutId: "p2" } },
      { idempotencyKey: "transfer:p2" },
    );

    const group = await stripe.transfers.list({ transfer_group: "payout:p1" });
    expect(group.data.map((t) => [t.id, t.amount, t.destination, t.metadata.payoutId])).toEqual([[sent.id, 3600, account.id, "p1"]]);
    expect((await stripe.transfers.list({ transfer_group: "payout:none" })).data).toEqual([]);

    await expectStripeError(stripe.transfers.create({ ...transfer, destination: "acct_missing" }), "StripeInvalidRequestError", {
      param: "destination",
    });
  });

  it("refuses transfers beyond the platform's available balance when one is set", async () => {
    const account = await stripe.accounts.create({ type: "express" });
    standIn.enablePayouts(account.id);
    standIn.state.availableBalance = new Map([["usd", 1000]]);
    try {
      await stripe.transfers.create({ amount: 800, currency: "usd", destination: account.id });
      await expectStripeError(
        stripe.transfers.create({ amount: 201, currency: "usd", destination: account.id }),
        "StripeInvalidRequestError",
        {
          code: "balance_insufficient",
        },
      );
      expect(standIn.state.availableBalance.get("usd")).toBe(200);
      // GET /v1/balance reports it, and captured money not settled yet as pending.
      standIn.state.pendingBalance.set("usd", 700);
      const balance = await stripe.balance.retrieve();
      expect(balance.available.map((b) => [b.currency, b.amount])).toEqual([["usd", 200]]);
      expect(balance.pending.map((b) => [b.currency, b.amount])).toEqual([["usd", 700]]);
      standIn.settleCharges();
      expect((await stripe.balance.retrieve()).available.map((b) => [b.currency, b.amount])).toEqual([["usd", 900]]);
    } finally {
      standIn.state.pendingBalance.clear();
      standIn.state.availableBalance = undefined;
    }
  });

  it("signs events the way Stripe does, so the SDK's verification accepts them", async () => {
    const account = await stripe.accounts.create({ type: "express" });
    const event = standIn.enablePayouts(account.id);
    const { body, signature } = standIn.sign(event, "whsec_check");
    const verified = stripe.webhooks.constructEvent(body, signature, "whsec_check");
    expect(verified).toMatchObject({ id: event.id, type: "account.updated", data: { object: { id: account.id, payouts_enabled: true } } });
    expect(() => stripe.webhooks.constructEvent(body, signature, "whsec_other")).toThrow(Stripe.errors.StripeSignatureVerificationError);
    const stale = standIn.sign(event, "whsec_check", Math.floor(Date.now() / 1000) - 3600);
    expect(() => stripe.webhooks.constructEvent(stale.body, stale.signature, "whsec_check", 300)).toThrow(/timestamp/i);
  });
});
