// Webhook history older than WEBHOOK_EVENT_RETENTION_DAYS is deleted by the hourly
// prune-webhook-history task: finished deliveries (succeeded, failed) with their attempts, and
// events none of whose deliveries is pending or recent. A pending delivery is never deleted,
// nor its event, however old. A catch-up cursor of a deleted event is refused in words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, marketplace, paidBooking, rawId } from "./support/fixtures.ts";
import { startReceiver, type Receiver } from "./support/webhook-receiver.ts";
import { deliverDueWebhooks } from "../server/webhooks/delivery.ts";
import { pruneWebhookHistory } from "../server/webhooks/retention.ts";
import { webhookRetentionTask } from "../server/webhooks/retention-task.ts";
import { recurringTasks } from "../server/tasks.ts";
import { ConfigError, loadEnv } from "../server/env.ts";

let t: TestApp;
let m: Awaited<ReturnType<typeof marketplace>>;
const receivers: Receiver[] = [];

beforeAll(async () => {
  t = await startTestApp({ vars: { ...ADMIN_VARS, ALLOW_PRIVATE_WEBHOOK_URLS: "true", WEBHOOK_EVENT_RETENTION_DAYS: "10" } });
  m = await marketplace(t);
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.stop()));
  await t?.stop();
});

const CREATE = `mutation($url: String!) { createWebhookEndpoint(url: $url, eventTypes: [BOOKING_PAID, BOOKING_CONFIRMED]) {
  __typename ... on CreateWebhookEndpointSuccess { secret endpoint { id } } } }`;
const EVENTS = `query($after: String) { webhookEvents(first: 50, after: $after) { edges { cursor node { id type } } } }`;
const DAY = 86_400_000;

async function drain() {
  await t.app.services.settled();
  for (;;) {
    const report = await deliverDueWebhooks(t.db, { allowPrivate: true, publicUrl: t.url, retrySchedule: [0, 0, 0, 0, 0, 0, 0] });
    if (report.attempted === 0) return;
  }
}

async function endpoint() {
  const receiver = await startReceiver();
  receivers.push(receiver);
  const created = await t.gql(CREATE, { url: receiver.url }, m.mentor.token);
  receiver.secrets.push(created.data.createWebhookEndpoint.secret);
  return { receiver, id: rawId(created.data.createWebhookEndpoint.endpoint.id) };
}

/** Moves an event and its deliveries `days` into the past, as if they had happened then. */
async function age(eventId: string, days: number) {
  const at = new Date(Date.now() - days * DAY);
  await t.db.webhookEvent.update({ where: { id: eventId }, data: { createdAt: at } });
  await t.db.webhookDelivery.updateMany({ where: { eventId }, data: { createdAt: at } });
  await t.db.webhookAttempt.updateMany({ where: { delivery: { eventId } }, data: { startedAt: at } });
}

const eventOf = async (bookingGlobalId: string) =>
  t.db.webhookEvent.findFirstOrThrow({ where: { subjectId: rawId(bookingGlobalId), type: "booking.paid" } });

describe("webhook retention", () => {
  it("deletes finished history past the retention, keeps pending deliveries, recent ones and their events", async () => {
    const ok = await endpoint();
    const broken = await endpoint();
    broken.receiver.mode = "fail";

    // Four paid bookings: each booking.paid goes to both endpoints.
    const [oldDone, oldPending, recent, redelivered] = [
      await paidBooking(t, m),
      await paidBooking(t, m),
      await paidBooking(t, m),
      await paidBooking(t, m),
    ];
    // The broken endpoint fails every attempt with a one-attempt schedule: FAILED there. Its
    // first FAILED delivery turns it off, and deliveries not yet claimed by then wait; turn it
    // on again until every one of them has failed.
    await t.app.services.settled();
    for (;;) {
      const report = await deliverDueWebhooks(t.db, { allowPrivate: true, publicUrl: t.url, retrySchedule: [] });
      if (report.attempted > 0) continue;
      if ((await t.db.webhookDelivery.count({ where: { endpointId: broken.id, status: "PENDING" } })) === 0) break;
      await t.db.webhookEndpoint.update({ where: { id: broken.id }, data: { disabledAt: null, disabledReason: null } });
    }
    const events = {
      oldDone: await eventOf(oldDone),
      oldPending: await eventOf(oldPending),
      recent: await eventOf(recent),
      redelivered: await eventOf(redelivered),
    };
    expect(await t.db.webhookDelivery.count({ where: { eventId: events.oldDone.id, status: "SUCCEEDED" } })).toBe(1);
    expect(await t.db.webhookDelivery.count({ where: { eventId: events.oldDone.id, status: "FAILED" } })).toBe(1);
    // The endpoint turned off after its failures; turn it on again for the rest.
    await t.db.webhookEndpoint.update({ where: { id: broken.id }, data: { disabledAt: null, disabledReason: null } });

    // A delivery still pending, 40 days old (its endpoint was off all along: retries wait).
    await t.db.webhookDelivery.updateMany({
      where: { eventId: events.oldPending.id, endpointId: ok.id },
      data: { status: "PENDING", succeededAt: null, nextAttemptAt: new Date(Date.now() + DAY) },
    });
    await age(events.oldDone.id, 40);
    await age(events.oldPending.id, 40);
    await age(events.recent.id, 9);
    await age(events.redelivered.id, 40);
    // The owner asked for the old event again today: it stays while that delivery is recent.
    await t.db.webhookDelivery.create({
      data: {
        endpointId: ok.id,
        eventId: events.redelivered.id,
        subjectId: events.redelivered.subjectId,
        eventSeq: events.redelivered.seq,
        redelivery: true,
        status: "SUCCEEDED",
        succeededAt: new Date(),
      },
    });
    const attemptsBefore = await t.db.webhookAttempt.count({ where: { delivery: { eventId: events.oldDone.id } } });
    expect(attemptsBefore).toBeGreaterThanOrEqual(2);
    const oldCursor = (await t.gql(EVENTS, {}, m.mentor.token)).data.webhookEvents.edges.find(
      (e: any) => rawId(e.node.id) === events.oldDone.id,
    ).cursor;

    // The task, with WEBHOOK_EVENT_RETENTION_DAYS=10.
    expect(recurringTasks).toContain(webhookRetentionTask);
    const run = await webhookRetentionTask.run(t.app.services, () => undefined);
    expect(run.summary).toContain("older than 10 days");
    expect(run.idle).toBe(false);

    // Old and over: the event, both its deliveries and their attempts are gone.
    expect(await t.db.webhookEvent.count({ where: { id: events.oldDone.id } })).toBe(0);
    expect(await t.db.webhookDelivery.count({ where: { eventId: events.oldDone.id } })).toBe(0);
    expect(await t.db.webhookAttempt.count({ where: { delivery: { eventId: events.oldDone.id } } })).toBe(0);
    // Old but pending: the pending delivery and its event stay; the failed one beside it goes.
    expect(await t.db.webhookEvent.count({ where: { id: events.oldPending.id } })).toBe(1);
    expect(await t.db.webhookDelivery.findMany({ where: { eventId: events.oldPending.id }, select: { status: true } })).toEqual([
      { status: "PENDING" },
    ]);
    // Nine days old: all kept.
    expect(await t.db.webhookDelivery.count({ where: { eventId: events.recent.id } })).toBe(2);
    // Old with a redelivery today: the event and today's delivery stay, the old ones go.
    expect(await t.db.webhookEvent.count({ where: { id: events.redelivered.id } })).toBe(1);
    expect(await t.db.webhookDelivery.findMany({ where: { eventId: events.redelivered.id }, select: { redelivery: true } })).toEqual([
      { redelivery: true },
    ]);
    // The still-pending delivery is still sent.
    await t.db.webhookDelivery.updateMany({ where: { eventId: events.oldPending.id }, data: { nextAttemptAt: new Date() } });
    const before = ok.receiver.accepted.length;
    await drain();
    expect(ok.receiver.accepted.slice(before).map((r) => rawId(r.id))).toEqual([events.oldPending.id]);

    // Delivered now, it is old and over: the next run deletes it and its event; the one after has nothing to do.
    expect(await pruneWebhookHistory(t.db, { retentionDays: 10 })).toEqual({ deliveries: 1, events: 1 });
    expect(await t.db.webhookEvent.count({ where: { id: events.oldPending.id } })).toBe(0);
    expect((await webhookRetentionTask.run(t.app.services, () => undefined)).idle).toBe(true);

    // Catching up from a deleted event's cursor says so; without a cursor it works.
    const expired = await t.gql(EVENTS, { after: oldCursor }, m.mentor.token);
    expect(expired.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", field: "after", rule: "expired" });
    expect(expired.errors?.[0]?.message).toContain("10 days");
    const listed = (await t.gql(EVENTS, {}, m.mentor.token)).data.webhookEvents.edges.map((e: any) => rawId(e.node.id));
    expect(listed).not.toContain(events.oldDone.id);
    expect(listed).toEqual(expect.arrayContaining([events.recent.id, events.redelivered.id]));
  }, 60_000);

  it("deletes in batches until nothing old is left", async () => {
    await paidBooking(t, m);
    await paidBooking(t, m);
    await paidBooking(t, m);
    await drain();
    await t.db.webhookEvent.updateMany({ data: { createdAt: new Date(Date.now() - 400 * DAY) } });
    await t.db.webhookDelivery.updateMany({ where: { status: { not: "PENDING" } }, data: { createdAt: new Date(Date.now() - 400 * DAY) } });
    const pending = await t.db.webhookDelivery.count({ where: { status: "PENDING" } });
    const report = await pruneWebhookHistory(t.db, { retentionDays: 365, batchSize: 1 });
    expect(report.deliveries).toBeGreaterThanOrEqual(3);
    expect(await t.db.webhookDelivery.count({ where: { status: { not: "PENDING" } } })).toBe(0);
    expect(await t.db.webhookDelivery.count({ where: { status: "PENDING" } })).toBe(pending);
    expect(await t.db.webhookEvent.count({ where: { deliveries: { none: { status: "PENDING" } } } })).toBe(0);
  });

  it("WEBHOOK_EVENT_RETENTION_DAYS defaults to 30 and refuses nonsense at start", () => {
    expect(loadEnv({}).webhookEventRetentionDays).toBe(30);
    expect(loadEnv({ WEBHOOK_EVENT_RETENTION_DAYS: "90" }).webhookEventRetentionDays).toBe(90);
    for (const bad of ["0", "-1", "ten", "1.5", "4000"]) {
      expect(() => loadEnv({ WEBHOOK_EVENT_RETENTION_DAYS: bad }), bad).toThrow(ConfigError);
      expect(() => loadEnv({ WEBHOOK_EVENT_RETENTION_DAYS: bad }), bad).toThrow(/WEBHOOK_EVENT_RETENTION_DAYS/);
    }
  });
});
