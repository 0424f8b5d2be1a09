// POST /webhooks/stripe: signatures on the raw body, idempotency, unknown and foreign events.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, WEBHOOK_SECRET, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, checkoutCompleted, marketplace, rawId, requestBooking } from "./support/fixtures.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ vars: ADMIN_VARS });
});
afterAll(() => t?.stop());

async function state() {
  const [bookings, events, processed, emails] = await Promise.all([
    t.db.booking.findMany({ select: { id: true, status: true }, orderBy: { id: "asc" } }),
    t.db.bookingEvent.count(),
    t.db.processedWebhookEvent.count(),
    t.db.emailMessage.count(),
  ]);
  return { bookings, events, processed, emails };
}

describe("Stripe webhook", () => {
  it("refuses bad, stale, missing and re-serialised signatures with 400, writing nothing", async () => {
    const m = await marketplace(t);
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    const event = checkoutCompleted(booking.id, m.priceCents);
    const before = await state();

    expect((await t.webhook(event, { secret: "whsec_wrong" })).status).toBe(400);
    expect((await t.webhook(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(400);
    // Signed over one serialisation, delivered as another (same JSON, other bytes).
    const signed = JSON.stringify(event);
    const stripe = new Stripe("sk_test");
    const signature = stripe.webhooks.generateTestHeaderString({ payload: signed, secret: WEBHOOK_SECRET });
    const reserialised = JSON.stringify(event, null, 2);
    const response = await fetch(`${t.url}/webhooks/stripe`, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": signature },
      body: reserialised,
    });
    expect(response.status).toBe(400);
    const unsigned = await fetch(`${t.url}/webhooks/stripe`, { method: "POST", body: signed });
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toEqual({ error: "Missing Stripe-Signature header" });
    expect((await fetch(`${t.url}/webhooks/stripe`)).status).toBe(405);

    expect(await state()).toEqual(before);
    // The correctly signed original still works afterwards.
    expect((await t.webhook(event)).status).toBe(200);
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: rawId(booking.id) } })).status).toBe("PENDING");
  });

  it("applies one payment once, even when the same event arrives ten times at once", async () => {
    const m = await marketplace(t);
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    const event = checkoutCompleted(booking.id, m.priceCents);
    const responses = await Promise.all(Array.from({ length: 10 }, () => t.webhook(event)));
    const outcomes = await Promise.all(responses.map((r) => r.json()));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(outcomes.filter((o) => o.outcome === "applied")).toHaveLength(1);
    const id = rawId(booking.id);
    expect(await t.db.bookingEvent.count({ where: { bookingId: id, toStatus: "PENDING" } })).toBe(1);
    expect(await t.db.emailMessage.count({ where: { dedupeKey: `bookingPaid:${id}` } })).toBe(1);
    expect(await t.db.processedWebhookEvent.count({ where: { id: event.id } })).toBe(1);

    // A different event for the same paid session changes nothing either.
    const second = await t.webhook(checkoutCompleted(booking.id, m.priceCents));
    expect(await second.json()).toEqual({ received: true, outcome: "duplicate" });
    expect(await t.db.bookingEvent.count({ where: { bookingId: id } })).toBe(2);
  });

  // Wrong amounts or currencies are recorded and refunded: test/money-durability.test.ts.
  it("acknowledges unknown types, foreign bookings and unpaid sessions without applying them", async () => {
    const m = await marketplace(t);
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    const before = await state();
    const cases = [
      { id: "evt_unknown", object: "event", type: "customer.created", data: { object: { id: "cus_1" } } },
      checkoutCompleted("Qm9va2luZzowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA=", m.priceCents),
      checkoutCompleted(booking.id, m.priceCents, { paymentStatus: "unpaid" }),
    ];
    for (const event of cases) {
      const response = await t.webhook(event);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ received: true, outcome: "ignored" });
    }
    expect(await state()).toEqual(before);
  });
});
