// The session's time through GraphQL: scheduleSession by the mentee and the mentor, rescheduling,
// every refusal changing nothing, the Upcoming filter, the live push, the webhook event, and the
// reminder emails (once under concurrent runs; a rescheduled session reminded at its new time only,
// a reminder still unsent when the session moves, is cancelled or completed never delivered).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connected, sleep, startStripeApp, subscribe, type TestApp } from "./support/harness.ts";
import { addLinks, markComplete, paidBooking } from "./support/completion-fixtures.ts";
import { marketplace, signUp } from "./support/fixtures.ts";
import type { StripeStandIn } from "./support/stripe-stand-in.ts";
import { dbFingerprint } from "./support/db-fingerprint.ts";
import { sendDueReminders, sessionRemindersTask } from "../server/bookings/session-time.ts";
import { deliverDueEmails } from "../server/email/worker.ts";
import type { EmailSender, OutgoingEmail } from "../server/email/sender.ts";
import { formatDeadline } from "../server/email/templates.ts";

let stripe: StripeStandIn;
let t: TestApp;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ stripe, t, stop } = await startStripeApp({ SESSION_REMINDER_MINUTES: "60" }));
});
afterAll(() => stop?.());

type Market = Awaited<ReturnType<typeof marketplace>>;
const MIN = 60_000;
const SCHEDULE = `mutation($id: ID!, $startsAt: DateTime!) { scheduleSession(id: $id, startsAt: $startsAt) { __typename
  ... on ScheduleSessionSuccess { booking { id status startsAt endsAt durationMinutes viewerCan history { toStatus note actor { id } } } }
  ... on Error { message code } ... on ValidationError { field rule } ... on InvalidTransitionError { action currentStatus } } }`;
const UPCOMING = `query($after: DateTime, $before: DateTime, $first: Int!) {
  bookings(startsAfter: $after, startsBefore: $before, first: $first) { totalCount edges { node { id startsAt } } } }`;
const ANSWER_LINKS = `mutation($id: ID!) { addBookingLinks(id: $id, availabilityLink: "https://cal.example/s", meetingLink: "https://meet.example/r") { __typename } }`;

const booked = (m: Market, confirm = true) => paidBooking(t, stripe, m, confirm);

const inMinutes = (minutes: number, from = Date.now()) => new Date(from + minutes * MIN).toISOString();
/** The emails of one template for one booking (dedupe keys are `<template>:<bookingId>[:<version>]`). */
const emailsOf = (bookingId: string, template: string) =>
  t.db.emailMessage.findMany({ where: { dedupeKey: { startsWith: `${template}:${bookingId}` } }, orderBy: { createdAt: "asc" } });

describe("scheduleSession", () => {
  it("the mentee records the time: UTC start and end from the duration, history, email to the mentor, webhook, live push", async () => {
    const m = await marketplace(t, 4000);
    const b = await booked(m);
    const socket = t.ws(m.mentor.token);
    const feed = subscribe(socket, `subscription($id: ID) { bookingChanged(id: $id) { id startsAt } }`, { id: b.globalId });
    await connected(socket);
    await sleep(100);

    const startsAt = new Date(Date.now() + 3 * 24 * 60 * MIN);
    startsAt.setUTCSeconds(0, 0);
    const r = await t.gql(SCHEDULE, { id: b.globalId, startsAt: startsAt.toISOString() }, m.mentee.token);
    expect(r.data.scheduleSession.__typename).toBe("ScheduleSessionSuccess");
    const booking = r.data.scheduleSession.booking;
    expect(booking).toMatchObject({
      status: "CONFIRMED",
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 45 * MIN).toISOString(),
    });
    expect(booking.viewerCan).toEqual(expect.arrayContaining(["SCHEDULE", "CANCEL"]));
    expect(booking.history.at(-1)).toMatchObject({ toStatus: "CONFIRMED", actor: { id: m.mentee.id } });
    expect(booking.history.at(-1).note).toMatch(/^Session scheduled for .* UTC \(45 min\)$/);
    const toMentor = await emailsOf(b.id, "sessionScheduledForMentor");
    expect(toMentor.map((e) => e.to)).toEqual([m.mentor.email]);
    expect(toMentor[0]!.textBody).toContain("UTC");
    expect(await emailsOf(b.id, "sessionScheduled")).toHaveLength(0);
    const event = await t.db.webhookEvent.findFirst({ where: { subjectId: b.id, type: "booking.scheduled" } });
    expect(event?.data).toMatchObject({ booking: { startsAt: startsAt.toISOString(), previousStartsAt: null, scheduledBy: "MENTEE" } });
    const events = await feed.next(1);
    expect(events.map((e) => e.data?.bookingChanged.startsAt)).toContain(startsAt.toISOString());
    await socket.dispose();

    // The same time again changes nothing (no second email, no history row).
    const before = await dbFingerprint(t.db);
    const again = await t.gql(SCHEDULE, { id: b.globalId, startsAt: startsAt.toISOString() }, m.mentee.token);
    expect(again.data.scheduleSession.__typename).toBe("ScheduleSessionSuccess");
    expect(await dbFingerprint(t.db)).toEqual(before);
  });

  it("the mentor records it and either side moves it; each change emails the other side", async () => {
    const m = await marketplace(t, 4000);
    const b = await booked(m);
    const first = inMinutes(24 * 60);
    const r1 = await t.gql(SCHEDULE, { id: b.globalId, startsAt: first }, m.mentor.token);
    expect(r1.data.scheduleSession.booking.startsAt).toBe(first);
    expect((await emailsOf(b.id, "sessionScheduled")).map((e) => e.to)).toEqual([m.mentee.email]);
    const second = inMinutes(48 * 60);
    const r2 = await t.gql(SCHEDULE, { id: b.globalId, startsAt: second }, m.mentee.token);
    expect(r2.data.scheduleSession.booking.startsAt).toBe(second);
    // Moved back to the first time: news again.
    const r3 = await t.gql(SCHEDULE, { id: b.globalId, startsAt: first }, m.mentor.token);
    expect(r3.data.scheduleSession.booking.startsAt).toBe(first);
    expect(await emailsOf(b.id, "sessionScheduled")).toHaveLength(2);
    expect(await emailsOf(b.id, "sessionScheduledForMentor")).toHaveLength(1);
    const events = await t.db.webhookEvent.findMany({ where: { subjectId: b.id, type: "booking.scheduled" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => (e.data as any).booking.previousStartsAt)).toEqual([null, first, second]);
  });

  it("refuses the wrong user, an anonymous caller, the wrong state, a started session and bad input, changing nothing", async () => {
    const m = await marketplace(t, 4000);
    const confirmed = await booked(m);
    const pending = await booked(m, false);
    const stranger = await signUp(t, "MENTEE");
    const otherMentor = await signUp(t, "MENTOR");
    const admin = (
      await t.gql(`mutation { logIn(email: "admin@test.dev", password: "admin-password-1") { ... on LogInSuccess { token } } }`)
    ).data.logIn.token as string;
    const later = inMinutes(24 * 60);
    const before = await dbFingerprint(t.db);
    const code = async (variables: Record<string, unknown>, token?: string) =>
      (await t.gql(SCHEDULE, variables, token)).data.scheduleSession;
    expect(await code({ id: confirmed.globalId, startsAt: later }, stranger.token)).toMatchObject({ code: "NOT_FOUND" });
    expect(await code({ id: confirmed.globalId, startsAt: later }, otherMentor.token)).toMatchObject({ code: "NOT_FOUND" });
    expect(await code({ id: confirmed.globalId, startsAt: later }, admin)).toMatchObject({ code: "NOT_FOUND" });
    expect(await code({ id: "nope", startsAt: later }, m.mentee.token)).toMatchObject({ code: "NOT_FOUND" });
    expect(await code({ id: confirmed.globalId, startsAt: later })).toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await code({ id: pending.globalId, startsAt: later }, m.mentee.token)).toMatchObject({
      __typename: "InvalidTransitionError",
      action: "SCHEDULE",
      currentStatus: "PENDING",
    });
    expect(await code({ id: confirmed.globalId, startsAt: inMinutes(-5) }, m.mentee.token)).toMatchObject({
      __typename: "ValidationError",
      field: "startsAt",
      rule: "FUTURE",
    });
    expect(await code({ id: confirmed.globalId, startsAt: inMinutes(400 * 24 * 60) }, m.mentor.token)).toMatchObject({
      __typename: "ValidationError",
      field: "startsAt",
      rule: "RANGE",
    });
    for (const bad of ["tomorrow", "2026-13-45T99:00:00Z", ""]) {
      const result = await t.gql(SCHEDULE, { id: confirmed.globalId, startsAt: bad }, m.mentee.token);
      expect(result.errors?.length, bad).toBeGreaterThan(0);
      expect(result.data?.scheduleSession ?? null).toBeNull();
    }
    expect(await dbFingerprint(t.db)).toEqual(before);

    // Once the recorded start has passed, the time cannot be changed.
    await t.db.booking.update({ where: { id: confirmed.id }, data: { sessionStartsAt: new Date(Date.now() - MIN) } });
    const started = await dbFingerprint(t.db);
    expect(await code({ id: confirmed.globalId, startsAt: later }, m.mentee.token)).toMatchObject({
      __typename: "InvalidTransitionError",
      action: "SCHEDULE",
    });
    const view = await t.gql(`query($id: ID!) { booking(id: $id) { viewerCan } }`, { id: confirmed.globalId }, m.mentee.token);
    expect(view.data.booking.viewerCan).not.toContain("SCHEDULE");
    expect(await dbFingerprint(t.db)).toEqual(started);
  });
});

describe("the Upcoming views", () => {
  it("list the viewer's sessions starting in a range, soonest first, for the mentor and the mentee", async () => {
    const m = await marketplace(t, 3000);
    const [a, b, c] = [await booked(m), await booked(m), await booked(m)];
    await booked(m); // confirmed, no time recorded: not upcoming
    const now = Date.now();
    await t.gql(SCHEDULE, { id: a.globalId, startsAt: inMinutes(5 * 60, now) }, m.mentor.token);
    await t.gql(SCHEDULE, { id: b.globalId, startsAt: inMinutes(2 * 60, now) }, m.mentee.token);
    await t.gql(SCHEDULE, { id: c.globalId, startsAt: inMinutes(10 * 24 * 60, now) }, m.mentor.token);
    const window = { after: new Date(now).toISOString(), before: inMinutes(7 * 24 * 60, now), first: 10 };
    for (const token of [m.mentor.token, m.mentee.token]) {
      const r = await t.gql(UPCOMING, window, token);
      expect(r.errors).toBeUndefined();
      expect(r.data.bookings.totalCount).toBe(2);
      expect(r.data.bookings.edges.map((e: any) => e.node.id)).toEqual([b.globalId, a.globalId]);
    }
    const open = await t.gql(UPCOMING, { after: new Date(now).toISOString(), first: 1 }, m.mentor.token);
    expect(open.data.bookings).toMatchObject({ totalCount: 3, edges: [{ node: { id: b.globalId } }] });
    const stranger = await signUp(t, "MENTEE");
    expect((await t.gql(UPCOMING, window, stranger.token)).data.bookings.totalCount).toBe(0);
  });
});

describe("session reminders", () => {
  it("are queued once for both sides even when the task runs twice at once, and again only at a rescheduled time", async () => {
    const m = await marketplace(t, 3000);
    const b = await booked(m);
    await t.gql(ANSWER_LINKS, { id: b.globalId }, m.mentor.token);
    const soon = inMinutes(30);
    await t.gql(SCHEDULE, { id: b.globalId, startsAt: soon }, m.mentee.token);
    const services = t.app.services;
    const runs = await Promise.all(Array.from({ length: 4 }, () => sendDueReminders(services, () => undefined)));
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(1);
    await sessionRemindersTask.run(services, () => undefined);
    const reminders = async () => [...(await emailsOf(b.id, "sessionReminder")), ...(await emailsOf(b.id, "sessionReminderForMentor"))];
    expect((await reminders()).map((e) => e.to).sort()).toEqual([m.mentee.email, m.mentor.email].sort());
    expect((await reminders()).every((e) => e.dedupeKey.endsWith(`:${new Date(soon).getTime()}`))).toBe(true);
    expect((await reminders())[0]!.textBody).toContain("https://meet.example/r");

    // Moved to three hours ahead: nothing now; at the new time's window, one new pair.
    const later = new Date(Date.now() + 3 * 60 * MIN);
    await t.gql(SCHEDULE, { id: b.globalId, startsAt: later.toISOString() }, m.mentor.token);
    expect((await sendDueReminders(services, () => undefined)).sent).toBe(0);
    expect(await reminders()).toHaveLength(2);
    const atNewWindow = new Date(later.getTime() - 50 * MIN);
    const again = await Promise.all([
      sendDueReminders(services, () => undefined, atNewWindow),
      sendDueReminders(services, () => undefined, atNewWindow),
    ]);
    expect(again[0].sent + again[1].sent).toBe(1);
    const all = await reminders();
    expect(all).toHaveLength(4);
    expect(all.filter((e) => e.dedupeKey.endsWith(`:${later.getTime()}`))).toHaveLength(2);
  });

  it("reach every due session when more are due than one run takes: reminded ones do not fill the next run's page", async () => {
    const sessions = [];
    for (const minutes of [10, 20, 30]) {
      const m = await marketplace(t, 3000);
      const b = await booked(m);
      await t.gql(SCHEDULE, { id: b.globalId, startsAt: inMinutes(minutes) }, m.mentee.token);
      sessions.push(b);
    }
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push((await sendDueReminders(t.app.services, () => undefined, new Date(), 1)).sent);
    expect(runs).toEqual([1, 1, 1]);
    for (const b of sessions) expect(await emailsOf(b.id, "sessionReminder")).toHaveLength(1);
  });

  it("skip sessions that are not confirmed any more", async () => {
    const m = await marketplace(t, 3000);
    const b = await booked(m);
    await t.gql(SCHEDULE, { id: b.globalId, startsAt: inMinutes(20) }, m.mentee.token);
    const cancelled = await t.gql(`mutation($id: ID!) { cancelBooking(id: $id) { __typename } }`, { id: b.globalId }, m.mentor.token);
    expect(cancelled.data.cancelBooking.__typename).toBe("CancelBookingSuccess");
    await sendDueReminders(t.app.services, () => undefined);
    expect(await emailsOf(b.id, "sessionReminder")).toHaveLength(0);
  });

  /** Runs the email worker over everything due, as the server's does; returns what it sent. */
  async function deliver(): Promise<OutgoingEmail[]> {
    const sent: OutgoingEmail[] = [];
    const recorder: EmailSender = {
      kind: "log",
      async send(email) {
        sent.push(email);
        return `recorded-${email.id}`;
      },
    };
    await deliverDueEmails(t.db, recorder, 1000);
    return sent;
  }
  const remindersOf = async (bookingId: string) => [
    ...(await emailsOf(bookingId, "sessionReminder")),
    ...(await emailsOf(bookingId, "sessionReminderForMentor")),
  ];

  it("queued but not sent when the session moves: the old time's is never delivered, the new time's once", async () => {
    const m = await marketplace(t, 3000);
    const b = await booked(m);
    const soon = inMinutes(30);
    await t.gql(SCHEDULE, { id: b.globalId, startsAt: soon }, m.mentee.token);
    expect((await sendDueReminders(t.app.services, () => undefined)).sent).toBe(1);
    const old = await remindersOf(b.id);
    expect(old.map((e) => e.status)).toEqual(["PENDING", "PENDING"]);

    // Moved before the worker ran: the queued pair is withdrawn in the move's transaction.
    const later = new Date(Date.now() + 3 * 60 * MIN);
    later.setUTCSeconds(0, 0);
    await t.gql(SCHEDULE, { id: b.globalId, startsAt: later.toISOString() }, m.mentor.token);
    const delivered = await deliver();
    expect(delivered.filter((e) => old.some((o) => o.id === e.id))).toEqual([]);
    expect((await remindersOf(b.id)).map((e) => e.status)).toEqual(["CANCELLED", "CANCELLED"]);

    // The new time's pair, queued at its window, goes out once to each side, with the new time.
    const atNewWindow = new Date(later.getTime() - 50 * MIN);
    expect((await sendDueReminders(t.app.services, () => undefined, atNewWindow)).sent).toBe(1);
    const fresh = (await remindersOf(b.id)).filter((e) => !old.some((o) => o.id === e.id));
    expect(fresh).toHaveLength(2);
    const sentNow = (await deliver()).filter((e) => fresh.some((f) => f.id === e.id));
    expect(sentNow.map((e) => e.to).sort()).toEqual([m.mentee.email, m.mentor.email].sort());
    for (const email of sentNow) expect(email.textBody).toContain(formatDeadline(later));
    expect(await deliver()).toEqual([]);
    expect((await sendDueReminders(t.app.services, () => undefined, atNewWindow)).sent).toBe(0);
    expect((await remindersOf(b.id)).map((e) => e.status).sort()).toEqual(["CANCELLED", "CANCELLED", "SENT", "SENT"]);
  });

  it("withdrawn by a move are queued again, under new keys, if the session moves back to that time", async () => {
    const m = await marketplace(t, 3000);
    const b = await booked(m);
    const soon = inMinutes(30);
    await t.gql(SCHEDULE, { id: b.globalId, startsAt: soon }, m.mentee.token);
    expect((await sendDueReminders(t.app.services, () => undefined)).sent).toBe(1);
    await t.gql(SCHEDULE, { id: b.globalId, startsAt: inMinutes(3 * 60) }, m.mentor.token);
    await t.gql(SCHEDULE, { id: b.globalId, startsAt: soon }, m.mentee.token);
    expect((await sendDueReminders(t.app.services, () => undefined)).sent).toBe(1);
    const reminders = await remindersOf(b.id);
    expect(reminders.map((e) => e.status).sort()).toEqual(["CANCELLED", "CANCELLED", "PENDING", "PENDING"]);
    const pending = reminders.filter((e) => e.status === "PENDING");
    expect(pending.every((e) => e.dedupeKey.endsWith(`:${new Date(soon).getTime()}`))).toBe(true);
    const sent = (await deliver()).filter((e) => reminders.some((r) => r.id === e.id));
    expect(sent.map((e) => e.id).sort()).toEqual(pending.map((e) => e.id).sort());
  });

  it("queued but not sent when the booking is cancelled or completed: never delivered", async () => {
    const m = await marketplace(t, 3000);
    const cancelled = await booked(m);
    const completed = await booked(m);
    await addLinks(t, m, completed.globalId);
    for (const b of [cancelled, completed]) await t.gql(SCHEDULE, { id: b.globalId, startsAt: inMinutes(20) }, m.mentee.token);
    expect((await sendDueReminders(t.app.services, () => undefined)).sent).toBe(2);
    const cancel = await t.gql(`mutation($id: ID!) { cancelBooking(id: $id) { __typename } }`, { id: cancelled.globalId }, m.mentee.token);
    expect(cancel.data.cancelBooking.__typename).toBe("CancelBookingSuccess");
    expect(await markComplete(t, m, completed.globalId)).toBe("CompleteBookingSuccess");
    const reminders = [...(await remindersOf(cancelled.id)), ...(await remindersOf(completed.id))];
    expect(reminders).toHaveLength(4);
    const delivered = await deliver();
    expect(delivered.filter((e) => reminders.some((r) => r.id === e.id))).toEqual([]);
    expect(delivered.some((e) => e.subject.includes("cancel"))).toBe(true);
    for (const b of [cancelled, completed]) expect((await remindersOf(b.id)).map((e) => e.status)).toEqual(["CANCELLED", "CANCELLED"]);
  });
});
