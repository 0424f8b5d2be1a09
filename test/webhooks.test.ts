// Outgoing webhooks as a partner meets them (docs/partners.md): register an endpoint, receive
// every event signed per Standard Webhooks (verified with the official `standardwebhooks`
// package), in order per booking, exactly once after dedupe by `webhook-id` even through a
// flaky receiver; redeliver; catch up with webhookEvents(after:). Private addresses are refused,
// a rolled-back change sends nothing, and wrong callers get typed errors and change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep, startTestApp, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, OPS, checkoutCompleted, marketplace, paidBooking, rawId, requestBooking, signUp } from "./support/fixtures.ts";
import { dbFingerprint } from "./support/db-fingerprint.ts";
import { deduped, startReceiver, type Receiver } from "./support/webhook-receiver.ts";
import { deliverDueWebhooks } from "../server/webhooks/delivery.ts";
import { transitionBooking } from "../server/bookings/transition-booking.ts";
import { expireBookingsTask } from "../server/bookings/booking-jobs.ts";
import { ConfigError, loadEnv } from "../server/env.ts";
import { createApiKey } from "../server/accounts/api-keys.ts";

let t: TestApp;
let m: Awaited<ReturnType<typeof marketplace>>;
const receivers: Receiver[] = [];

beforeAll(async () => {
  t = await startTestApp({ vars: { ...ADMIN_VARS, ALLOW_PRIVATE_WEBHOOK_URLS: "true" } });
  m = await marketplace(t);
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.stop()));
  await t?.stop();
});

const ALL_TYPES = [
  "BOOKING_PAID",
  "BOOKING_CONFIRMED",
  "BOOKING_DECLINED",
  "BOOKING_LINKS_ADDED",
  "BOOKING_SCHEDULED",
  "BOOKING_COMPLETED",
  "BOOKING_CANCELLED",
  "BOOKING_EXPIRED",
  "REFUND_SUCCEEDED",
  "PAYOUT_PAID",
  "PAYOUT_FAILED",
];
const CREATE = `mutation($url: String!, $eventTypes: [WebhookEventType!]!, $description: String) {
  createWebhookEndpoint(url: $url, eventTypes: $eventTypes, description: $description) {
    __typename
    ... on CreateWebhookEndpointSuccess { secret endpoint { id url enabled eventTypes description } }
    ... on Error { code message }
    ... on ValidationError { field rule }
  }
}`;
const ENDPOINT_LOG = `query { webhookEndpoints(first: 3) { edges { node { id url enabled disabledReason
  deliveries(first: 20) { totalCount edges { node { status attemptCount redelivery event { id type }
    attempts { number statusCode durationMs responseBody error succeeded } } } } } } } }`;
const REDELIVER = `mutation($endpointId: ID!, $eventId: ID!) { redeliverWebhookEvent(endpointId: $endpointId, eventId: $eventId) {
  __typename ... on RedeliverWebhookEventSuccess { delivery { id status redelivery } } ... on Error { code } } }`;
const EVENTS = `query($first: Int, $after: String) { webhookEvents(first: $first, after: $after) {
  edges { cursor node { id type createdAt payload } } pageInfo { hasNextPage endCursor } } }`;

/** Sends everything due until nothing is, with retries due at once (the schedule is hours long). */
async function drain(app: TestApp = t) {
  await app.app.services.settled();
  let attempts = 0;
  for (;;) {
    const report = await deliverDueWebhooks(app.db, { allowPrivate: true, publicUrl: app.url, retrySchedule: [0, 0, 0, 0, 0, 0, 0] });
    attempts += report.attempted;
    if (report.attempted === 0) return attempts;
  }
}

async function endpointFor(token: string, eventTypes = ALL_TYPES, app: TestApp = t) {
  const receiver = await startReceiver();
  receivers.push(receiver);
  const created = await app.gql(CREATE, { url: receiver.url, eventTypes, description: "Test receiver" }, token);
  expect(created.errors).toBeUndefined();
  expect(created.data.createWebhookEndpoint.__typename).toBe("CreateWebhookEndpointSuccess");
  const { secret, endpoint } = created.data.createWebhookEndpoint as { secret: string; endpoint: { id: string } };
  expect(secret).toMatch(/^whsec_/);
  receiver.secrets.push(secret);
  return { receiver, secret, endpointId: endpoint.id };
}

/** An API key of `owner` (an admin's is a partner key) and an endpoint registered with it. */
async function keyEndpoint(owner: { id: string }, role: "ADMIN" | "MENTOR", name: string) {
  const key = await createApiKey(t.db, { id: rawId(owner.id), role, tokenId: "" }, { name, scopes: ["bookings:read", "webhooks:manage"] });
  return { key, ...(await endpointFor(key.secret)) };
}

const linksOf = { availabilityLink: "https://cal.example.com/m", meetingLink: "https://meet.example.com/m" };

/** Per booking (global id), the event types in the order the receiver first got them. */
function typesBySubject(received: ReturnType<typeof deduped>) {
  const bySubject = new Map<string, string[]>();
  for (const r of received) bySubject.set(r.subjectId, [...(bySubject.get(r.subjectId) ?? []), r.type]);
  return bySubject;
}

describe("webhook deliveries", () => {
  it("every lifecycle event reaches the mentor's endpoint signed, in order per booking; the admin's also hears unpaid requests end", async () => {
    const mine = await endpointFor(m.mentor.token);
    const admin = await endpointFor(m.admin.token, ["BOOKING_CANCELLED"]);
    const other = await marketplace(t);
    const stranger = await endpointFor(other.mentor.token);

    const a = await paidBooking(t, m);
    expect((await t.gql(OPS.confirmBooking, { id: a }, m.mentor.token)).data.confirmBooking.__typename).toBe("ConfirmBookingSuccess");
    expect((await t.gql(OPS.addBookingLinks, { id: a, ...linksOf }, m.mentor.token)).data.addBookingLinks.__typename).toBe(
      "AddBookingLinksSuccess",
    );
    expect((await t.gql(OPS.completeBooking, { id: a }, m.mentor.token)).data.completeBooking.__typename).toBe("CompleteBookingSuccess");
    const b = await paidBooking(t, m);
    expect((await t.gql(OPS.declineBooking, { id: b, reason: "Busy" }, m.mentor.token)).data.declineBooking.__typename).toBe(
      "DeclineBookingSuccess",
    );
    const unpaid = (await requestBooking(t, m.mentee.token, m.sessionTypeId)).booking.id;
    expect((await t.gql(OPS.cancelBooking, { id: unpaid }, m.mentee.token)).data.cancelBooking.__typename).toBe("CancelBookingSuccess");

    await drain();
    expect(mine.receiver.unverified).toEqual([]);
    const got = typesBySubject(deduped(mine.receiver.accepted));
    expect(got.get(a)).toEqual(["booking.paid", "booking.confirmed", "booking.links_added", "booking.completed"]);
    expect(got.get(b)).toEqual(["booking.paid", "booking.declined", "refund.succeeded"]);
    // An unpaid request is not the mentor's business (booking-visibility.ts); the admin hears of it.
    expect(got.has(unpaid)).toBe(false);
    expect(deduped(admin.receiver.accepted).map((r) => [r.subjectId, r.type])).toEqual([[unpaid, "booking.cancelled"]]);
    // Another mentor's endpoint hears nothing of these.
    expect(stranger.receiver.accepted).toEqual([]);

    // Standard Webhooks headers, and a body that says what happened without anyone's email.
    const first = mine.receiver.accepted[0]!;
    expect(first.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(Math.abs(Number(first.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);
    const body = JSON.parse(first.body);
    expect(body).toMatchObject({
      type: "booking.paid",
      data: { booking: { id: a, status: "PENDING", price: { amountCents: m.priceCents } } },
    });
    expect(first.body).not.toContain("@example.com");

    // The delivery log shows each attempt.
    const log = await t.gql(ENDPOINT_LOG, {}, m.mentor.token);
    const deliveries = log.data.webhookEndpoints.edges[0].node.deliveries;
    expect(deliveries.totalCount).toBe(7);
    for (const edge of deliveries.edges) {
      expect(edge.node).toMatchObject({ status: "SUCCEEDED", attemptCount: 1, redelivery: false });
      expect(edge.node.attempts).toEqual([expect.objectContaining({ number: 1, statusCode: 204, succeeded: true, error: null })]);
    }
  });

  it("with the receiver failing half the time for a while, every event arrives exactly once after dedupe, in order per booking", async () => {
    const mentor = await marketplace(t);
    const { receiver, endpointId } = await endpointFor(mentor.mentor.token);
    receiver.mode = 0.5;
    const bookings: string[] = [];
    for (let i = 0; i < 6; i++) bookings.push(await paidBooking(t, mentor));
    // Interleaved changes, delivered while the receiver is flaky.
    for (const id of bookings.slice(0, 4)) await t.gql(OPS.confirmBooking, { id }, mentor.mentor.token);
    await drain();
    for (const id of bookings.slice(0, 2)) await t.gql(OPS.addBookingLinks, { id, ...linksOf }, mentor.mentor.token);
    for (const id of bookings.slice(4)) await t.gql(OPS.declineBooking, { id }, mentor.mentor.token);
    for (const id of bookings.slice(0, 2)) await t.gql(OPS.completeBooking, { id }, mentor.mentor.token);
    await drain();
    expect(receiver.refused).toBeGreaterThan(0);
    // Recovered: whatever is left goes through.
    receiver.mode = "ok";
    await drain();

    expect(receiver.unverified).toEqual([]);
    const events = await t.db.webhookEvent.findMany({ where: { mentorId: rawId(mentor.mentor.id) }, orderBy: { seq: "asc" } });
    const once = deduped(receiver.accepted);
    // Exactly the committed events, each once.
    expect(once.map((r) => rawId(r.id)).sort()).toEqual(events.map((e) => e.id).sort());
    // In each booking's order.
    const expected = new Map<string, string[]>();
    for (const e of events) {
      const subject = Buffer.from(`Booking:${e.subjectId}`).toString("base64");
      expected.set(subject, [...(expected.get(subject) ?? []), e.type]);
    }
    expect(typesBySubject(once)).toEqual(expected);
    // Failed attempts are in the log, with the answer truncated.
    const log = await t.gql(ENDPOINT_LOG, {}, mentor.mentor.token);
    const node = log.data.webhookEndpoints.edges.find((e: any) => e.node.id === endpointId).node;
    const attempts = node.deliveries.edges.flatMap((e: any) => e.node.attempts);
    const failed = attempts.filter((a: any) => !a.succeeded);
    expect(failed.length).toBe(receiver.refused);
    expect(failed[0]).toMatchObject({ statusCode: 500, error: "HTTP 500" });
    expect(failed[0].responseBody.length).toBe(1024);
    expect(node.deliveries.edges.every((e: any) => e.node.status === "SUCCEEDED")).toBe(true);
  });

  it("a change that rolls back sends nothing; the same change committed is sent", async () => {
    const mentor = await marketplace(t);
    const { receiver } = await endpointFor(mentor.mentor.token, ["BOOKING_CONFIRMED"]);
    const id = await paidBooking(t, mentor);
    const services = { db: t.db, publish: () => undefined };
    const actor = { kind: "USER" as const, userId: rawId(mentor.mentor.id) };
    await expect(
      transitionBooking(services, {
        bookingId: rawId(id),
        action: "confirm",
        actor,
        effects: async () => {
          throw new Error("the change failed");
        },
      }),
    ).rejects.toThrow("the change failed");
    await drain();
    expect(receiver.accepted).toEqual([]);
    expect(await t.db.webhookEvent.count({ where: { subjectId: rawId(id), type: "booking.confirmed" } })).toBe(0);

    await transitionBooking(services, { bookingId: rawId(id), action: "confirm", actor });
    await drain();
    expect(receiver.accepted.map((r) => [r.subjectId, r.type])).toEqual([[id, "booking.confirmed"]]);
  });

  it("any event can be redelivered, with the same webhook-id; someone else's endpoint or event is NOT_FOUND", async () => {
    const mentor = await marketplace(t);
    const { receiver, endpointId } = await endpointFor(mentor.mentor.token, ["BOOKING_PAID"]);
    const id = await paidBooking(t, mentor);
    await drain();
    const [first] = receiver.accepted;
    expect(first).toMatchObject({ subjectId: id, type: "booking.paid" });

    const again = await t.gql(REDELIVER, { endpointId, eventId: first!.id }, mentor.mentor.token);
    expect(again.data.redeliverWebhookEvent).toMatchObject({
      __typename: "RedeliverWebhookEventSuccess",
      delivery: { status: "PENDING", redelivery: true },
    });
    await drain();
    expect(receiver.accepted.map((r) => r.id)).toEqual([first!.id, first!.id]);

    // Another mentor's event, or this endpoint for another mentor: like an id that does not exist.
    const before = await dbFingerprint(t.db);
    const theirs = await t.gql(REDELIVER, { endpointId, eventId: first!.id }, m.mentor.token);
    const missing = await t.gql(
      REDELIVER,
      { endpointId: Buffer.from("WebhookEndpoint:00000000-0000-4000-8000-000000000000").toString("base64"), eventId: first!.id },
      m.mentor.token,
    );
    expect(theirs).toEqual(missing);
    expect(theirs.data.redeliverWebhookEvent).toEqual({ __typename: "NotFoundError", code: "NOT_FOUND" });
    const own = await endpointFor(m.mentor.token, ["BOOKING_PAID"]);
    const notMine = await t.gql(REDELIVER, { endpointId: own.endpointId, eventId: first!.id }, m.mentor.token);
    expect(notMine.data.redeliverWebhookEvent).toEqual({ __typename: "NotFoundError", code: "NOT_FOUND" });
    expect(Object.keys(await dbFingerprint(t.db)).filter((k) => k !== "WebhookEndpoint")).toEqual(
      Object.keys(before).filter((k) => k !== "WebhookEndpoint"),
    );
  });

  it("webhookEvents lists past events oldest first, so a partner can catch up after downtime with `after`", async () => {
    const mentor = await marketplace(t);
    const a = await paidBooking(t, mentor);
    await t.gql(OPS.confirmBooking, { id: a }, mentor.mentor.token);
    const b = await paidBooking(t, mentor);
    const page1 = await t.gql(EVENTS, { first: 2 }, mentor.mentor.token);
    expect(page1.errors).toBeUndefined();
    expect(page1.data.webhookEvents.edges.map((e: any) => [JSON.parse(e.node.payload).data.booking.id, e.node.type])).toEqual([
      [a, "BOOKING_PAID"],
      [a, "BOOKING_CONFIRMED"],
    ]);
    expect(page1.data.webhookEvents.pageInfo.hasNextPage).toBe(true);
    // Down for a while: more happens, then the partner pages on from the last event it handled.
    await t.gql(OPS.declineBooking, { id: b }, mentor.mentor.token);
    await t.app.services.settled();
    const rest = await t.gql(EVENTS, { first: 10, after: page1.data.webhookEvents.pageInfo.endCursor }, mentor.mentor.token);
    expect(rest.data.webhookEvents.edges.map((e: any) => e.node.type)).toEqual(["BOOKING_PAID", "BOOKING_DECLINED", "REFUND_SUCCEEDED"]);
    // Another mentor sees none of them; anonymous callers and mentees none at all.
    const others = await t.gql(EVENTS, { first: 50 }, m.mentor.token);
    const ids = new Set(others.data.webhookEvents.edges.map((e: any) => JSON.parse(e.node.payload).data.booking?.id));
    expect(ids.has(a) || ids.has(b)).toBe(false);
    expect((await t.gql(EVENTS, { first: 5 })).data.webhookEvents.edges).toEqual([]);
    expect((await t.gql(EVENTS, { first: 5 }, mentor.mentee.token)).data.webhookEvents.edges).toEqual([]);
    // A cursor the API did not issue is refused.
    const bad = await t.gql(EVENTS, { first: 5, after: "nonsense" }, mentor.mentor.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", field: "after", rule: "cursor" });
  });

  it("after every attempt failed, the endpoint is turned off and its owner emailed; turned on again, new events flow", async () => {
    const mentor = await marketplace(t);
    const { receiver, endpointId } = await endpointFor(mentor.mentor.token, ["BOOKING_PAID"]);
    receiver.mode = "fail";
    await paidBooking(t, mentor);
    expect(await drain()).toBe(8);
    const log = await t.gql(ENDPOINT_LOG, {}, mentor.mentor.token);
    const node = log.data.webhookEndpoints.edges.find((e: any) => e.node.id === endpointId).node;
    expect(node).toMatchObject({ enabled: false, disabledReason: "FAILING" });
    expect(node.deliveries.edges[0].node).toMatchObject({ status: "FAILED", attemptCount: 8 });
    expect(node.deliveries.edges[0].node.attempts.map((a: any) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const email = await t.db.emailMessage.findFirst({ where: { to: mentor.mentor.email, tag: "webhook-endpoint-disabled" } });
    expect(email?.textBody).toContain(receiver.url);

    // Turned off: nothing is sent; on again, the next event is.
    await paidBooking(t, mentor);
    expect(await drain()).toBe(0);
    receiver.mode = "ok";
    const on = await t.gql(
      `mutation($id: ID!) { updateWebhookEndpoint(id: $id, enabled: true) { __typename ... on UpdateWebhookEndpointSuccess { endpoint { enabled disabledReason } } } }`,
      { id: endpointId },
      mentor.mentor.token,
    );
    expect(on.data.updateWebhookEndpoint.endpoint).toEqual({ enabled: true, disabledReason: null });
    const third = await paidBooking(t, mentor);
    await drain();
    expect(receiver.accepted.map((r) => r.subjectId)).toEqual([third]);
  });

  it("a rotated secret: both signatures during the overlap, then only the new one; the secret is shown only to its owner", async () => {
    const mentor = await marketplace(t);
    const { receiver, endpointId, secret } = await endpointFor(mentor.mentor.token, ["BOOKING_PAID"]);
    const ROTATE = `mutation($id: ID!, $h: Int) { rotateWebhookEndpointSecret(id: $id, overlapHours: $h) {
      __typename ... on RotateWebhookEndpointSecretSuccess { secret endpoint { previousSecretExpiresAt } } ... on Error { code } ... on ValidationError { field rule } } }`;
    const rotated = await t.gql(ROTATE, { id: endpointId, h: 2 }, mentor.mentor.token);
    const newSecret = rotated.data.rotateWebhookEndpointSecret.secret as string;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(secret);
    expect(new Date(rotated.data.rotateWebhookEndpointSecret.endpoint.previousSecretExpiresAt).getTime()).toBeGreaterThan(Date.now());
    receiver.secrets.push(newSecret);
    await paidBooking(t, mentor);
    await drain();
    expect(receiver.accepted[0]!.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(receiver.accepted[0]!.verifiedWith).toEqual([0, 1]);

    const dropped = await t.gql(ROTATE, { id: endpointId, h: 0 }, mentor.mentor.token);
    receiver.secrets.splice(0, 2, "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", dropped.data.rotateWebhookEndpointSecret.secret);
    await paidBooking(t, mentor);
    await drain();
    expect(receiver.accepted[1]!.headers["webhook-signature"]!.split(" ")).toHaveLength(1);
    expect(receiver.accepted[1]!.verifiedWith).toEqual([1]);
    expect(receiver.unverified).toEqual([]);

    const REVEAL = `mutation($id: ID!) { revealWebhookEndpointSecret(id: $id) { __typename ... on RevealWebhookEndpointSecretSuccess { secret } ... on Error { code } } }`;
    expect((await t.gql(REVEAL, { id: endpointId }, mentor.mentor.token)).data.revealWebhookEndpointSecret.secret).toBe(
      dropped.data.rotateWebhookEndpointSecret.secret,
    );
    expect((await t.gql(REVEAL, { id: endpointId }, m.mentor.token)).data.revealWebhookEndpointSecret).toEqual({
      __typename: "NotFoundError",
      code: "NOT_FOUND",
    });
    const tooLong = await t.gql(ROTATE, { id: endpointId, h: 1000 }, mentor.mentor.token);
    expect(tooLong.data.rotateWebhookEndpointSecret).toMatchObject({ __typename: "ValidationError", field: "overlapHours" });
  });
});

describe("partner keys", () => {
  it("a partner key's endpoint receives only the events of mentors who granted it", async () => {
    const a = await marketplace(t);
    const b = await marketplace(t);
    const { key, receiver, endpointId } = await keyEndpoint(m.admin, "ADMIN", "Calendar sync");
    // The key manages its own endpoints only; the admin's session sees them too.
    const listed = await t.gql(`{ webhookEndpoints(first: 5) { edges { node { id registeredWithApiKey } } } }`, {}, key.secret);
    expect(listed.data.webhookEndpoints.edges).toEqual([{ node: { id: endpointId, registeredWithApiKey: true } }]);

    const before = await paidBooking(t, a);
    const granted = await t.gql(
      `mutation($id: ID!) { grantPartnerAccess(partnerAppId: $id) { __typename } }`,
      { id: Buffer.from(`PartnerApp:${key.apiKey.id}`).toString("base64") },
      a.mentor.token,
    );
    expect(granted.data.grantPartnerAccess.__typename).toBe("GrantPartnerAccessSuccess");
    const mine = await paidBooking(t, a);
    const theirs = await paidBooking(t, b);
    await t.gql(OPS.confirmBooking, { id: mine }, a.mentor.token);
    await drain();
    expect(receiver.unverified).toEqual([]);
    expect(receiver.accepted.map((r) => [r.subjectId, r.type])).toEqual([
      [mine, "booking.paid"],
      [mine, "booking.confirmed"],
    ]);
    expect(receiver.accepted.some((r) => r.subjectId === before || r.subjectId === theirs)).toBe(false);
    // Catch-up lists the same: the granting mentor's events, as they are now (granted ones all).
    const events = await t.gql(EVENTS, { first: 50 }, key.secret);
    const subjects = new Set(events.data.webhookEvents.edges.map((e: any) => JSON.parse(e.node.payload).data.booking?.id));
    expect(subjects.has(mine) && subjects.has(before)).toBe(true);
    expect(subjects.has(theirs)).toBe(false);
  });
});

describe("expiry and timeouts", () => {
  it("an expired booking is announced: booking.expired to the mentor's endpoint for a paid request, to the admin's for an unpaid one", async () => {
    const mentor = await marketplace(t);
    const mine = await endpointFor(mentor.mentor.token, ["BOOKING_EXPIRED"]);
    const admin = await endpointFor(m.admin.token, ["BOOKING_EXPIRED"]);
    const paid = await paidBooking(t, mentor);
    const unpaid = (await requestBooking(t, mentor.mentee.token, mentor.sessionTypeId)).booking.id;
    // Unanswered past BOOKING_RESPONSE_HOURS (72 by default), unpaid for more than a day.
    await t.db.booking.update({ where: { id: rawId(paid) }, data: { paidAt: new Date(Date.now() - 73 * 3600_000) } });
    await t.db.booking.update({ where: { id: rawId(unpaid) }, data: { createdAt: new Date(Date.now() - 25 * 3600_000) } });
    const report = await expireBookingsTask.run(t.app.services, () => undefined);
    expect(report.summary).toMatch(/expired 1 unanswered and 1 unpaid/);

    await drain();
    expect(mine.receiver.unverified).toEqual([]);
    expect(mine.receiver.accepted.map((r) => [r.subjectId, r.type])).toEqual([[paid, "booking.expired"]]);
    expect(JSON.parse(mine.receiver.accepted[0]!.body).data.booking).toMatchObject({
      id: paid,
      status: "EXPIRED",
      previousStatus: "PENDING",
    });
    // The admin hears of both (of this test's bookings: an admin's endpoint hears every booking's end).
    const adminGot = admin.receiver.accepted.filter((r) => r.subjectId === paid || r.subjectId === unpaid);
    expect(adminGot.map((r) => [r.subjectId, r.type]).sort()).toEqual(
      [
        [paid, "booking.expired"],
        [unpaid, "booking.expired"],
      ].sort(),
    );
    expect(JSON.parse(adminGot.find((r) => r.subjectId === unpaid)!.body).data.booking).toMatchObject({
      status: "EXPIRED",
      previousStatus: "AWAITING_PAYMENT",
    });
  });

  it("a receiver that never answers: the attempt fails at the timeout with that reason, is retried, and goes through once the receiver answers", async () => {
    const mentor = await marketplace(t);
    const { receiver, endpointId } = await endpointFor(mentor.mentor.token, ["BOOKING_PAID"]);
    receiver.mode = "hang";
    const id = await paidBooking(t, mentor);
    await t.app.services.settled();
    const started = Date.now();
    // The second attempt is due 1 s after the first fails.
    const report = await deliverDueWebhooks(t.db, { allowPrivate: true, publicUrl: t.url, timeoutMs: 300, retrySchedule: [1] });
    expect(report).toEqual({ attempted: 1, succeeded: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(receiver.hung).toBe(1);
    const delivery = await t.db.webhookDelivery.findFirstOrThrow({
      where: { endpointId: rawId(endpointId) },
      include: { attemptsMade: true },
    });
    expect(delivery).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(delivery.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect(delivery.attemptsMade).toEqual([
      expect.objectContaining({ number: 1, succeeded: false, statusCode: null, error: "no answer within 300 ms" }),
    ]);
    expect(delivery.attemptsMade[0]!.durationMs).toBeGreaterThanOrEqual(290);
    // The endpoint is not turned off for one timeout.
    expect((await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: rawId(endpointId) } })).disabledAt).toBeNull();

    // The receiver answers again; the retry, once due, goes through.
    receiver.mode = "ok";
    await sleep(Math.max(0, delivery.nextAttemptAt.getTime() - Date.now()) + 50);
    await drain();
    expect(receiver.accepted.map((r) => [r.subjectId, r.type])).toEqual([[id, "booking.paid"]]);
    const after = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id }, include: { attemptsMade: true } });
    expect(after.status).toBe("SUCCEEDED");
    expect(after.attemptsMade.map((a) => [a.number, a.succeeded]).sort()).toEqual([
      [1, false],
      [2, true],
    ]);
  });
});

describe("access withdrawn while a delivery waits", () => {
  const LOG = `query { webhookEndpoints(first: 5) { edges { node { id enabled disabledReason
    deliveries(first: 5) { edges { node { status attemptCount nextAttemptAt withheldAt withheldReason event { type }
      attempts { number succeeded } } } } } } } }`;
  /** One attempt of whatever is due (the receiver fails it), so the delivery waits for its retry. */
  const oneFailedAttempt = async (receiver: Receiver) => {
    receiver.mode = "fail";
    await t.app.services.settled();
    const report = await deliverDueWebhooks(t.db, { allowPrivate: true, publicUrl: t.url, retrySchedule: [0, 0, 0, 0, 0, 0, 0], limit: 1 });
    expect(report).toEqual({ attempted: 1, succeeded: 0 });
    expect(receiver.refused).toBe(1);
  };
  const endpointLog = async (token: string, endpointId: string) => {
    const log = await t.gql(LOG, {}, token);
    expect(log.errors).toBeUndefined();
    return log.data.webhookEndpoints.edges.find((e: any) => e.node.id === endpointId).node;
  };

  for (const how of ["revoked", "expired"] as const) {
    it(`a mentor's key ${how} while its endpoint's delivery waits for a retry: nothing more is sent, the log says WITHHELD`, async () => {
      const mentor = await marketplace(t);
      const { key, receiver, endpointId } = await keyEndpoint(mentor.mentor, "MENTOR", "Calendar sync");

      const id = await paidBooking(t, mentor);
      await oneFailedAttempt(receiver);
      // Queued behind the first: the booking's next event.
      await t.gql(OPS.confirmBooking, { id }, mentor.mentor.token);
      if (how === "revoked") {
        const revoked = await t.gql(
          `mutation($id: ID!) { revokeApiKey(id: $id) { __typename } }`,
          { id: Buffer.from(`ApiKey:${key.apiKey.id}`).toString("base64") },
          mentor.mentor.token,
        );
        expect(revoked.data.revokeApiKey.__typename).toBe("RevokeApiKeySuccess");
      } else {
        // The key's expiry passes (its time, not the clock, moved).
        await t.db.apiKey.update({ where: { id: key.apiKey.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      }

      // The receiver recovers: nothing arrives.
      receiver.mode = "ok";
      await drain();
      expect(receiver.accepted).toEqual([]);
      expect(receiver.refused).toBe(1);
      const node = await endpointLog(mentor.mentor.token, endpointId);
      // Not the endpoint's failure: it stays on.
      expect(node).toMatchObject({ enabled: true, disabledReason: null });
      const reason = how === "revoked" ? "KEY_REVOKED" : "KEY_EXPIRED";
      const byType = Object.fromEntries(node.deliveries.edges.map((e: any) => [e.node.event.type, e.node]));
      expect(byType.BOOKING_PAID).toMatchObject({ status: "WITHHELD", withheldReason: reason, attemptCount: 1, nextAttemptAt: null });
      expect(byType.BOOKING_PAID.attempts).toEqual([{ number: 1, succeeded: false }]);
      expect(byType.BOOKING_CONFIRMED).toMatchObject({ status: "WITHHELD", withheldReason: reason, attemptCount: 0, attempts: [] });
      expect(byType.BOOKING_PAID.withheldAt).not.toBeNull();
      // Nothing is left to send, and nothing more is ever attempted.
      expect(await drain()).toBe(0);
    });
  }

  it("a mentor withdraws a partner app's access while its delivery waits: nothing more is sent; other mentors' events still go", async () => {
    const a = await marketplace(t);
    const b = await marketplace(t);
    const { key, receiver, endpointId } = await keyEndpoint(m.admin, "ADMIN", "CRM");
    const app = Buffer.from(`PartnerApp:${key.apiKey.id}`).toString("base64");
    for (const mentor of [a, b]) {
      const granted = await t.gql(
        `mutation($id: ID!) { grantPartnerAccess(partnerAppId: $id) { __typename } }`,
        { id: app },
        mentor.mentor.token,
      );
      expect(granted.data.grantPartnerAccess.__typename).toBe("GrantPartnerAccessSuccess");
    }

    const aBooking = await paidBooking(t, a);
    await oneFailedAttempt(receiver);
    const bBooking = await paidBooking(t, b);
    const withdrawn = await t.gql(
      `mutation($id: ID!) { revokePartnerAccess(partnerAppId: $id) { __typename } }`,
      { id: app },
      a.mentor.token,
    );
    expect(withdrawn.data.revokePartnerAccess.__typename).toBe("RevokePartnerAccessSuccess");

    receiver.mode = "ok";
    await drain();
    expect(receiver.unverified).toEqual([]);
    expect(receiver.accepted.map((r) => [r.subjectId, r.type])).toEqual([[bBooking, "booking.paid"]]);
    // The partner key still reads its endpoint's log (it lost one mentor, not itself).
    const node = await endpointLog(key.secret, endpointId);
    expect(node.enabled).toBe(true);
    const statuses = node.deliveries.edges.map((e: any) => e.node);
    expect(statuses).toHaveLength(2);
    expect(statuses).toContainEqual(expect.objectContaining({ status: "WITHHELD", withheldReason: "ACCESS_WITHDRAWN", attemptCount: 1 }));
    expect(statuses).toContainEqual(expect.objectContaining({ status: "SUCCEEDED", withheldReason: null }));
    expect(receiver.accepted.some((r) => r.subjectId === aBooking)).toBe(false);
  });
});

describe("examples/webhook-receiver.mjs", () => {
  it("verifies and prints each delivery once, and refuses a forged one", async () => {
    const { spawn } = await import("node:child_process");
    const mentor = await marketplace(t);
    const created = await t.gql(CREATE, { url: "http://127.0.0.1:9/placeholder", eventTypes: ["BOOKING_PAID"] }, mentor.mentor.token);
    const { secret, endpoint } = created.data.createWebhookEndpoint;
    const child = spawn(process.execPath, ["examples/webhook-receiver.mjs"], {
      env: { ...process.env, WEBHOOK_SECRET: secret, PORT: "0" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    const port = await new Promise<string>((resolve) =>
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
        const found = /127\.0\.0\.1:(\d+)/.exec(stderr);
        if (found) resolve(found[1]!);
      }),
    );
    try {
      await t.db.webhookEndpoint.update({ where: { id: rawId(endpoint.id) }, data: { url: `http://127.0.0.1:${port}/` } });
      const id = await paidBooking(t, mentor);
      await drain();
      const [first] = await t.db.webhookEvent.findMany({ where: { subjectId: rawId(id) } });
      await t.gql(
        REDELIVER,
        { endpointId: endpoint.id, eventId: Buffer.from(`WebhookEvent:${first!.id}`).toString("base64") },
        mentor.mentor.token,
      );
      await drain();
      const forged = await fetch(`http://127.0.0.1:${port}/`, {
        method: "POST",
        headers: { "webhook-id": "x", "webhook-timestamp": String(Math.floor(Date.now() / 1000)), "webhook-signature": "v1,Zm9yZ2Vk" },
        body: "{}",
      });
      expect(forged.status).toBe(400);
      expect(stdout.trim().split("\n")).toEqual([`booking.paid ${id} ${Buffer.from(`WebhookEvent:${first!.id}`).toString("base64")}`]);
      for (let i = 0; i < 50 && !stderr.includes("bad signature"); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stderr).toContain("bad signature");
    } finally {
      child.kill();
    }
  });
});

describe("endpoint management refusals", () => {
  it("anonymous, mentees, keys without webhooks:manage, other mentors and bad input get typed errors and change nothing", async () => {
    const { endpointId } = await endpointFor(m.mentor.token, ["BOOKING_PAID"]);
    const other = await signUp(t, "MENTOR");
    const key = await createApiKey(
      t.db,
      { id: rawId(m.mentor.id), role: "MENTOR", tokenId: "" },
      { name: "no hooks", scopes: ["bookings:read"] },
    );
    // A first use records lastUsedAt (then at most once a minute).
    await t.gql(`{ viewer { id } }`, {}, key.secret);
    const before = await dbFingerprint(t.db);
    const create = (url: string, token?: string, eventTypes = ["BOOKING_PAID"]) => t.gql(CREATE, { url, eventTypes }, token);
    expect((await create("https://partner.example.com/hooks")).data.createWebhookEndpoint).toMatchObject({
      __typename: "NotAuthenticatedError",
    });
    expect((await create("https://partner.example.com/hooks", m.mentee.token)).data.createWebhookEndpoint).toMatchObject({
      __typename: "NotAuthorizedError",
      code: "FORBIDDEN",
    });
    const noScope = await create("https://partner.example.com/hooks", key.secret);
    expect(noScope.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", scope: "webhooks:manage" });
    for (const [url, rule] of [
      ["", "REQUIRED"],
      ["not a url", "URL"],
      ["ftp://partner.example.com/x", "HTTPS"],
      ["https://user:pw@partner.example.com/x", "NO_CREDENTIALS"],
      [`https://partner.example.com/${"x".repeat(2100)}`, "MAX_LENGTH"],
    ] as const) {
      expect((await create(url, m.mentor.token)).data.createWebhookEndpoint, url).toMatchObject({
        __typename: "ValidationError",
        field: "url",
        rule,
      });
    }
    expect((await create("https://partner.example.com/x", m.mentor.token, [])).data.createWebhookEndpoint).toMatchObject({
      __typename: "ValidationError",
      field: "eventTypes",
      rule: "REQUIRED",
    });
    const UPDATE = `mutation($id: ID!) { updateWebhookEndpoint(id: $id, enabled: false) { __typename ... on Error { code } } }`;
    const DELETE = `mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { __typename ... on Error { code } } }`;
    const nowhere = Buffer.from("WebhookEndpoint:00000000-0000-4000-8000-000000000000").toString("base64");
    for (const doc of [UPDATE, DELETE]) {
      const theirs = await t.gql(doc, { id: endpointId }, other.token);
      expect(theirs).toEqual(await t.gql(doc, { id: nowhere }, other.token));
      expect(Object.values(theirs.data)[0]).toEqual({ __typename: "NotFoundError", code: "NOT_FOUND" });
      expect(Object.values((await t.gql(doc, { id: "bad" }, m.mentor.token)).data)[0]).toMatchObject({ __typename: "NotFoundError" });
    }
    const list = await t.gql(`{ webhookEndpoints(first: 5) { edges { node { id } } } }`, {}, other.token);
    expect(list.data.webhookEndpoints.edges).toEqual([]);
    expect(await dbFingerprint(t.db)).toEqual(before);
  });
});

describe("private addresses", () => {
  let prod: TestApp;
  let pm: Awaited<ReturnType<typeof marketplace>>;
  beforeAll(async () => {
    // No override: the rules production applies (NODE_ENV=production refuses the override, below).
    prod = await startTestApp({ vars: ADMIN_VARS });
    pm = await marketplace(prod);
  });
  afterAll(() => prod?.stop());

  it("are refused at registration, IPv4 and IPv6, also IPv4-mapped and names that resolve to them; nothing is stored", async () => {
    const before = await dbFingerprint(prod.db);
    for (const url of [
      "https://127.0.0.1/hooks",
      "https://10.0.0.1/hooks",
      "https://172.16.5.4/x",
      "https://192.168.1.1/x",
      "https://169.254.169.254/latest/meta-data",
      "https://100.64.0.1/x",
      "https://224.0.0.1/x",
      "https://0.0.0.0/x",
      "https://[::1]/x",
      "https://[fd00::1]/x",
      "https://[fe80::1]/x",
      "https://[ff02::1]/x",
      "https://[::ffff:10.0.0.1]/x",
      "https://[::ffff:127.0.0.1]/x",
      "https://localhost/x",
      "https://2130706433/x",
    ]) {
      const answer = await prod.gql(CREATE, { url, eventTypes: ["BOOKING_PAID"] }, pm.mentor.token);
      expect(answer.data.createWebhookEndpoint, url).toMatchObject({
        __typename: "ValidationError",
        field: "url",
        rule: "PRIVATE_ADDRESS",
      });
    }
    // A plain http:// URL is refused without the development override.
    const http = await prod.gql(CREATE, { url: "http://partner.example.com/x", eventTypes: ["BOOKING_PAID"] }, pm.mentor.token);
    expect(http.data.createWebhookEndpoint).toMatchObject({ __typename: "ValidationError", rule: "HTTPS" });
    expect(await dbFingerprint(prod.db)).toEqual(before);
  });

  it("are checked again at delivery: an endpoint whose address turned private gets nothing", async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const created = await prod.gql(CREATE, { url: "https://partner.example.com/x", eventTypes: ["BOOKING_PAID"] }, pm.mentor.token);
    expect(created.data.createWebhookEndpoint.__typename).toBe("CreateWebhookEndpointSuccess");
    receiver.secrets.push(created.data.createWebhookEndpoint.secret);
    // Its name now resolves to loopback (as a rebinding DNS would answer), then a literal private address.
    const id = rawId(created.data.createWebhookEndpoint.endpoint.id);
    await prod.db.webhookEndpoint.update({ where: { id }, data: { url: receiver.url.replace("127.0.0.1", "localhost") } });
    await paidBooking(prod, pm);
    await deliverDueWebhooks(prod.db, { allowPrivate: false, publicUrl: prod.url, retrySchedule: [0] });
    await prod.db.webhookEndpoint.update({ where: { id }, data: { url: receiver.url } });
    await deliverDueWebhooks(prod.db, { allowPrivate: false, publicUrl: prod.url, retrySchedule: [0] });
    expect(receiver.accepted).toEqual([]);
    const attempts = await prod.db.webhookAttempt.findMany({ where: { endpointId: id }, orderBy: { number: "asc" } });
    expect(attempts.map((a) => [a.statusCode, a.succeeded])).toEqual([
      [null, false],
      [null, false],
    ]);
    for (const a of attempts) expect(a.error).toMatch(/not a public address/);
  });

  it("production refuses the development override, and with it 127.0.0.1 and 10.0.0.1", async () => {
    const production = { NODE_ENV: "production", STRIPE_SECRET_KEY: "sk_live_x", STRIPE_WEBHOOK_SECRET: "whsec_x" };
    expect(() => loadEnv({ ...production, ALLOW_PRIVATE_WEBHOOK_URLS: "true" })).toThrow(ConfigError);
    expect(() => loadEnv({ ...production, ALLOW_PRIVATE_WEBHOOK_URLS: "true" })).toThrow(/ALLOW_PRIVATE_WEBHOOK_URLS/);
    const env = loadEnv(production);
    expect(env.allowPrivateWebhookUrls).toBe(false);
    const { checkWebhookUrl } = await import("../server/webhooks/address-guard.ts");
    for (const url of ["https://127.0.0.1/hooks", "https://10.0.0.1/hooks", "http://127.0.0.1:4000/hooks"]) {
      await expect(checkWebhookUrl("url", url, { allowPrivate: env.allowPrivateWebhookUrls })).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
    }
  });
});

describe("checkout payments recorded once", () => {
  it("a replayed payment webhook records one booking.paid", async () => {
    const { receiver } = await endpointFor(m.mentor.token, ["BOOKING_PAID"]);
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    const event = checkoutCompleted(booking.id, m.priceCents);
    for (let i = 0; i < 3; i++) expect((await t.webhook(event)).status).toBe(200);
    await drain();
    expect(receiver.accepted.filter((r) => r.subjectId === booking.id).map((r) => r.type)).toEqual(["booking.paid"]);
  });
});
