// The whole story through HTTP, graphql-ws and signed webhooks, with every refusal on the way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connected, startTestApp, subscribe, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, checkoutCompleted, expectLiveStatuses, marketplace, OPS, rawId, requestBooking, signUp } from "./support/fixtures.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ vars: ADMIN_VARS });
});
afterAll(() => t?.stop());

async function snapshot(bookingGlobalId: string) {
  const id = rawId(bookingGlobalId);
  const [booking, events, session, emails] = await Promise.all([
    t.db.booking.findUniqueOrThrow({ where: { id } }),
    t.db.bookingEvent.count({ where: { bookingId: id } }),
    t.db.session.findUnique({ where: { bookingId: id } }),
    t.db.emailMessage.count(),
  ]);
  return { status: booking.status, updatedAt: booking.updatedAt.getTime(), declineReason: booking.declineReason, events, session, emails };
}

describe("booking lifecycle over the API", () => {
  it("runs request, payment, confirm, links and complete, live for both sides", async () => {
    const m = await marketplace(t, 4500);
    const stranger = await signUp(t, "MENTOR");
    const otherMentee = await signUp(t, "MENTEE");

    const mentorWs = t.ws(m.mentor.token);
    await connected(mentorWs);
    const mentorFeed = subscribe(mentorWs, OPS.bookingChanged);

    // 1. Request: awaiting payment, with a checkout URL, nothing for the mentor to do yet.
    const requested = await requestBooking(t, m.mentee.token, m.sessionTypeId, "Can we talk about system design?");
    const id = requested.booking.id;
    expect(requested.booking.status).toBe("AWAITING_PAYMENT");
    expect(requested.booking.price).toEqual({ amountCents: 4500, currency: "USD", formatted: "$45.00" });
    expect(requested.checkoutUrl).toBe(`${t.url}/pay/${rawId(id)}`);
    expect(requested.booking.history).toHaveLength(1);
    // The mentee may pay (at checkoutUrl) or cancel; no deadline for the mentor yet.
    expect(requested.booking).toMatchObject({ viewerCan: ["PAY", "CANCEL"], respondBy: null });

    const menteeWs = t.ws(m.mentee.token);
    await connected(menteeWs);
    const menteeFeed = subscribe(menteeWs, OPS.bookingChanged, { id });

    // 2. Not paid yet: the request is not the mentor's to see, so confirm and decline find nothing.
    for (const op of [OPS.confirmBooking, OPS.declineBooking]) {
      const before = await snapshot(id);
      const result = await t.gql(op, { id }, m.mentor.token);
      const payload = Object.values(result.data)[0] as any;
      expect(payload).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
      expect(await snapshot(id)).toEqual(before);
    }

    // 3. Stripe says paid: PENDING, on the mentor's live feed, the mentor is emailed.
    await new Promise((resolve) => setTimeout(resolve, 150)); // let the subscriptions register
    const paid = checkoutCompleted(id, 4500);
    const response = await t.webhook(paid);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: "applied" });
    const [pendingEvent] = await mentorFeed.next(1);
    expect(pendingEvent!.data).toEqual({ bookingChanged: { id, status: "PENDING", session: null } });
    const mentorEmails = await t.db.emailMessage.findMany({ where: { to: m.mentor.email } });
    expect(mentorEmails.map((e) => e.tag)).toEqual(["booking-paid"]);
    expect(mentorEmails[0]!.textBody).toContain("Can we talk about system design?");
    // The mentor must answer within BOOKING_RESPONSE_HOURS (72 by default) of the payment.
    const paidView = (await t.gql(OPS.booking, { id }, m.mentor.token)).data.booking;
    expect(paidView.viewerCan).toEqual(["CONFIRM", "DECLINE"]);
    expect(Date.parse(paidView.respondBy) - Date.parse(paidView.paidAt)).toBe(72 * 3600_000);
    expect(mentorEmails[0]!.textBody).toContain("Please answer by ");
    expect((await t.gql(OPS.booking, { id }, m.mentee.token)).data.booking).toMatchObject({
      viewerCan: ["CANCEL"],
      respondBy: paidView.respondBy,
    });

    // The same event again changes nothing.
    const beforeReplay = await snapshot(id);
    const replay = await t.webhook(paid);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, outcome: "duplicate" });
    expect(await snapshot(id)).toEqual(beforeReplay);

    // 4. Confirm: refused for the anonymous, the mentee, another mentor and a malformed id.
    const refusals: [string | undefined, Record<string, unknown>, string][] = [
      [undefined, { id }, "NotAuthenticatedError"],
      [m.mentee.token, { id }, "NotAuthorizedError"],
      [stranger.token, { id }, "NotFoundError"],
      [otherMentee.token, { id }, "NotFoundError"],
      // What is not an id names nothing: the same answer as an unknown booking.
      [m.mentor.token, { id: "not-an-id" }, "NotFoundError"],
    ];
    for (const [token, variables, typename] of refusals) {
      const before = await snapshot(id);
      const result = await t.gql(OPS.confirmBooking, variables, token);
      expect(result.errors).toBeUndefined();
      expect(result.data.confirmBooking.__typename).toBe(typename);
      expect(await snapshot(id)).toEqual(before);
    }
    // Links cannot be added before confirming.
    const early = await t.gql(
      OPS.addBookingLinks,
      { id, availabilityLink: "https://cal.example/x", meetingLink: "https://meet.example/y" },
      m.mentor.token,
    );
    expect(early.data.addBookingLinks).toMatchObject({ __typename: "InvalidTransitionError", currentStatus: "PENDING" });

    const confirmed = await t.gql(OPS.confirmBooking, { id }, m.mentor.token);
    expect(confirmed.data.confirmBooking.__typename).toBe("ConfirmBookingSuccess");
    expect(confirmed.data.confirmBooking.booking).toMatchObject({
      status: "CONFIRMED",
      // Complete only once the links exist: it would fail before.
      viewerCan: ["ADD_LINKS", "SCHEDULE", "CANCEL"],
      respondBy: null,
      session: { availabilityLink: null, meetingLink: null, completedAt: null },
    });

    // 5. Complete needs the links first.
    const tooSoon = await t.gql(OPS.completeBooking, { id }, m.mentor.token);
    expect(tooSoon.data.completeBooking).toMatchObject({ __typename: "InvalidTransitionError", currentStatus: "CONFIRMED" });
    expect((await snapshot(id)).status).toBe("CONFIRMED");

    // 6. Links: every bad input names its rule and changes nothing.
    const good = { availabilityLink: "https://calendar.google.com/appointments/abc", meetingLink: "https://meet.google.com/abc-defg-hij" };
    const badLinks: [Record<string, string>, string, string][] = [
      [{ ...good, availabilityLink: "http://calendar.google.com/x" }, "availabilityLink", "HTTPS"],
      [{ ...good, meetingLink: "meet.google.com/abc" }, "meetingLink", "URL"],
      [{ ...good, meetingLink: "https://user:secret@meet.google.com/abc" }, "meetingLink", "NO_CREDENTIALS"],
      [{ ...good, meetingLink: `https://meet.google.com/${"x".repeat(2048)}` }, "meetingLink", "MAX_LENGTH"],
      [{ ...good, availabilityLink: "" }, "availabilityLink", "REQUIRED"],
      [{ ...good, meetingLink: "javascript:alert(1)" }, "meetingLink", "HTTPS"],
    ];
    for (const [links, field, rule] of badLinks) {
      const before = await snapshot(id);
      const result = await t.gql(OPS.addBookingLinks, { id, ...links }, m.mentor.token);
      expect(result.data.addBookingLinks).toMatchObject({ __typename: "ValidationError", code: "INVALID_INPUT", field, rule });
      expect(result.data.addBookingLinks.message).toContain(field);
      expect(await snapshot(id)).toEqual(before);
    }
    for (const [token, typename] of [
      [undefined, "NotAuthenticatedError"],
      [m.mentee.token, "NotAuthorizedError"],
      [stranger.token, "NotFoundError"],
    ] as const) {
      const before = await snapshot(id);
      const result = await t.gql(OPS.addBookingLinks, { id, ...good }, token);
      expect(result.data.addBookingLinks.__typename).toBe(typename);
      expect(await snapshot(id)).toEqual(before);
    }
    const linked = await t.gql(OPS.addBookingLinks, { id, ...good }, m.mentor.token);
    expect(linked.data.addBookingLinks.__typename).toBe("AddBookingLinksSuccess");
    expect(linked.data.addBookingLinks.booking.viewerCan).toEqual(["ADD_LINKS", "SCHEDULE", "COMPLETE", "CANCEL"]);

    // The mentee sees the links.
    const menteeView = await t.gql(OPS.booking, { id }, m.mentee.token);
    expect(menteeView.data.booking.session).toMatchObject({
      availabilityLink: good.availabilityLink,
      meetingLink: good.meetingLink,
    });

    // 7. Complete: only the mentor.
    for (const [token, typename] of [
      [undefined, "NotAuthenticatedError"],
      [m.mentee.token, "NotAuthorizedError"],
      [stranger.token, "NotFoundError"],
    ] as const) {
      const result = await t.gql(OPS.completeBooking, { id }, token);
      expect(result.data.completeBooking.__typename).toBe(typename);
      expect((await snapshot(id)).status).toBe("CONFIRMED");
    }
    const completed = await t.gql(OPS.completeBooking, { id }, m.mentor.token);
    expect(completed.data.completeBooking.booking).toMatchObject({ status: "COMPLETED", viewerCan: [] });
    expect(completed.data.completeBooking.booking.session.completedAt).not.toBeNull();

    // Terminal: nothing more happens.
    const again = await t.gql(OPS.confirmBooking, { id }, m.mentor.token);
    expect(again.data.confirmBooking).toMatchObject({ __typename: "InvalidTransitionError", currentStatus: "COMPLETED" });

    // Live: the mentee saw each change in order, the last with the links.
    const menteeEvents = await menteeFeed.next(4);
    expectLiveStatuses(menteeEvents, ["PENDING", "CONFIRMED", "CONFIRMED", "COMPLETED"]);
    expect((menteeEvents[2]!.data as any).bookingChanged.session).toEqual({
      availabilityLink: good.availabilityLink,
      meetingLink: good.meetingLink,
    });
    const mentorEvents = await mentorFeed.next(4);
    expectLiveStatuses(mentorEvents, ["PENDING", "CONFIRMED", "CONFIRMED", "COMPLETED"]);

    // History: who did which transition, in order.
    const history = completed.data.completeBooking.booking.history;
    expect(history.map((h: any) => [h.fromStatus, h.toStatus, h.actorKind, h.actor?.id ?? null])).toEqual([
      [null, "AWAITING_PAYMENT", "USER", m.mentee.id],
      ["AWAITING_PAYMENT", "PENDING", "STRIPE", null],
      ["PENDING", "CONFIRMED", "USER", m.mentor.id],
      ["CONFIRMED", "COMPLETED", "USER", m.mentor.id],
    ]);

    // One email per committed change.
    const emails = await t.db.emailMessage.findMany({ where: { dedupeKey: { contains: rawId(id) } }, orderBy: { createdAt: "asc" } });
    expect(emails.map((e) => [e.tag, e.to])).toEqual([
      ["booking-paid", m.mentor.email],
      ["booking-confirmed", m.mentee.email],
      ["booking-links", m.mentee.email],
      ["booking-completed", m.mentee.email],
    ]);
  });

  it("declines a paid booking with a reason, and the mentee sees it", async () => {
    const m = await marketplace(t);
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    expect((await t.webhook(checkoutCompleted(booking.id, m.priceCents))).status).toBe(200);

    const tooLong = await t.gql(OPS.declineBooking, { id: booking.id, reason: "x".repeat(1001) }, m.mentor.token);
    expect(tooLong.data.declineBooking).toMatchObject({ __typename: "ValidationError", field: "reason", rule: "MAX_LENGTH" });
    expect((await snapshot(booking.id)).status).toBe("PENDING");
    const byMentee = await t.gql(OPS.declineBooking, { id: booking.id }, m.mentee.token);
    expect(byMentee.data.declineBooking.__typename).toBe("NotAuthorizedError");

    const declined = await t.gql(OPS.declineBooking, { id: booking.id, reason: "  Fully booked this month.  " }, m.mentor.token);
    expect(declined.data.declineBooking.booking).toMatchObject({
      status: "DECLINED",
      declineReason: "Fully booked this month.",
      session: null,
    });
    const seen = await t.gql(OPS.booking, { id: booking.id }, m.mentee.token);
    expect(seen.data.booking).toMatchObject({ status: "DECLINED", declineReason: "Fully booked this month." });
    const emails = await t.db.emailMessage.findMany({ where: { to: m.mentee.email } });
    expect(emails.map((e) => e.tag)).toEqual(["booking-declined"]);
    const confirmAfter = await t.gql(OPS.confirmBooking, { id: booking.id }, m.mentor.token);
    expect(confirmAfter.data.confirmBooking).toMatchObject({ __typename: "InvalidTransitionError", currentStatus: "DECLINED" });
  });

  it("lets the mentee cancel an unpaid booking, and nobody else", async () => {
    const m = await marketplace(t);
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    // The mentor may not see an unpaid request at all: not found, like any id that is not theirs.
    expect((await t.gql(OPS.cancelBooking, { id: booking.id }, m.mentor.token)).data.cancelBooking.__typename).toBe("NotFoundError");
    const cancelled = await t.gql(OPS.cancelBooking, { id: booking.id }, m.mentee.token);
    expect(cancelled.data.cancelBooking.booking).toMatchObject({ status: "CANCELLED", checkoutUrl: null });
    // A payment that arrives for a cancelled booking does not reopen it.
    const late = await t.webhook(checkoutCompleted(booking.id, m.priceCents));
    expect(late.status).toBe(200);
    expect((await snapshot(booking.id)).status).toBe("CANCELLED");
  });

  it("refuses bookings of unknown, archived or unapproved session types and bad messages", async () => {
    const m = await marketplace(t);
    const unapproved = await signUp(t, "MENTOR");
    const theirs = await t.gql(OPS.createSessionType, { title: "Hidden", durationMinutes: 30, priceCents: 1000 }, unapproved.token);
    const hiddenId = theirs.data.createSessionType.sessionType.id;
    const cases: [string | undefined, Record<string, unknown>, string][] = [
      [undefined, { sessionTypeId: m.sessionTypeId }, "NotAuthenticatedError"],
      [m.mentor.token, { sessionTypeId: m.sessionTypeId }, "NotAuthorizedError"],
      [m.mentee.token, { sessionTypeId: hiddenId }, "NotFoundError"],
      // A well-formed id of nothing is not found, and so is what is not an id at all.
      [m.mentee.token, { sessionTypeId: "U2Vzc2lvblR5cGU6MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw" }, "NotFoundError"],
      [m.mentee.token, { sessionTypeId: "U2Vzc2lvblR5cGU6bm9wZQ==" }, "NotFoundError"],
      [m.mentee.token, { sessionTypeId: m.sessionTypeId, message: "x".repeat(2001) }, "ValidationError"],
      // A NUL byte would be refused by PostgreSQL itself: it must be a typed error, not a 500.
      [m.mentee.token, { sessionTypeId: m.sessionTypeId, message: "hello\u0000" }, "ValidationError"],
    ];
    const before = await t.db.booking.count();
    for (const [token, variables, typename] of cases) {
      const result = await t.gql(OPS.requestBooking, variables, token);
      expect(result.data.requestBooking.__typename).toBe(typename);
    }
    expect(await t.db.booking.count()).toBe(before);
  });

  it("validates session types", async () => {
    const m = await marketplace(t);
    const cases: [Record<string, unknown>, string][] = [
      [{ title: " ", durationMinutes: 30, priceCents: 1000 }, "title"],
      [{ title: "Ok", durationMinutes: 5, priceCents: 1000 }, "durationMinutes"],
      [{ title: "Ok", durationMinutes: 30, priceCents: 99 }, "priceCents"],
      [{ title: "Ok", durationMinutes: 30, priceCents: -5 }, "priceCents"],
    ];
    const before = await t.db.sessionType.count();
    for (const [variables, field] of cases) {
      const result = await t.gql(OPS.createSessionType, variables, m.mentor.token);
      expect(result.data.createSessionType).toMatchObject({ __typename: "ValidationError", field });
    }
    const byMentee = await t.gql(OPS.createSessionType, { title: "Ok", durationMinutes: 30, priceCents: 1000 }, m.mentee.token);
    expect(byMentee.data.createSessionType.__typename).toBe("NotAuthorizedError");
    expect(await t.db.sessionType.count()).toBe(before);
  });
});
