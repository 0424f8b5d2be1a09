// Concurrent transitions on one booking: exactly one wins, exactly one history row is written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, checkoutCompleted, marketplace, OPS, PASSWORD, paidBooking, rawId, requestBooking } from "./support/fixtures.ts";
import { auditLedger } from "../server/ledger/ledger.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ vars: ADMIN_VARS });
});
afterAll(() => t?.stop());

describe("concurrent transitions", () => {
  it("20 simultaneous confirm and decline calls: one succeeds, one history row", async () => {
    const m = await marketplace(t);
    const id = await paidBooking(t, m);
    const calls = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? t.gql(OPS.confirmBooking, { id }, m.mentor.token).then((r) => r.data.confirmBooking)
        : t.gql(OPS.declineBooking, { id, reason: `no ${i}` }, m.mentor.token).then((r) => r.data.declineBooking),
    );
    const results = await Promise.all(calls);
    const winners = results.filter((r) => r.__typename.endsWith("Success"));
    expect(winners).toHaveLength(1);
    const losers = results.filter((r) => !r.__typename.endsWith("Success"));
    expect(losers.every((r) => r.__typename === "InvalidTransitionError")).toBe(true);
    const final = winners[0]!.booking.status;
    expect(losers.every((r) => r.currentStatus === final)).toBe(true);

    const bookingId = rawId(id);
    const rows = await t.db.bookingEvent.findMany({ where: { bookingId, fromStatus: "PENDING" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.toStatus).toBe(final);
    expect(await t.db.bookingEvent.count({ where: { bookingId } })).toBe(3);
    expect(await t.db.session.count({ where: { bookingId } })).toBe(final === "CONFIRMED" ? 1 : 0);
    expect(await t.db.emailMessage.count({ where: { dedupeKey: { contains: bookingId }, to: { not: m.mentor.email } } })).toBe(1);
  });

  it("20 simultaneous completes: one succeeds", async () => {
    const m = await marketplace(t);
    const id = await paidBooking(t, m);
    await t.gql(OPS.confirmBooking, { id }, m.mentor.token);
    await t.gql(
      OPS.addBookingLinks,
      { id, availabilityLink: "https://cal.example/a", meetingLink: "https://meet.example/b" },
      m.mentor.token,
    );
    const results = await Promise.all(
      Array.from({ length: 20 }, () => t.gql(OPS.completeBooking, { id }, m.mentor.token).then((r) => r.data.completeBooking.__typename)),
    );
    expect(results.filter((r) => r === "CompleteBookingSuccess")).toHaveLength(1);
    expect(results.filter((r) => r === "InvalidTransitionError")).toHaveLength(19);
    expect(await t.db.bookingEvent.count({ where: { bookingId: rawId(id), toStatus: "COMPLETED" } })).toBe(1);
  });

  it("links racing with complete never land on a completed booking silently", async () => {
    const m = await marketplace(t);
    const id = await paidBooking(t, m);
    await t.gql(OPS.confirmBooking, { id }, m.mentor.token);
    await t.gql(
      OPS.addBookingLinks,
      { id, availabilityLink: "https://cal.example/a", meetingLink: "https://meet.example/b" },
      m.mentor.token,
    );
    const [complete, ...links] = await Promise.all([
      t.gql(OPS.completeBooking, { id }, m.mentor.token),
      ...Array.from({ length: 5 }, (_, i) =>
        t.gql(
          OPS.addBookingLinks,
          { id, availabilityLink: `https://cal.example/${i}`, meetingLink: `https://meet.example/${i}` },
          m.mentor.token,
        ),
      ),
    ]);
    expect(complete!.data.completeBooking.__typename).toBe("CompleteBookingSuccess");
    const session = await t.db.session.findUniqueOrThrow({ where: { bookingId: rawId(id) } });
    const accepted = links.filter((l) => l.data.addBookingLinks.__typename === "AddBookingLinksSuccess");
    // Every accepted edit happened before completion; refused ones say why.
    for (const l of accepted) expect(l.data.addBookingLinks.booking.status).toBe("CONFIRMED");
    for (const l of links.filter((l) => !accepted.includes(l))) {
      expect(l.data.addBookingLinks).toMatchObject({ __typename: "InvalidTransitionError", currentStatus: "COMPLETED" });
    }
    expect(session.linksAddedAt!.getTime()).toBeLessThanOrEqual(session.completedAt!.getTime());
  });

  it("a mentee cancelling while the payment lands always cancels, and the money goes back once", async () => {
    const m = await marketplace(t, 3100);
    const bookings = await Promise.all(Array.from({ length: 10 }, () => requestBooking(t, m.mentee.token, m.sessionTypeId)));
    const results = await Promise.all(
      bookings.map(async ({ booking }) => {
        const [cancel, webhook] = await Promise.all([
          t.gql(OPS.cancelBooking, { id: booking.id }, m.mentee.token),
          t.webhook(checkoutCompleted(booking.id, m.priceCents)),
        ]);
        return { cancel: cancel.data.cancelBooking, webhook: webhook.status };
      }),
    );
    await t.app.services.settled();
    for (const r of results) {
      expect(r.webhook).toBe(200);
      expect(r.cancel).toMatchObject({ __typename: "CancelBookingSuccess", booking: { status: "CANCELLED" } });
    }
    for (const { booking } of bookings) {
      const row = await t.db.booking.findUniqueOrThrow({ where: { id: rawId(booking.id) }, include: { refund: true } });
      expect(row.status).toBe("CANCELLED");
      // Paid (before or after the cancel): refunded in full, once. The ledger shows both.
      expect(row.refund).toMatchObject({ status: "SUCCEEDED", amountCents: 3100 });
      const kinds = (await t.db.ledgerTransaction.findMany({ where: { bookingId: row.id } })).map((x) => x.kind).sort();
      expect(kinds).toEqual(["PAYMENT", "REFUND"]);
    }
    expect((await auditLedger(t.db)).debitsMinusCredits).toBe(0);
  });

  it("concurrent sign-ups and booking requests: one account per email, every request answered with a result or a typed error", async () => {
    // The same email 8 times at once: one account, the others EmailTakenError; 8 other emails: 8 accounts.
    const email = `race.${Date.now()}@example.com`;
    const same = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.gql(OPS.signUp, { email, password: PASSWORD, name: `Racer ${i}`, role: "MENTEE" })),
    );
    for (const result of same) expect(result.errors).toBeUndefined();
    const typenames = same.map((r) => r.data.signUp.__typename).sort();
    expect(typenames).toEqual([...Array(7).fill("EmailTakenError"), "SignUpSuccess"]);
    expect(await t.db.user.count({ where: { email } })).toBe(1);
    const others = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.gql(OPS.signUp, { email: `racer.${i}.${Date.now()}@example.com`, password: PASSWORD, name: `Racer ${i}`, role: "MENTEE" }),
      ),
    );
    expect(others.map((r) => r.data.signUp.__typename)).toEqual(Array(8).fill("SignUpSuccess"));

    // Those mentees all request a booking at once, twice each: every request is a booking (no
    // masked error, no lost request), each with its own checkout.
    const m = await marketplace(t);
    const requests = await Promise.all(
      others.flatMap((r) =>
        [0, 1].map(() => t.gql(OPS.requestBooking, { sessionTypeId: m.sessionTypeId, message: "Hi" }, r.data.signUp.token)),
      ),
    );
    for (const result of requests) {
      expect(result.errors).toBeUndefined();
      expect(result.data.requestBooking.__typename).toBe("RequestBookingSuccess");
    }
    const ids = requests.map((r) => rawId(r.data.requestBooking.booking.id));
    expect(new Set(ids).size).toBe(16);
    expect(await t.db.booking.count({ where: { id: { in: ids }, status: "AWAITING_PAYMENT", checkoutUrl: { not: null } } })).toBe(16);
  });
});
