// Email delivery through the official Postmark SDK against a local Postmark stand-in: the
// outbox rows written by the booking lifecycle are sent once each, failures are retried with
// backoff and then given up, concurrent workers never send a row twice, and an email queued in
// a transaction that rolls back never leaves.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { randomBytes } from "node:crypto";
import { startTestApp, sleep, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, OPS, logInAdmin, marketplace, paidBooking, rawId, signUp } from "./support/fixtures.ts";
import { POSTMARK_ERRORS, startPostmarkStandIn, type PostmarkStandIn } from "./support/postmark-stand-in.ts";
import { postmarkSender, type EmailSender } from "../server/email/sender.ts";
import { queueEmail } from "../server/email/outbox.ts";
import { deliverDueEmails, GIVE_UP_AFTER_MS, RETRY_BASE_SECONDS, RETRY_MAX_SECONDS } from "../server/email/worker.ts";
import { captureLogs, LEVEL } from "./support/logs.ts";

const FROM = "Mentorship <bookings@mentor.test>";
let postmark: PostmarkStandIn;
let t: TestApp;
let sender: EmailSender;

const postmarkVars = () => ({
  ...ADMIN_VARS,
  POSTMARK_SERVER_TOKEN: postmark.token,
  POSTMARK_API_URL: postmark.url,
  EMAIL_FROM: FROM,
});

beforeAll(async () => {
  postmark = await startPostmarkStandIn();
  t = await startTestApp({ vars: postmarkVars() });
  // The sender the app builds from these variables (server/app.ts), here driven by the test.
  expect(t.env.postmark?.apiUrl?.toString()).toBe(`${postmark.url}/`);
  sender = postmarkSender(t.env.postmark!.serverToken, t.env.emailFrom, t.env.postmark!.apiUrl);
});
afterAll(async () => {
  await t?.stop();
  await postmark?.stop();
});
beforeEach(() => {
  postmark.clearFailures();
  postmark.delayMs = 0;
});
afterEach(() => vi.restoreAllMocks());

/** Queues one email in its own committed transaction; returns its outbox row. */
async function queued(to = `person.${randomBytes(4).toString("hex")}@example.com`) {
  const key = `test:${randomBytes(8).toString("hex")}`;
  await t.db.$transaction((tx) => queueEmail(tx, to, key, { tag: "test-tag", subject: `Subject ${key}`, text: `Body ${key}` }));
  return t.db.emailMessage.findUniqueOrThrow({ where: { dedupeKey: key } });
}

/** Time passes: the row's next attempt is due now. */
const makeDue = (id: string) => t.db.emailMessage.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
const requestsFor = (id: string) =>
  postmark.requests.filter((r) => (r.body?.Metadata as { outboxId?: string } | undefined)?.outboxId === id);
const sentTo = (id: string) => postmark.messages.filter((m) => m.Metadata?.outboxId === id);
const secondsUntil = (date: Date) => (date.getTime() - Date.now()) / 1000;
async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(10);
  }
}

describe("email delivery through Postmark", () => {
  it("sends each email the lifecycle queued exactly once, with its To, Subject and Tag, and stores the MessageID", async () => {
    const m = await marketplace(t, 6000);
    const id = await paidBooking(t, m);
    expect((await t.gql(OPS.confirmBooking, { id }, m.mentor.token)).data.confirmBooking.__typename).toBe("ConfirmBookingSuccess");
    const links = { availabilityLink: "https://calendar.google.com/appointments/x", meetingLink: "https://meet.google.com/abc-defg-hij" };
    expect((await t.gql(OPS.addBookingLinks, { id, ...links }, m.mentor.token)).data.addBookingLinks.__typename).toBe(
      "AddBookingLinksSuccess",
    );
    expect((await t.gql(OPS.completeBooking, { id }, m.mentor.token)).data.completeBooking.__typename).toBe("CompleteBookingSuccess");

    const outbox = await t.db.emailMessage.findMany({ where: { dedupeKey: { contains: rawId(id) } }, orderBy: { createdAt: "asc" } });
    expect(outbox.map((e) => [e.tag, e.to, e.status])).toEqual([
      ["booking-paid", m.mentor.email, "PENDING"],
      ["booking-confirmed", m.mentee.email, "PENDING"],
      ["booking-links", m.mentee.email, "PENDING"],
      ["booking-completed", m.mentee.email, "PENDING"],
    ]);
    expect(postmark.messages).toHaveLength(0); // nothing leaves before the worker runs

    expect(await deliverDueEmails(t.db, sender)).toBe(4);
    expect(postmark.messages.map((msg) => [msg.To, msg.Subject, msg.Tag, msg.From, msg.MessageStream, msg.Metadata?.outboxId])).toEqual(
      outbox.map((e) => [e.to, e.subject, e.tag, FROM, "outbound", e.id]),
    );
    expect(postmark.messages[0]!.Subject).toMatch(/^New booking request: Career chat with /);
    expect(postmark.messages[2]!.TextBody).toContain(links.meetingLink);
    expect(postmark.requests.every((r) => r.token === postmark.token)).toBe(true);

    const after = await t.db.emailMessage.findMany({ where: { id: { in: outbox.map((e) => e.id) } }, orderBy: { createdAt: "asc" } });
    expect(after.map((e) => [e.status, e.attempts, e.providerMessageId, e.lastError])).toEqual(
      postmark.messages.map((msg) => ["SENT", 1, msg.MessageID, null]),
    );
    expect(after.every((e) => e.sentAt !== null)).toBe(true);

    // Running again sends nothing more.
    expect(await deliverDueEmails(t.db, sender)).toBe(0);
    expect(postmark.messages).toHaveLength(4);
  });

  it("retries a failed send later with growing delays, then sends it once", async () => {
    const row = await queued();
    postmark.failNext(POSTMARK_ERRORS.serverError);
    expect(await deliverDueEmails(t.db, sender)).toBe(0);
    let state = await t.db.emailMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(state).toMatchObject({ status: "PENDING", attempts: 1, providerMessageId: null, sentAt: null });
    expect(state.lastError).toMatch(/500/);
    expect(secondsUntil(state.nextAttemptAt)).toBeGreaterThan(RETRY_BASE_SECONDS - 5);
    expect(secondsUntil(state.nextAttemptAt)).toBeLessThanOrEqual(RETRY_BASE_SECONDS);

    // Not due yet: nothing is sent, Postmark is not even asked.
    expect(await deliverDueEmails(t.db, sender)).toBe(0);
    expect(requestsFor(row.id)).toHaveLength(1);

    // Second try: the connection drops; the next delay doubles.
    await makeDue(row.id);
    postmark.failNext("drop");
    expect(await deliverDueEmails(t.db, sender)).toBe(0);
    state = await t.db.emailMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(state).toMatchObject({ status: "PENDING", attempts: 2 });
    expect(state.lastError).toBeTruthy();
    expect(secondsUntil(state.nextAttemptAt)).toBeGreaterThan(2 * RETRY_BASE_SECONDS - 5);

    await makeDue(row.id);
    expect(await deliverDueEmails(t.db, sender)).toBe(1);
    const [message] = sentTo(row.id);
    expect(sentTo(row.id)).toHaveLength(1);
    expect(message).toMatchObject({ To: row.to, Subject: row.subject, Tag: "test-tag", TextBody: row.textBody });
    state = await t.db.emailMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(state).toMatchObject({ status: "SENT", attempts: 3, providerMessageId: message!.MessageID, lastError: null });
  });

  it("keeps retrying through a long outage, at most an hour apart; after 5 days it is FAILED, logged and listed to admins", async () => {
    const logs = captureLogs();
    const row = await queued();
    postmark.failNext(POSTMARK_ERRORS.serverError, { times: Infinity, match: (body) => body.To === row.to });
    const delays: number[] = [];
    const ATTEMPTS = 30; // 30 s doubling to an hour: about a day of outage
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      await makeDue(row.id);
      expect(await deliverDueEmails(t.db, sender)).toBe(0);
      const state = await t.db.emailMessage.findUniqueOrThrow({ where: { id: row.id } });
      expect(state).toMatchObject({ attempts: attempt, status: "PENDING", failedAt: null });
      delays.push(Math.round(secondsUntil(state.nextAttemptAt) / RETRY_BASE_SECONDS));
    }
    // 30 s, 60 s, 120 s... capped at an hour (in units of the base delay).
    const cap = RETRY_MAX_SECONDS / RETRY_BASE_SECONDS;
    expect(delays.slice(0, 9)).toEqual([1, 2, 4, 8, 16, 32, 64, cap, cap]);
    expect(delays.every((d) => d <= cap)).toBe(true);
    expect(requestsFor(row.id)).toHaveLength(ATTEMPTS);
    expect(logs.messages(LEVEL.error)).toEqual([]);

    // Five days after it was queued, the next failure gives it up, loudly.
    await t.db.emailMessage.update({ where: { id: row.id }, data: { createdAt: new Date(Date.now() - GIVE_UP_AFTER_MS - 1000) } });
    await makeDue(row.id);
    expect(await deliverDueEmails(t.db, sender)).toBe(0);
    const final = await t.db.emailMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(final).toMatchObject({ status: "FAILED", attempts: ATTEMPTS + 1, providerMessageId: null });
    expect(final.failedAt).not.toBeNull();
    expect(final.lastError).toMatch(/500/);
    // Logged once, at the level that calls a person, with the email's id as a field.
    const alerts = logs.lines.filter((l) => l.level === LEVEL.alert && l.msg.startsWith("EMAIL FAILED: "));
    expect(alerts).toEqual([expect.objectContaining({ emailId: row.id, to: row.to })]);

    // Not tried again...
    await makeDue(row.id);
    expect(await deliverDueEmails(t.db, sender)).toBe(0);
    expect(requestsFor(row.id)).toHaveLength(ATTEMPTS + 1);

    // ...and not lost: admins see it, nobody else does.
    const QUERY = `query { failedEmails(first: 50) { edges { node { id to subject tag attempts lastError createdAt failedAt } } } }`;
    const admin = await logInAdmin(t);
    const listed = await t.gql(QUERY, {}, admin.token);
    expect(listed.errors).toBeUndefined();
    expect(listed.data.failedEmails.edges.map((e: any) => e.node)).toContainEqual(
      expect.objectContaining({
        id: row.id,
        to: row.to,
        subject: row.subject,
        tag: "test-tag",
        attempts: ATTEMPTS + 1,
        failedAt: final.failedAt!.toISOString(),
      }),
    );
    const mentee = await signUp(t, "MENTEE");
    const refused = await t.gql(QUERY, {}, mentee.token);
    expect(refused.data?.failedEmails ?? null).toBeNull();
    expect(refused.errors).toBeDefined();
  });

  it("fails at once when Postmark refuses the recipient for good, and keeps retrying on a bad token", async () => {
    const logs = captureLogs();
    const inactive = await queued("bounced@example.com");
    postmark.inactiveRecipients.add("bounced@example.com");
    try {
      expect(await deliverDueEmails(t.db, sender)).toBe(0);
    } finally {
      postmark.inactiveRecipients.clear();
    }
    const refused = await t.db.emailMessage.findUniqueOrThrow({ where: { id: inactive.id } });
    expect(refused).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(refused.lastError).toMatch(/406/);
    expect(logs.messages(LEVEL.alert).filter((l) => l.startsWith(`EMAIL FAILED: email ${inactive.id} `))).toHaveLength(1);

    // A wrong server token is an operator's mistake, not the message's: it stays queued.
    const row = await queued();
    const misconfigured = postmarkSender("wrong-token", FROM, new URL(postmark.url));
    expect(await deliverDueEmails(t.db, misconfigured)).toBe(0);
    expect(postmark.requests.at(-1)).toMatchObject({ status: 401, errorCode: 10, token: "wrong-token" });
    const state = await t.db.emailMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(state).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(state.lastError).toMatch(/401 error 10/);
    await makeDue(row.id);
    expect(await deliverDueEmails(t.db, sender)).toBe(1);
    expect(sentTo(row.id)).toHaveLength(1);
  });

  it("never sends a row twice when several deliveries run at once on the same outbox", async () => {
    const rows = [];
    for (let i = 0; i < 40; i += 1) rows.push(await queued());
    postmark.delayMs = 5; // sends overlap: each worker claims while the others wait on Postmark
    const before = postmark.messages.length;
    const counts = await Promise.all([1, 2, 3, 4].map(() => deliverDueEmails(t.db, sender, 100)));

    expect(counts.reduce((a, b) => a + b, 0)).toBe(rows.length);
    expect(counts.filter((c) => c > 0).length).toBeGreaterThan(1); // they really ran side by side
    const sent = postmark.messages.slice(before).map((msg) => msg.Metadata?.outboxId);
    expect(sent).toHaveLength(rows.length);
    expect(new Set(sent)).toEqual(new Set(rows.map((r) => r.id)));
    const states = await t.db.emailMessage.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
    expect(states.every((s) => s.status === "SENT" && s.attempts === 1)).toBe(true);
    expect(new Set(states.map((s) => s.providerMessageId)).size).toBe(rows.length);
  });

  it("a worker that dies after Postmark accepted a message, before recording it, costs at most one duplicate", async () => {
    const row = await queued();
    // The process dies right after Postmark's answer: the send resolves, nothing more ever runs.
    const dying: EmailSender = {
      kind: "postmark",
      send: async (email) => {
        await sender.send(email);
        return new Promise<string>(() => undefined);
      },
    };
    void deliverDueEmails(t.db, dying, 1);
    await waitFor(async () => sentTo(row.id).length === 1);
    // Another worker leaves it alone while the dead one's lease runs...
    expect(await deliverDueEmails(t.db, sender)).toBe(0);
    // ...then sends it once more, and records it.
    await makeDue(row.id);
    await Promise.all([deliverDueEmails(t.db, sender), deliverDueEmails(t.db, sender)]);
    await makeDue(row.id);
    expect(await deliverDueEmails(t.db, sender)).toBe(0);
    expect(sentTo(row.id)).toHaveLength(2);
    expect(await t.db.emailMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "SENT", attempts: 2 });
  });

  it("never sends an email queued in a transaction that rolled back", async () => {
    const key = `rollback:${randomBytes(6).toString("hex")}`;
    let delivery: Promise<number> | undefined;
    await expect(
      t.db.$transaction(async (tx) => {
        await queueEmail(tx, "ghost@example.com", key, { tag: "ghost", subject: "Never", text: "This change rolled back." });
        // A worker runs while the transaction is open (on PGlite it waits for it to end).
        delivery = deliverDueEmails(t.db, sender);
        await sleep(50);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await delivery).toBe(0);
    expect(await deliverDueEmails(t.db, sender)).toBe(0);
    expect(await t.db.emailMessage.findUnique({ where: { dedupeKey: key } })).toBeNull();
    expect(postmark.requests.filter((r) => r.body?.To === "ghost@example.com")).toHaveLength(0);

    // The same email in a transaction that commits is sent.
    await t.db.$transaction((tx) => queueEmail(tx, "ghost@example.com", key, { tag: "ghost", subject: "Now", text: "Committed." }));
    expect(await deliverDueEmails(t.db, sender)).toBe(1);
    expect(postmark.messages.filter((msg) => msg.To === "ghost@example.com").map((msg) => msg.Subject)).toEqual(["Now"]);
  });

  it("is wired into the app: its background worker delivers a paid booking's email through Postmark", async () => {
    const live = await startTestApp({ vars: postmarkVars(), emailIntervalMs: 100 });
    try {
      const m = await marketplace(live);
      await paidBooking(live, m);
      const deadline = Date.now() + 10_000;
      while (!postmark.messages.some((msg) => msg.To === m.mentor.email) && Date.now() < deadline) await sleep(50);
      const [message] = postmark.messages.filter((msg) => msg.To === m.mentor.email);
      expect(message).toMatchObject({ Tag: "booking-paid", From: FROM });
      const row = await live.db.emailMessage.findFirstOrThrow({ where: { to: m.mentor.email } });
      expect(row).toMatchObject({ status: "SENT", providerMessageId: message!.MessageID });
    } finally {
      await live.stop();
    }
  });
});
