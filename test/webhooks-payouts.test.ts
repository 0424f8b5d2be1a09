// payout.paid and payout.failed as a partner receives them: only the payout's own mentor's
// endpoints hear of a payout (not another mentor's, not a partner app, granted or not: payouts
// need earnings:read, which a partner key never has), each delivery signed per Standard
// Webhooks (verified with the official `standardwebhooks` package), and exactly once however
// often the payout cycle runs or Stripe replays the transfer's webhook.
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, WEBHOOK_SECRET, type TestApp } from "./support/harness.ts";
import { startStripeStandIn, type StripeStandIn } from "./support/stripe-stand-in.ts";
import { ADMIN_VARS, logInAdmin, rawId, signUp, type Account } from "./support/fixtures.ts";
import { connectMentor, creditEarning, STRIPE_VARS } from "./support/payout-fixtures.ts";
import { deduped, startReceiver, type Receiver } from "./support/webhook-receiver.ts";
import { deliverDueWebhooks } from "../server/webhooks/delivery.ts";
import { runPayoutCycle } from "../server/payouts/cycle.ts";

let stripe: StripeStandIn;
let t: TestApp;
let admin: Account;
const receivers: Receiver[] = [];

beforeAll(async () => {
  stripe = await startStripeStandIn();
  t = await startTestApp({ vars: { ...STRIPE_VARS(stripe), ...ADMIN_VARS, ALLOW_PRIVATE_WEBHOOK_URLS: "true" }, scheduler: false });
  admin = await logInAdmin(t);
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.stop()));
  await t?.stop();
  await stripe?.stop();
});

const CREATE = `mutation($url: String!, $eventTypes: [WebhookEventType!]!) {
  createWebhookEndpoint(url: $url, eventTypes: $eventTypes) {
    __typename ... on CreateWebhookEndpointSuccess { secret endpoint { id } } ... on Error { code message } } }`;
const CREATE_KEY = `mutation($name: String!, $scopes: [ApiScope!]!) {
  createApiKey(name: $name, scopes: $scopes) { __typename ... on CreateApiKeySuccess { secret apiKey { id } } ... on Error { code } } }`;
const GRANT = `mutation($id: ID!) { grantPartnerAccess(partnerAppId: $id) { __typename } }`;
const PAYOUT_TYPES = ["PAYOUT_PAID", "PAYOUT_FAILED"];

async function drain() {
  await t.app.services.settled();
  for (;;) {
    const report = await deliverDueWebhooks(t.db, { allowPrivate: true, publicUrl: t.url, retrySchedule: [0, 0, 0, 0, 0, 0, 0] });
    if (report.attempted === 0) return;
  }
}

/** An endpoint registered with `credential` (a session token or an API key), its receiver verifying with its secret. */
async function endpointFor(credential: string, eventTypes = PAYOUT_TYPES) {
  const receiver = await startReceiver();
  receivers.push(receiver);
  const created = await t.gql(CREATE, { url: receiver.url, eventTypes }, credential);
  expect(created.data.createWebhookEndpoint.__typename).toBe("CreateWebhookEndpointSuccess");
  const secret = created.data.createWebhookEndpoint.secret as string;
  receiver.secrets.push(secret);
  return { receiver, secret };
}

/** A signed-up, approved mentor with `cents` on their balance and payouts enabled at the stand-in. */
async function paidMentor(cents: number) {
  const mentor = await signUp(t, "MENTOR");
  const approved = await t.gql(`mutation($id: ID!) { approveMentor(userId: $id) { __typename } }`, { id: mentor.id }, admin.token);
  expect(approved.data.approveMentor.__typename).toBe("ApproveMentorSuccess");
  const userId = rawId(mentor.id);
  await creditEarning(t.db, userId, cents);
  const accountId = await connectMentor(t, stripe, userId);
  return { ...mentor, userId, accountId };
}

/** A partner app (an admin's key) with an endpoint; granted by `grantedBy` when given. */
async function partnerEndpoint(grantedBy?: Account) {
  const key = await t.gql(
    CREATE_KEY,
    { name: "Payroll partner", scopes: ["CATALOG_READ", "BOOKINGS_READ", "WEBHOOKS_MANAGE"] },
    admin.token,
  );
  expect(key.data.createApiKey.__typename).toBe("CreateApiKeySuccess");
  const { secret, apiKey } = key.data.createApiKey as { secret: string; apiKey: { id: string } };
  if (grantedBy) {
    const appId = Buffer.from(`PartnerApp:${rawId(apiKey.id)}`).toString("base64");
    expect((await t.gql(GRANT, { id: appId }, grantedBy.token)).data.grantPartnerAccess.__typename).toBe("GrantPartnerAccessSuccess");
  }
  // Asks for every event type a partner may (payout types included: the scope decides).
  return endpointFor(secret, ["BOOKING_PAID", ...PAYOUT_TYPES]);
}

const payoutGlobalId = (id: string) => Buffer.from(`Payout:${id}`).toString("base64");

describe("payout webhooks", () => {
  it("payout.paid reaches only the payout's mentor's endpoints, signed, once across concurrent and repeated cycles", async () => {
    const a = await paidMentor(2300);
    const b = await paidMentor(1700);
    const aHook = await endpointFor(a.token);
    const aBookingsOnly = await endpointFor(a.token, ["BOOKING_PAID"]);
    const bHook = await endpointFor(b.token);
    const ungranted = await partnerEndpoint();
    const granted = await partnerEndpoint(a);

    // Two cycles at once, then a third, then a transfer.created replayed for the paid payout.
    await Promise.all([runPayoutCycle(t.app.services), runPayoutCycle(t.app.services)]);
    await runPayoutCycle(t.app.services);
    const payoutA = await t.db.payout.findFirstOrThrow({ where: { mentorId: a.userId } });
    const payoutB = await t.db.payout.findFirstOrThrow({ where: { mentorId: b.userId } });
    expect(payoutA.status).toBe("PAID");
    const transfer = stripe.state.transfers.get(payoutA.stripeTransferId!)!;
    const created = stripe.event("transfer.created", transfer);
    for (let i = 0; i < 2; i += 1) expect((await stripe.deliver(`${t.url}/webhooks/stripe`, created, WEBHOOK_SECRET)).status).toBe(200);
    await drain();
    await drain();

    // Exactly one delivery each, not merely one after dedupe.
    expect(aHook.receiver.unverified).toEqual([]);
    expect(aHook.receiver.accepted.map((r) => [r.type, r.subjectId])).toEqual([["payout.paid", payoutGlobalId(payoutA.id)]]);
    expect(bHook.receiver.accepted.map((r) => [r.type, r.subjectId])).toEqual([["payout.paid", payoutGlobalId(payoutB.id)]]);
    expect(await t.db.webhookEvent.count({ where: { subjectId: payoutA.id } })).toBe(1);
    // Not subscribed to payouts; partner apps never (no earnings:read), granted or not.
    expect(aBookingsOnly.receiver.accepted).toEqual([]);
    expect(ungranted.receiver.accepted).toEqual([]);
    expect(granted.receiver.accepted).toEqual([]);

    // Standard Webhooks: the official library verifies it with the endpoint's secret, and only with it.
    const delivery = aHook.receiver.accepted[0]!;
    expect(delivery.headers["webhook-id"]).toBeTruthy();
    expect(delivery.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    const verified = new Webhook(aHook.secret).verify(delivery.body, delivery.headers) as { type: string; data: any };
    expect(verified).toMatchObject({
      type: "payout.paid",
      data: {
        payout: { id: payoutGlobalId(payoutA.id), status: "PAID", amount: { amountCents: 2300, currency: "usd" }, failureReason: null },
      },
    });
    expect(() => new Webhook(bHook.secret).verify(delivery.body, delivery.headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(aHook.secret).verify(delivery.body.replace("2300", "9300"), delivery.headers)).toThrow(
      WebhookVerificationError,
    );
    // No one's email in it.
    expect(delivery.body).not.toContain("@");
  }, 60_000);

  it("payout.failed, for a refused transfer and for a reversal replayed three times, reaches the mentor once each", async () => {
    const a = await paidMentor(4200);
    const other = await paidMentor(1500);
    const aHook = await endpointFor(a.token);
    const otherHook = await endpointFor(other.token, ["PAYOUT_FAILED"]);
    const ungranted = await partnerEndpoint();

    stripe.failNext((r) => r.method === "POST" && r.path === "/v1/transfers" && r.params.destination === a.accountId, 400, {
      code: "transfers_not_allowed",
      message: "Transfers to this account are not allowed.",
    });
    await runPayoutCycle(t.app.services);
    const refused = await t.db.payout.findFirstOrThrow({ where: { mentorId: a.userId, status: "FAILED" } });
    // The next cycles pay it; the last one finds nothing to do.
    await runPayoutCycle(t.app.services);
    await runPayoutCycle(t.app.services);
    const paid = await t.db.payout.findFirstOrThrow({ where: { mentorId: a.userId, status: "PAID" } });

    // Stripe reverses the paid transfer and says so three times.
    const transfer = stripe.state.transfers.get(paid.stripeTransferId!)!;
    Object.assign(transfer, { reversed: true, amount_reversed: transfer.amount });
    const reversed = stripe.event("transfer.reversed", transfer);
    for (let i = 0; i < 3; i += 1) expect((await stripe.deliver(`${t.url}/webhooks/stripe`, reversed, WEBHOOK_SECRET)).status).toBe(200);
    await drain();

    expect(aHook.receiver.unverified).toEqual([]);
    // In order per payout (the subject); the two payouts' deliveries may interleave.
    const of = (subject: string) => aHook.receiver.accepted.filter((r) => r.subjectId === subject);
    expect(of(payoutGlobalId(refused.id)).map((r) => r.type)).toEqual(["payout.failed"]);
    expect(of(payoutGlobalId(paid.id)).map((r) => r.type)).toEqual(["payout.paid", "payout.failed"]);
    expect(aHook.receiver.accepted).toHaveLength(3);
    expect(deduped(aHook.receiver.accepted)).toHaveLength(3);
    const body = (r: (typeof aHook.receiver.accepted)[number]) =>
      new Webhook(aHook.secret).verify(r.body, r.headers) as { data: { payout: any } };
    const refusedBody = body(of(payoutGlobalId(refused.id))[0]!);
    const reversedBody = body(of(payoutGlobalId(paid.id))[1]!);
    expect(refusedBody.data.payout).toMatchObject({ status: "FAILED", amount: { amountCents: 4200 }, paidAt: null });
    expect(refusedBody.data.payout.failureReason).toContain("Stripe does not allow transfers to your account");
    expect(reversedBody.data.payout).toMatchObject({
      status: "FAILED",
      failureReason: "The transfer was reversed",
      amount: { amountCents: 4200 },
    });
    expect(reversedBody.data.payout.paidAt).not.toBeNull();
    expect(await t.db.webhookEvent.count({ where: { subjectId: paid.id, type: "payout.failed" } })).toBe(1);
    // The other mentor's payout went through: its endpoint (failures only) hears nothing, nor the partner.
    expect(otherHook.receiver.accepted).toEqual([]);
    expect(ungranted.receiver.accepted).toEqual([]);
  }, 60_000);
});
