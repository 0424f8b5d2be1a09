import { describe, expect, it } from "vitest";
import { checkEventObject, EVENT_OBJECT_SHAPES, NotAnEventError, readEnvelope, UnreadableEventError } from "./event-shapes.ts";
import { HANDLED_EVENT_TYPES } from "./dispatcher.ts";

const event = (type: string, object: unknown, extra: Record<string, unknown> = {}) =>
  readEnvelope({ id: "evt_1", object: "event", type, created: 1_700_000_000, data: { object }, ...extra });

function reason(type: string, object: unknown): string {
  try {
    checkEventObject(event(type, object));
    return "ok";
  } catch (error) {
    expect(error).toBeInstanceOf(UnreadableEventError);
    return (error as UnreadableEventError).path;
  }
}

describe("Stripe event shapes", () => {
  it("describe the data of every event type a handler reads", () => {
    expect(HANDLED_EVENT_TYPES.filter((type) => !(type in EVENT_OBJECT_SHAPES))).toEqual([]);
  });

  it("refuse bodies that are not events", () => {
    for (const body of [
      null,
      [],
      1,
      "evt",
      true,
      {},
      { id: "evt_1", type: "x" },
      { id: 1, type: "a.b", data: {} },
      { id: "evt_1", type: "a.b", data: [] },
      { id: "evt\u0000", type: "a.b", data: {} },
      { id: "evt_1", type: "a.b", created: "yesterday", data: {} },
      { id: "evt_1", type: "a.b", created: 253_402_300_800, data: {} },
    ]) {
      expect(() => readEnvelope(body), JSON.stringify(body)).toThrow(NotAnEventError);
    }
  });

  it("accept what Stripe sends, with nulls where Stripe may send null", () => {
    const session = {
      id: "cs_1",
      client_reference_id: null,
      metadata: { bookingId: "x" },
      payment_status: "paid",
      payment_intent: { id: "pi_1" },
      amount_total: 5000,
      currency: "usd",
    };
    expect(reason("checkout.session.completed", session)).toBe("ok");
    expect(reason("checkout.session.completed", { id: "cs_1" })).toBe("ok");
    expect(
      reason("charge.refunded", { id: "ch_1", refunded: true, refunds: { data: [{ id: "re_1", status: "succeeded", metadata: {} }] } }),
    ).toBe("ok");
    expect(
      reason("account.updated", {
        id: "acct_1",
        requirements: { currently_due: ["external_account"], past_due: [], disabled_reason: null },
      }),
    ).toBe("ok");
    expect(reason("transfer.reversed", { id: "tr_1", amount: 100, amount_reversed: 100, reversed: true, destination: "acct_1" })).toBe(
      "ok",
    );
    expect(reason("customer.created", "anything at all")).toBe("ok"); // not handled: ignored
  });

  it("name the field a handler could not read", () => {
    expect(reason("checkout.session.completed", null)).toBe("data.object");
    expect(reason("checkout.session.completed", { id: "cs_1", amount_total: "5000" })).toBe("data.object.amount_total");
    expect(reason("checkout.session.completed", { id: "cs_1", currency: "us\u0000" })).toBe("data.object.currency");
    expect(reason("checkout.session.expired", { id: "cs_1", client_reference_id: "\uD800" })).toBe("data.object.client_reference_id");
    expect(reason("refund.updated", { id: "re_1", metadata: { refundId: 7 } })).toBe("data.object.metadata.refundId");
    expect(reason("charge.refunded", { id: "ch_1", refunds: { data: [{ id: {} }] } })).toBe("data.object.refunds.data[0].id");
    expect(reason("transfer.created", { id: "tr_1" })).toBe("data.object.amount");
    expect(() => checkEventObject(event("account.updated", { id: "acct_1" }, { created: undefined }))).toThrow(UnreadableEventError);
  });
});
