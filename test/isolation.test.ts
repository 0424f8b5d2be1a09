// Nobody sees or changes what is not theirs: two mentors, two mentees.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connected, sleep, startTestApp, subscribe, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, expectLiveStatuses, marketplace, OPS, paidBooking, requestBooking } from "./support/fixtures.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ vars: ADMIN_VARS });
});
afterAll(() => t?.stop());

const BOOKINGS = `query($status: [BookingStatus!]) { bookings(first: 50, status: $status) { totalCount edges { node { id status } } pageInfo { hasNextPage endCursor } } }`;

describe("isolation between users", () => {
  it("delivers booking events only to the booking's own mentor and mentee", async () => {
    const a = await marketplace(t);
    const b = await marketplace(t);
    const feeds = await Promise.all(
      [a.mentor, b.mentor, a.mentee, b.mentee].map(async (user) => {
        const ws = t.ws(user.token);
        await connected(ws);
        return subscribe(ws, OPS.bookingChanged);
      }),
    );
    await sleep(150);
    const [aMentor, bMentor, aMentee, bMentee] = feeds;
    const aBooking = await paidBooking(t, a);
    await t.gql(OPS.confirmBooking, { id: aBooking }, a.mentor.token);
    const bBooking = await paidBooking(t, b);

    const aMentorEvents = await aMentor!.next(2);
    const aMenteeEvents = await aMentee!.next(3); // requested, paid, confirmed
    const _bMentorEvents = await bMentor!.next(1);
    const _bMenteeEvents = await bMentee!.next(2);
    await sleep(200);
    const ids = (events: typeof aMentorEvents) => new Set(events.map((e) => (e.data as any).bookingChanged.id));
    expect(ids(aMentor!.events)).toEqual(new Set([aBooking]));
    expect(ids(aMentee!.events)).toEqual(new Set([aBooking]));
    expect(ids(bMentor!.events)).toEqual(new Set([bBooking]));
    expect(ids(bMentee!.events)).toEqual(new Set([bBooking]));
    expectLiveStatuses(aMentorEvents, ["PENDING", "CONFIRMED"]);
    expectLiveStatuses(aMenteeEvents, ["AWAITING_PAYMENT", "PENDING", "CONFIRMED"]);
    // The mentors never heard of the unpaid requests: one event per change since payment.
    expect(aMentor!.events).toHaveLength(2);
    expect(bMentor!.events).toHaveLength(1);
    expect(bMentee!.events).toHaveLength(2);

    // Subscribing to someone else's booking by id yields nothing.
    const ws = t.ws(b.mentor.token);
    await connected(ws);
    const spy = subscribe(ws, OPS.bookingChanged, { id: aBooking });
    await sleep(100);
    await t.gql(
      OPS.addBookingLinks,
      { id: aBooking, availabilityLink: "https://cal.example/a", meetingLink: "https://meet.example/b" },
      a.mentor.token,
    );
    await aMentee!.next(4);
    await sleep(200);
    expect(spy.events).toEqual([]);
  });

  it("shows each user only their own bookings; mentors only once paid", async () => {
    const a = await marketplace(t);
    const b = await marketplace(t);
    const paid = await paidBooking(t, a);
    const { booking: unpaid } = await requestBooking(t, a.mentee.token, a.sessionTypeId);

    const list = async (token: string, status?: string) => (await t.gql(BOOKINGS, status ? { status } : {}, token)).data.bookings;
    expect((await list(a.mentor.token)).edges.map((e: any) => e.node.id)).toEqual([paid]);
    expect((await list(a.mentee.token)).edges.map((e: any) => e.node.id)).toEqual([unpaid.id, paid]);
    expect((await list(a.mentee.token, "PENDING")).edges.map((e: any) => e.node.id)).toEqual([paid]);
    expect((await list(a.mentee.token, "PENDING")).totalCount).toBe(1);
    expect((await list(b.mentor.token)).edges).toEqual([]);
    expect((await list(b.mentee.token)).edges).toEqual([]);

    for (const token of [b.mentor.token, b.mentee.token]) {
      expect((await t.gql(OPS.booking, { id: paid }, token)).data.booking).toBeNull();
    }
    expect((await t.gql(OPS.booking, { id: unpaid.id }, a.mentor.token)).data.booking).toBeNull();
    expect((await t.gql(OPS.booking, { id: paid }, a.mentor.token)).data.booking.id).toBe(paid);
    // The checkout link is the mentee's alone.
    expect((await t.gql(OPS.booking, { id: unpaid.id }, a.mentee.token)).data.booking.checkoutUrl).toMatch(/\/pay\//);
    const anonymous = await t.gql(BOOKINGS);
    expect(anonymous.data).toBeNull();
  });

  it("pages through bookings with cursors", async () => {
    const m = await marketplace(t);
    for (let i = 0; i < 5; i++) await requestBooking(t, m.mentee.token, m.sessionTypeId);
    const page = `query($after: String) { bookings(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const result: any = await t.gql(page, { after }, m.mentee.token);
      seen.push(...result.data.bookings.edges.map((e: any) => e.node.id));
      if (!result.data.bookings.pageInfo.hasNextPage) break;
      after = result.data.bookings.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });
});
