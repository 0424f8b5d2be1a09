// The expiry task: paid requests the mentor leaves unanswered for BOOKING_RESPONSE_HOURS expire
// with a full refund and an email to both sides; unpaid bookings older than a day expire
// quietly; two overlapping runs expire each booking once. Runs on the payment simulator
// (no Stripe keys), whose refunds succeed at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, OPS, checkoutCompleted, marketplace, paidBooking, rawId, requestBooking } from "./support/fixtures.ts";
import { expireBookingsTask } from "../server/bookings/booking-jobs.ts";
import { accountBalance, auditLedger, PLATFORM_ACCOUNTS } from "../server/ledger/ledger.ts";
import { ConfigError, loadEnv } from "../server/env.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ vars: { ...ADMIN_VARS, BOOKING_RESPONSE_HOURS: "48" }, scheduler: false });
});
afterAll(() => t?.stop());

const HOUR = 3600_000;
const runTask = () => expireBookingsTask.run(t.app.services, () => undefined);
const backdate = (globalId: string, field: "paidAt" | "createdAt", hours: number) =>
  t.db.booking.update({ where: { id: rawId(globalId) }, data: { [field]: new Date(Date.now() - hours * HOUR) } });
const statusOf = async (globalId: string) => (await t.db.booking.findUniqueOrThrow({ where: { id: rawId(globalId) } })).status;

describe("booking expiry", () => {
  it("reads BOOKING_RESPONSE_HOURS (default 72) and refuses bad values", () => {
    expect(loadEnv({}).bookingResponseHours).toBe(72);
    expect(loadEnv({ BOOKING_RESPONSE_HOURS: "12" }).bookingResponseHours).toBe(12);
    for (const bad of ["0", "1.5", "-3", "soon", "100000"]) {
      expect(() => loadEnv({ BOOKING_RESPONSE_HOURS: bad })).toThrow(ConfigError);
      expect(() => loadEnv({ BOOKING_RESPONSE_HOURS: bad })).toThrow(/BOOKING_RESPONSE_HOURS/);
    }
  });

  it("expires unanswered paid requests with a refund and two emails, unpaid day-old ones quietly, and nothing else", async () => {
    const m = await marketplace(t, 6100);
    const heldBefore = await accountBalance(t.db, PLATFORM_ACCOUNTS.heldPayments);
    const unanswered = await paidBooking(t, m);
    const fresh = await paidBooking(t, m);
    const confirmed = await paidBooking(t, m);
    expect((await t.gql(OPS.confirmBooking, { id: confirmed }, m.mentor.token)).data.confirmBooking.__typename).toBe(
      "ConfirmBookingSuccess",
    );
    const unpaidOld = (await requestBooking(t, m.mentee.token, m.sessionTypeId)).booking.id;
    const unpaidNew = (await requestBooking(t, m.mentee.token, m.sessionTypeId)).booking.id;
    await backdate(unanswered, "paidAt", 49);
    await backdate(fresh, "paidAt", 47);
    await backdate(confirmed, "paidAt", 200);
    await backdate(unpaidOld, "createdAt", 25);
    await backdate(unpaidNew, "createdAt", 23);

    const report = await runTask();
    expect(report.summary).toMatch(/expired 1 unanswered and 1 unpaid/);
    expect([
      await statusOf(unanswered),
      await statusOf(fresh),
      await statusOf(confirmed),
      await statusOf(unpaidOld),
      await statusOf(unpaidNew),
    ]).toEqual(["EXPIRED", "PENDING", "CONFIRMED", "EXPIRED", "AWAITING_PAYMENT"]);

    // The unanswered one: refunded in full, both sides told, history says the system did it.
    const id = rawId(unanswered);
    const view = await t.gql(
      `query($id: ID!) { booking(id: $id) { status refund { status reason amount { amountCents } } history { toStatus actorKind note } } }`,
      { id: unanswered },
      m.mentee.token,
    );
    expect(view.data.booking).toMatchObject({
      status: "EXPIRED",
      refund: { status: "SUCCEEDED", reason: "EXPIRED", amount: { amountCents: 6100 } },
    });
    expect(view.data.booking.history.at(-1)).toEqual({ toStatus: "EXPIRED", actorKind: "SYSTEM", note: "Not answered within 48 hours" });
    const emails = await t.db.emailMessage.findMany({
      where: { dedupeKey: { startsWith: "bookingExpired" }, AND: { dedupeKey: { endsWith: id } } },
    });
    expect(emails.map((e) => [e.tag, e.to]).sort()).toEqual([
      ["booking-expired", m.mentee.email],
      ["booking-expired-mentor", m.mentor.email],
    ]);
    expect(emails.find((e) => e.to === m.mentee.email)!.textBody).toContain("refunding your payment of $61.00 in full");
    const kinds = (await t.db.ledgerTransaction.findMany({ where: { bookingId: id } })).map((x) => x.kind).sort();
    expect(kinds).toEqual(["PAYMENT", "REFUND"]);

    // The unpaid one: no refund, no email.
    const unpaidId = rawId(unpaidOld);
    expect(await t.db.refund.count({ where: { bookingId: unpaidId } })).toBe(0);
    expect(await t.db.emailMessage.count({ where: { dedupeKey: { endsWith: unpaidId } } })).toBe(0);

    // Held payments: the two still-held bookings (fresh PENDING, CONFIRMED) and nothing else.
    expect(await accountBalance(t.db, PLATFORM_ACCOUNTS.heldPayments)).toBe(heldBefore + 2 * 6100);
    const audit = await auditLedger(t.db);
    expect(audit.debitsMinusCredits).toBe(0);

    // A second run finds nothing more to do.
    expect((await runTask()).summary).toMatch(/expired 0 unanswered and 0 unpaid/);
  });

  it("refunds a payment that lands after the task expired the unpaid booking", async () => {
    const m = await marketplace(t, 2900);
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    await backdate(booking.id, "createdAt", 24.5);
    await runTask();
    expect(await statusOf(booking.id)).toBe("EXPIRED");
    const paid = checkoutCompleted(booking.id, 2900);
    const response = await t.webhook(paid);
    expect(await response.json()).toEqual({ received: true, outcome: "applied" });
    expect(await (await t.webhook(paid)).json()).toEqual({ received: true, outcome: "duplicate" });
    const id = rawId(booking.id);
    expect(await statusOf(booking.id)).toBe("EXPIRED");
    expect(await t.db.refund.findUniqueOrThrow({ where: { bookingId: id } })).toMatchObject({
      reason: "LATE_PAYMENT",
      status: "SUCCEEDED",
      amountCents: 2900,
      paymentIntentId: paid.data.object.payment_intent,
    });
    const kinds = (await t.db.ledgerTransaction.findMany({ where: { bookingId: id } })).map((x) => x.kind).sort();
    expect(kinds).toEqual(["PAYMENT", "REFUND"]);
    // Still closed and never paid as far as the mentor is concerned.
    expect((await t.gql(OPS.booking, { id: booking.id }, m.mentor.token)).data.booking).toBeNull();
  });

  it("expires each booking once when two runs overlap", async () => {
    const m = await marketplace(t, 2300);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await paidBooking(t, m);
      await backdate(id, "paidAt", 100);
      ids.push(id);
    }
    const unpaid = (await requestBooking(t, m.mentee.token, m.sessionTypeId)).booking.id;
    await backdate(unpaid, "createdAt", 30);

    const reports = await Promise.all([runTask(), runTask()]);
    const expired = reports.map((r) =>
      r.summary
        .match(/expired (\d+) unanswered and (\d+) unpaid/)!
        .slice(1)
        .map(Number),
    );
    expect(expired.reduce((sum, [a, b]) => sum + a! + b!, 0)).toBe(5);
    for (const id of [...ids, unpaid]) {
      const bookingId = rawId(id);
      expect(await statusOf(id)).toBe("EXPIRED");
      expect(await t.db.bookingEvent.count({ where: { bookingId, toStatus: "EXPIRED" } })).toBe(1);
    }
    for (const id of ids) {
      const bookingId = rawId(id);
      expect(await t.db.refund.count({ where: { bookingId, status: "SUCCEEDED" } })).toBe(1);
      expect(await t.db.ledgerTransaction.count({ where: { bookingId, kind: "REFUND" } })).toBe(1);
      expect(await t.db.emailMessage.count({ where: { dedupeKey: { endsWith: bookingId }, tag: { startsWith: "booking-expired" } } })).toBe(
        2,
      );
    }
    expect((await auditLedger(t.db)).debitsMinusCredits).toBe(0);
  });

  it("lets an answer that wins the race stand: a booking confirmed just before expiry is not expired", async () => {
    const m = await marketplace(t, 2000);
    const id = await paidBooking(t, m);
    await backdate(id, "paidAt", 60);
    const [confirm] = await Promise.all([t.gql(OPS.confirmBooking, { id }, m.mentor.token), runTask()]);
    const status = await statusOf(id);
    if (confirm.data.confirmBooking.__typename === "ConfirmBookingSuccess") {
      expect(status).toBe("CONFIRMED");
      expect(await t.db.refund.count({ where: { bookingId: rawId(id) } })).toBe(0);
    } else {
      expect(confirm.data.confirmBooking).toMatchObject({ __typename: "InvalidTransitionError", currentStatus: "EXPIRED" });
      expect(status).toBe("EXPIRED");
      expect(await t.db.refund.count({ where: { bookingId: rawId(id) } })).toBe(1);
    }
  });
});
