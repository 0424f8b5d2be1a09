// The completion window through GraphQL and signed webhooks against the Stripe stand-in:
// completing holds the mentor's earning (not paid out), the release job makes it available once
// the window is over (exactly once when two runs race), the mentee may report a problem within
// the window, and an admin resolves it each way. After each path the money adds up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startStripeApp } from "./support/harness.ts";
import { logInAdmin, marketplace, rawId, requestBooking, signUp } from "./support/fixtures.ts";
import type { StripeStandIn } from "./support/stripe-stand-in.ts";
import { expectMoneySound, ledgerKinds } from "./support/money-checks.ts";
import { connectMentor, transfersTo } from "./support/payout-fixtures.ts";
import { addLinks, completedBooking, markComplete, paidBooking, releaseAfter } from "./support/completion-fixtures.ts";
import { dbFingerprint } from "./support/db-fingerprint.ts";
import { accountBalance, mentorAccount, mentorHeldAccount } from "../server/ledger/ledger.ts";
import { runPayoutCycle } from "../server/payouts/cycle.ts";
import { releaseHeldEarning } from "../server/bookings/completion-hold.ts";
import { completeDueSessions } from "../server/bookings/booking-jobs.ts";
import { recurringTasks } from "../server/tasks.ts";
import { formatDeadline } from "../server/email/templates.ts";

let stripe: StripeStandIn;
let t: TestApp;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ stripe, t, stop } = await startStripeApp({ COMPLETION_HOLD_HOURS: "48", PLATFORM_FEE_PERCENT: "20", PAYOUT_MINIMUM_CENTS: "100" }));
});
afterAll(() => stop?.());

type Market = Awaited<ReturnType<typeof marketplace>>;

const REPORT = `mutation($id: ID!, $reason: String!) { reportProblem(id: $id, reason: $reason) { __typename
  ... on ReportProblemSuccess { booking { id problemReport { status reason resolution } completionWindowEndsAt viewerCanReportProblem } }
  ... on ProblemReportRefusedError { refusal } ... on ValidationError { field rule } ... on Error { message code } } }`;
const RESOLVE = `mutation($id: ID!, $resolution: ProblemResolution!, $refundCents: Int, $note: String) {
  resolveProblemReport(id: $id, resolution: $resolution, refundCents: $refundCents, note: $note) { __typename
    ... on ResolveProblemReportSuccess { booking { id refund { status reason amount { amountCents } }
      problemReport { status resolution refunded { amountCents } } adminHistory { kind note amount { amountCents } } } }
    ... on ValidationError { field rule } ... on Error { message code } } }`;
const EARNINGS = `query { earnings { balance { amountCents } heldBalance { amountCents } nextReleaseAt totalEarned { amountCents }
  heldWaitingCount held(first: 10) { totalCount edges { node { amount { amountCents } availableAt problemReported booking { id } } } } } }`;
const heldNodes = (earnings: { held: { edges: Array<{ node: unknown }> } }) => earnings.held.edges.map((edge) => edge.node);
const BOOKING = `query($id: ID!) { booking(id: $id) { completionWindowEndsAt viewerCanReportProblem completedAt problemReport { status } } }`;
const OPEN_REPORTS = `query { problemReports(first: 50) { totalCount edges { node { reason booking { id } } } } }`;

const mentorBalance = (m: Market) => accountBalance(t.db, mentorAccount(rawId(m.mentor.id)));
const mentorHeld = (m: Market) => accountBalance(t.db, mentorHeldAccount(rawId(m.mentor.id)));

async function reported(m: Market, reason = "The mentor never joined the call.") {
  const b = await completedBooking(t, stripe, m);
  const r = await t.gql(REPORT, { id: b.globalId, reason }, m.mentee.token);
  expect(r.data.reportProblem.__typename).toBe("ReportProblemSuccess");
  return b;
}

describe("completion window", () => {
  it("holds the earning on completion: not on the balance, not paid out; the release job makes it available after the window", async () => {
    const m = await marketplace(t, 5000);
    const mentorId = rawId(m.mentor.id);
    const accountId = await connectMentor(t, stripe, mentorId);
    const b = await completedBooking(t, stripe, m);
    expect(await mentorBalance(m)).toBe(0);
    expect(await mentorHeld(m)).toBe(4000);

    const booking = (await t.gql(BOOKING, { id: b.globalId }, m.mentee.token)).data.booking;
    const windowEnds = new Date(booking.completionWindowEndsAt).getTime();
    expect(windowEnds - new Date(booking.completedAt).getTime()).toBe(48 * 3600_000);
    expect(booking.viewerCanReportProblem).toBe(true);
    expect((await t.gql(BOOKING, { id: b.globalId }, m.mentor.token)).data.booking.viewerCanReportProblem).toBe(false);

    const earnings = (await t.gql(EARNINGS, {}, m.mentor.token)).data.earnings;
    expect(earnings).toMatchObject({ balance: { amountCents: 0 }, heldBalance: { amountCents: 4000 }, totalEarned: { amountCents: 4000 } });
    expect(heldNodes(earnings)).toEqual([
      { amount: { amountCents: 4000 }, availableAt: booking.completionWindowEndsAt, problemReported: false, booking: { id: b.globalId } },
    ]);
    expect(earnings).toMatchObject({ heldWaitingCount: 0, held: { totalCount: 1 } });
    expect(earnings.nextReleaseAt).toBe(booking.completionWindowEndsAt);
    // The completion email tells the mentee until when they can report a problem.
    const email = await t.db.emailMessage.findFirst({ where: { to: m.mentee.email, dedupeKey: `bookingCompleted:${b.id}` } });
    expect(email?.textBody).toContain("report a problem");

    // A payout cycle pays only the available balance: nothing now.
    await runPayoutCycle(t.app.services);
    expect(transfersTo(stripe, accountId)).toHaveLength(0);

    // Within the window the job releases nothing.
    expect((await releaseAfter(t, 47)).released).toBe(0);
    expect(await mentorBalance(m)).toBe(0);

    await releaseAfter(t);
    expect(await mentorBalance(m)).toBe(4000);
    expect(await mentorHeld(m)).toBe(0);
    expect(await ledgerKinds(t.db, b.id)).toEqual(["EARNING_RELEASE", "MENTOR_EARNING", "PAYMENT", "PLATFORM_FEE"]);
    const after = (await t.gql(EARNINGS, {}, m.mentor.token)).data.earnings;
    expect(after).toMatchObject({
      balance: { amountCents: 4000 },
      heldBalance: { amountCents: 0 },
      held: { totalCount: 0, edges: [] },
      nextReleaseAt: null,
    });
    expect((await t.gql(BOOKING, { id: b.globalId }, m.mentee.token)).data.booking).toMatchObject({
      completionWindowEndsAt: null,
      viewerCanReportProblem: false,
    });

    await runPayoutCycle(t.app.services);
    expect(transfersTo(stripe, accountId).map((x) => x.amount)).toEqual([4000]);
    await expectMoneySound(t.db);
  });

  it("releases an earning exactly once when release jobs race", async () => {
    const m = await marketplace(t, 3000);
    const bookings = [await completedBooking(t, stripe, m), await completedBooking(t, stripe, m)];
    const runs = await Promise.all([releaseAfter(t), releaseAfter(t), releaseAfter(t)]);
    expect(runs.reduce((sum, r) => sum + r.released, 0)).toBeGreaterThanOrEqual(2);
    const later = new Date(Date.now() + 72 * 3600_000);
    const direct = await Promise.all(bookings.map((b) => releaseHeldEarning(t.app.services, b.id, later)));
    expect(direct).toEqual([false, false]);
    for (const b of bookings) {
      const releases = await t.db.ledgerTransaction.count({ where: { bookingId: b.id, kind: "EARNING_RELEASE" } });
      expect(releases).toBe(1);
    }
    expect(await mentorBalance(m)).toBe(2 * 2400);
    await expectMoneySound(t.db);
  });

  it("reportProblem refuses the wrong user, the mentor, an anonymous caller, bad input, a wrong state and a late report, changing nothing", async () => {
    const m = await marketplace(t, 5000);
    const b = await completedBooking(t, stripe, m);
    const stranger = await signUp(t, "MENTEE");
    const before = await dbFingerprint(t.db);

    const anonymous = await t.gql(REPORT, { id: b.globalId, reason: "x" });
    expect(anonymous.data.reportProblem).toMatchObject({ __typename: "NotAuthenticatedError", code: "UNAUTHENTICATED" });
    const wrongUser = await t.gql(REPORT, { id: b.globalId, reason: "x" }, stranger.token);
    expect(wrongUser.data.reportProblem).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
    const mentor = await t.gql(REPORT, { id: b.globalId, reason: "x" }, m.mentor.token);
    expect(mentor.data.reportProblem).toMatchObject({ __typename: "NotAuthorizedError", code: "FORBIDDEN" });
    const empty = await t.gql(REPORT, { id: b.globalId, reason: "   " }, m.mentee.token);
    expect(empty.data.reportProblem).toMatchObject({ __typename: "ValidationError", field: "reason", rule: "REQUIRED" });
    const long = await t.gql(REPORT, { id: b.globalId, reason: "x".repeat(2001) }, m.mentee.token);
    expect(long.data.reportProblem).toMatchObject({ __typename: "ValidationError", field: "reason", rule: "MAX_LENGTH" });
    const badId = await t.gql(REPORT, { id: "nonsense", reason: "x" }, m.mentee.token);
    expect(badId.data.reportProblem.__typename).toBe("NotFoundError");
    expect(await dbFingerprint(t.db)).toEqual(before);

    // Bookings that are not complete: unpaid, and confirmed (charged) with its session not held yet.
    const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
    const confirmed = await paidBooking(t, stripe, m);
    const notDone = await dbFingerprint(t.db);
    for (const id of [booking.id, confirmed.globalId]) {
      const early = await t.gql(REPORT, { id, reason: "x" }, m.mentee.token);
      expect(early.data.reportProblem, id).toMatchObject({
        __typename: "ProblemReportRefusedError",
        refusal: "NOT_COMPLETED",
        code: "INVALID_STATE",
      });
    }
    expect(await dbFingerprint(t.db)).toEqual(notDone);

    // After the window (the clock moved past availableAt).
    await t.db.earningHold.update({ where: { bookingId: b.id }, data: { availableAt: new Date(Date.now() - 1000) } });
    const late = await dbFingerprint(t.db);
    const tooLate = await t.gql(REPORT, { id: b.globalId, reason: "x" }, m.mentee.token);
    expect(tooLate.data.reportProblem).toMatchObject({ __typename: "ProblemReportRefusedError", refusal: "WINDOW_CLOSED" });
    expect(await dbFingerprint(t.db)).toEqual(late);
    await expectMoneySound(t.db);
  });

  it("a report within the window keeps the earning held past the window, emails the mentor and the admins, and is listed to admins", async () => {
    const m = await marketplace(t, 5000);
    const admin = await logInAdmin(t);
    const b = await completedBooking(t, stripe, m);
    const r = await t.gql(REPORT, { id: b.globalId, reason: "  The mentor never joined the call.  " }, m.mentee.token);
    expect(r.data.reportProblem).toMatchObject({
      __typename: "ReportProblemSuccess",
      booking: {
        problemReport: { status: "OPEN", reason: "The mentor never joined the call.", resolution: null },
        completionWindowEndsAt: null,
      },
    });
    const reported = await dbFingerprint(t.db);
    const again = await t.gql(REPORT, { id: b.globalId, reason: "again" }, m.mentee.token);
    expect(again.data.reportProblem).toMatchObject({ __typename: "ProblemReportRefusedError", refusal: "ALREADY_REPORTED" });
    expect(await dbFingerprint(t.db)).toEqual(reported);

    await releaseAfter(t);
    expect(await mentorBalance(m)).toBe(0);
    expect(await mentorHeld(m)).toBe(4000);
    const earnings = (await t.gql(EARNINGS, {}, m.mentor.token)).data.earnings;
    expect(heldNodes(earnings)).toEqual([
      { amount: { amountCents: 4000 }, availableAt: null, problemReported: true, booking: { id: b.globalId } },
    ]);
    // Waiting for an admin: counted as such, and not the next to become available.
    expect(earnings).toMatchObject({ heldWaitingCount: 1, nextReleaseAt: null });

    const emails = await t.db.emailMessage.findMany({ where: { dedupeKey: { startsWith: "problemReported" } } });
    expect(emails.filter((e) => e.dedupeKey === `problemReported:${b.id}`).map((e) => e.to)).toEqual([m.mentor.email]);
    expect(emails.filter((e) => e.dedupeKey.startsWith(`problemReportedForAdmin:${b.id}`)).map((e) => e.to)).toEqual([admin.email]);
    const events = await t.db.webhookEvent.findMany({ where: { subjectId: b.id, type: "booking.problem_reported" } });
    expect(events).toHaveLength(1);

    const list = (await t.gql(OPEN_REPORTS, {}, admin.token)).data.problemReports;
    expect(list.edges.map((e: any) => e.node.booking.id)).toContain(b.globalId);
    const notAdmin = await t.gql(OPEN_REPORTS, {}, m.mentee.token);
    expect(notAdmin.data?.problemReports ?? null).toBeNull();
    await expectMoneySound(t.db);
  });
});

describe("resolving a problem report", () => {
  it("refuses non-admins, anonymous callers, bad input and bookings without an open report, changing nothing", async () => {
    const m = await marketplace(t, 5000);
    const admin = await logInAdmin(t);
    const b = await reported(m);
    const unreported = await completedBooking(t, stripe, m);
    const before = await dbFingerprint(t.db);
    const cases: Array<[Record<string, unknown>, string | undefined, Record<string, unknown>]> = [
      [{ id: b.globalId, resolution: "RELEASE_TO_MENTOR" }, undefined, { __typename: "NotAuthenticatedError" }],
      [{ id: b.globalId, resolution: "RELEASE_TO_MENTOR" }, m.mentee.token, { __typename: "NotAuthorizedError" }],
      [{ id: b.globalId, resolution: "RELEASE_TO_MENTOR" }, m.mentor.token, { __typename: "NotAuthorizedError" }],
      [
        { id: b.globalId, resolution: "PARTIAL_REFUND" },
        admin.token,
        { __typename: "ValidationError", field: "refundCents", rule: "REQUIRED" },
      ],
      [{ id: b.globalId, resolution: "PARTIAL_REFUND", refundCents: 5000 }, admin.token, { __typename: "ValidationError", rule: "RANGE" }],
      [{ id: b.globalId, resolution: "PARTIAL_REFUND", refundCents: -1 }, admin.token, { __typename: "ValidationError", rule: "RANGE" }],
      [
        { id: b.globalId, resolution: "RELEASE_TO_MENTOR", refundCents: 10 },
        admin.token,
        { __typename: "ValidationError", rule: "NOT_ALLOWED" },
      ],
      [
        { id: b.globalId, resolution: "REFUND_MENTEE", refundCents: 10 },
        admin.token,
        { __typename: "ValidationError", rule: "NOT_ALLOWED" },
      ],
      [
        { id: unreported.globalId, resolution: "RELEASE_TO_MENTOR" },
        admin.token,
        { __typename: "ProblemReportNotOpenError", code: "INVALID_STATE" },
      ],
      [{ id: "nonsense", resolution: "RELEASE_TO_MENTOR" }, admin.token, { __typename: "NotFoundError" }],
    ];
    for (const [variables, token, expected] of cases) {
      const r = await t.gql(RESOLVE, variables, token);
      expect(r.data.resolveProblemReport, JSON.stringify(variables)).toMatchObject(expected);
    }
    expect(await dbFingerprint(t.db)).toEqual(before);
  });

  it("RELEASE_TO_MENTOR puts the held earning on the balance, in the audit history, once", async () => {
    const m = await marketplace(t, 5000);
    const admin = await logInAdmin(t);
    const b = await reported(m);
    const r = await t.gql(RESOLVE, { id: b.globalId, resolution: "RELEASE_TO_MENTOR", note: "Call logs show the session" }, admin.token);
    expect(r.data.resolveProblemReport).toMatchObject({
      __typename: "ResolveProblemReportSuccess",
      booking: {
        refund: null,
        problemReport: { status: "RESOLVED", resolution: "RELEASE_TO_MENTOR", refunded: { amountCents: 0 } },
        adminHistory: [{ kind: "RESOLVE_PROBLEM", note: "RELEASE_TO_MENTOR: Call logs show the session", amount: { amountCents: 0 } }],
      },
    });
    expect(await mentorBalance(m)).toBe(4000);
    expect(await mentorHeld(m)).toBe(0);
    const twice = await t.gql(RESOLVE, { id: b.globalId, resolution: "REFUND_MENTEE" }, admin.token);
    expect(twice.data.resolveProblemReport.__typename).toBe("ProblemReportNotOpenError");
    expect(await ledgerKinds(t.db, b.id)).toEqual(["EARNING_RELEASE", "MENTOR_EARNING", "PAYMENT", "PLATFORM_FEE"]);
    const emails = await t.db.emailMessage.findMany({
      where: { dedupeKey: { in: [`problemResolved:${b.id}`, `problemResolvedForMentor:${b.id}`] } },
    });
    expect(emails.map((e) => e.to).sort()).toEqual([m.mentee.email, m.mentor.email].sort());
    expect(await t.db.webhookEvent.count({ where: { subjectId: b.id, type: "booking.problem_resolved" } })).toBe(1);
    await expectMoneySound(t.db);
  });

  it("REFUND_MENTEE reverses the earning and the fee and refunds the whole price through Stripe", async () => {
    const m = await marketplace(t, 5000);
    const admin = await logInAdmin(t);
    const b = await reported(m);
    const r = await t.gql(RESOLVE, { id: b.globalId, resolution: "REFUND_MENTEE" }, admin.token);
    expect(r.data.resolveProblemReport).toMatchObject({
      __typename: "ResolveProblemReportSuccess",
      booking: {
        refund: { status: "SUCCEEDED", reason: "PROBLEM_REPORT", amount: { amountCents: 5000 } },
        problemReport: { status: "RESOLVED", resolution: "REFUND_MENTEE", refunded: { amountCents: 5000 } },
      },
    });
    const refunds = [...stripe.state.refunds.values()].filter((x) => x.payment_intent === b.paymentIntentId);
    expect(refunds.map((x) => x.amount)).toEqual([5000]);
    expect(await mentorBalance(m)).toBe(0);
    expect(await mentorHeld(m)).toBe(0);
    expect(await ledgerKinds(t.db, b.id)).toEqual([
      "EARNING_REVERSAL",
      "FEE_REVERSAL",
      "MENTOR_EARNING",
      "PAYMENT",
      "PLATFORM_FEE",
      "REFUND",
    ]);
    await releaseAfter(t);
    expect(await mentorBalance(m)).toBe(0);
    await expectMoneySound(t.db);
  });

  it("PARTIAL_REFUND refunds part; the rest is shared as a price is (fee in proportion) and the mentor's share released", async () => {
    const m = await marketplace(t, 5000);
    const admin = await logInAdmin(t);
    const b = await reported(m);
    const r = await t.gql(RESOLVE, { id: b.globalId, resolution: "PARTIAL_REFUND", refundCents: 2000 }, admin.token);
    expect(r.data.resolveProblemReport).toMatchObject({
      __typename: "ResolveProblemReportSuccess",
      booking: {
        refund: { status: "SUCCEEDED", reason: "PROBLEM_REPORT", amount: { amountCents: 2000 } },
        problemReport: { resolution: "PARTIAL_REFUND", refunded: { amountCents: 2000 } },
        adminHistory: [{ kind: "RESOLVE_PROBLEM", amount: { amountCents: 2000 } }],
      },
    });
    // Kept 3000: fee 600, mentor 2400. Reversed: earning 4000 - 2400 = 1600, fee 1000 - 600 = 400.
    expect(await mentorBalance(m)).toBe(2400);
    expect(await mentorHeld(m)).toBe(0);
    const reversals = await t.db.ledgerTransaction.findMany({
      where: { bookingId: b.id, kind: { in: ["EARNING_REVERSAL", "FEE_REVERSAL"] } },
      include: { entries: true },
    });
    expect(Object.fromEntries(reversals.map((x) => [x.kind, x.entries[0]!.amountCents]))).toEqual({
      EARNING_REVERSAL: 1600,
      FEE_REVERSAL: 400,
    });
    expect([...stripe.state.refunds.values()].filter((x) => x.payment_intent === b.paymentIntentId).map((x) => x.amount)).toEqual([2000]);
    await expectMoneySound(t.db);
  });
});

describe("completion by the system", () => {
  const HOUR = 3600_000;
  const SCHEDULE = `mutation($id: ID!, $startsAt: DateTime!) { scheduleSession(id: $id, startsAt: $startsAt) { __typename
    ... on ScheduleSessionSuccess { booking { endsAt } } } }`;
  /** Records the session an hour from now; returns when it ends. */
  async function schedule(m: Market, globalId: string): Promise<Date> {
    const r = await t.gql(SCHEDULE, { id: globalId, startsAt: new Date(Date.now() + HOUR).toISOString() }, m.mentee.token);
    expect(r.data.scheduleSession.__typename).toBe("ScheduleSessionSuccess");
    return new Date(r.data.scheduleSession.booking.endsAt);
  }
  /** A confirmed booking with links and a recorded session; when it ends. */
  async function heldSession(m: Market) {
    const b = await paidBooking(t, stripe, m);
    await addLinks(t, m, b.globalId);
    return { ...b, endsAt: await schedule(m, b.globalId) };
  }
  const run = (at: Date) => completeDueSessions(t.app.services, () => {}, at);
  /** Everything one completion leaves: history rows, earnings, completion emails (the mentee's, the mentor's if the system completed it), webhook events. */
  async function completions(b: { id: string }, m: Market) {
    return {
      history: await t.db.bookingEvent.findMany({
        where: { bookingId: b.id, toStatus: "COMPLETED" },
        select: { actorKind: true, actorId: true },
      }),
      earnings: await t.db.ledgerTransaction.count({ where: { bookingId: b.id, kind: "MENTOR_EARNING" } }),
      emails: await t.db.emailMessage.count({ where: { to: m.mentee.email, dedupeKey: `bookingCompleted:${b.id}` } }),
      mentorEmails: await t.db.emailMessage.count({
        where: { to: m.mentor.email, dedupeKey: { contains: b.id }, tag: "booking-completed-by-system-mentor" },
      }),
      events: await t.db.webhookEvent.count({ where: { subjectId: b.id, type: "booking.completed" } }),
    };
  }

  it("completes a booking whose session ended more than the window ago, once when two runs race, holding its earning a full window", async () => {
    expect(recurringTasks.map((task) => task.name)).toContain("complete-sessions");
    const m = await marketplace(t, 5000);
    const b = await heldSession(m);
    const at = new Date(b.endsAt.getTime() + 48 * HOUR + 60_000);
    const [first, second] = await Promise.all([run(at), run(at)]);
    expect(first.completed + second.completed).toBe(1);
    expect(first.failed + second.failed).toBe(0);
    expect(await completions(b, m)).toEqual({
      history: [{ actorKind: "SYSTEM", actorId: null }],
      earnings: 1,
      emails: 1,
      mentorEmails: 1,
      events: 1,
    });
    const booking = await t.db.booking.findUniqueOrThrow({ where: { id: b.id } });
    expect(booking.status).toBe("COMPLETED");
    const hold = await t.db.earningHold.findUniqueOrThrow({ where: { bookingId: b.id } });
    expect(hold).toMatchObject({ status: "HELD", amountCents: 4000, frozen: false });
    expect(hold.availableAt.getTime() - booking.completedAt!.getTime()).toBe(48 * HOUR);
    // The mentor is told why, what is held and until when the mentee may still report a problem.
    const told = await t.db.emailMessage.findUniqueOrThrow({ where: { dedupeKey: `bookingCompletedBySystemForMentor:${b.id}` } });
    expect(told.to).toBe(m.mentor.email);
    expect(told.textBody).toContain(`recorded end (${formatDeadline(b.endsAt)}) was more than 48 hours ago`);
    expect(told.textBody).toContain(
      `Your earning of $40.00 is held and becomes available for payout on ${formatDeadline(hold.availableAt)}.`,
    );
    expect(told.textBody).toContain("may still report a problem");
    expect(await mentorHeld(m)).toBe(4000);
    expect(await mentorBalance(m)).toBe(0);
    // The mentee still has the window to report a problem, and is told who completed it.
    expect((await t.gql(BOOKING, { id: b.globalId }, m.mentee.token)).data.booking.viewerCanReportProblem).toBe(true);
    const mentee = await t.db.emailMessage.findUniqueOrThrow({ where: { dedupeKey: `bookingCompleted:${b.id}` } });
    expect(mentee.textBody).toContain("was completed automatically, as its recorded time has passed");
    expect(mentee.textBody).not.toContain("marked");

    // A later run finds nothing to do for it.
    expect((await run(new Date(at.getTime() + HOUR))).completed).toBe(0);
    expect((await completions(b, m)).history).toHaveLength(1);
    await expectMoneySound(t.db);
  });

  it("a mentor's own completion emails the mentee only: the mentor gets no completed-automatically email", async () => {
    const m = await marketplace(t, 5000);
    const b = await heldSession(m);
    expect(await markComplete(t, m, b.globalId)).toBe("CompleteBookingSuccess");
    expect((await run(new Date(b.endsAt.getTime() + 49 * HOUR))).completed).toBe(0);
    expect(await completions(b, m)).toMatchObject({ emails: 1, mentorEmails: 0 });
    expect(
      await t.db.emailMessage.count({ where: { to: m.mentor.email, dedupeKey: { contains: b.id }, tag: { contains: "completed" } } }),
    ).toBe(0);
  });

  it("leaves alone a session that ended less than the window ago, a booking without links and one without a recorded start", async () => {
    const m = await marketplace(t, 5000);
    const notDue = await heldSession(m);
    const noLinks = await paidBooking(t, stripe, m);
    const noLinksEnds = await schedule(m, noLinks.globalId);
    const noStart = await paidBooking(t, stripe, m);
    await addLinks(t, m, noStart.globalId);
    const before = await dbFingerprint(t.db);
    expect(await run(new Date(notDue.endsAt.getTime() + 47 * HOUR))).toEqual({ completed: 0, skipped: 0, failed: 0 });
    expect(await dbFingerprint(t.db)).toEqual(before);
    // Long after: the due one is completed, the other two still not.
    await run(new Date(noLinksEnds.getTime() + 400 * 24 * HOUR));
    for (const b of [noLinks, noStart]) {
      expect((await t.db.booking.findUniqueOrThrow({ where: { id: b.id } })).status).toBe("CONFIRMED");
      expect(await t.db.earningHold.findUnique({ where: { bookingId: b.id } })).toBeNull();
    }
    expect((await t.db.booking.findUniqueOrThrow({ where: { id: notDue.id } })).status).toBe("COMPLETED");
    await expectMoneySound(t.db);
  });

  it("a mentor's complete racing the task completes the booking once, by whichever came first", async () => {
    const m = await marketplace(t, 5000);
    for (let i = 0; i < 3; i++) {
      const b = await heldSession(m);
      const [mentor, task] = await Promise.all([markComplete(t, m, b.globalId), run(new Date(b.endsAt.getTime() + 49 * HOUR))]);
      const done = await completions(b, m);
      expect(done).toMatchObject({ earnings: 1, emails: 1, events: 1 });
      expect(done.history).toHaveLength(1);
      if (mentor === "CompleteBookingSuccess") {
        expect(task).toMatchObject({ completed: 0, failed: 0 });
        expect(done.history[0]).toEqual({ actorKind: "USER", actorId: rawId(m.mentor.id) });
        expect(done.mentorEmails).toBe(0);
      } else {
        expect(mentor).toBe("InvalidTransitionError");
        expect(task).toMatchObject({ completed: 1, failed: 0 });
        expect(done.history[0]).toEqual({ actorKind: "SYSTEM", actorId: null });
        expect(done.mentorEmails).toBe(1);
      }
    }
    expect(await mentorHeld(m)).toBe(12000);
    await expectMoneySound(t.db);
  });
});
