// Concurrent transitions on one booking: exactly one wins, exactly one history row is written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, marketplace, OPS, paidBooking, rawId } from "./support/fixtures.ts";

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
    await t.gql(OPS.addBookingLinks, { id, availabilityLink: "https://cal.example/a", meetingLink: "https://meet.example/b" }, m.mentor.token);
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
    await t.gql(OPS.addBookingLinks, { id, availabilityLink: "https://cal.example/a", meetingLink: "https://meet.example/b" }, m.mentor.token);
    const [complete, ...links] = await Promise.all([
      t.gql(OPS.completeBooking, { id }, m.mentor.token),
      ...Array.from({ length: 5 }, (_, i) =>
        t.gql(OPS.addBookingLinks, { id, availabilityLink: `https://cal.example/${i}`, meetingLink: `https://meet.example/${i}` }, m.mentor.token),
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
});
