// viewerChanged: what is not a booking's change reaches the open pages it concerns, live and
// only those: a mentor's approval (and the mentors list, for everyone), the mentor's Stripe
// Connect state from account.updated, and a payout made by the payout cycle.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connected, startTestApp, subscribe, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, logInAdmin, OPS, rawId, signUp } from "./support/fixtures.ts";
import { creditEarning } from "./support/payout-fixtures.ts";
import { simulatedAccountUpdated } from "../server/simulator/connect-simulator.ts";
import { runPayoutCycle } from "../server/payouts/cycle.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ vars: ADMIN_VARS });
});
afterAll(() => t?.stop());

const VIEWER_CHANGED = `subscription { viewerChanged { kind } }`;
const kinds = (events: Array<{ data?: { viewerChanged: { kind: string } } }>) => events.map((e) => e.data?.viewerChanged.kind);
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
// MENTORS goes to everyone, so on a Redis shared with other test files' apps (CI) more of them
// may arrive; what is personal to a viewer is counted exactly.
const personal = (events: Parameters<typeof kinds>[0]) => kinds(events).filter((kind) => kind !== "MENTORS");
const onlyMentors = (events: Parameters<typeof kinds>[0]) => events.length > 0 && personal(events).length === 0;

describe("viewerChanged", () => {
  it("tells each viewer what changed for them: approval, the mentors list, Connect state and payouts", async () => {
    const admin = await logInAdmin(t);
    const mentor = await signUp(t, "MENTOR");
    const otherMentor = await signUp(t, "MENTOR");
    const mentee = await signUp(t, "MENTEE");
    const feeds = {
      mentor: subscribe(t.ws(mentor.token), VIEWER_CHANGED),
      otherMentor: subscribe(t.ws(otherMentor.token), VIEWER_CHANGED),
      mentee: subscribe(t.ws(mentee.token), VIEWER_CHANGED),
      anonymous: subscribe(t.ws(), VIEWER_CHANGED),
    };
    const anonymousWs = t.ws();
    await connected(anonymousWs);
    await settle(); // let the subscriptions register

    // Approval: the mentor's notice goes; everyone's mentors list gains them.
    const approved = await t.gql(OPS.approveMentor, { id: mentor.id }, admin.token);
    expect(approved.data.approveMentor.__typename).toBe("ApproveMentorSuccess");
    await feeds.mentor.next(2);
    await feeds.mentee.next(1);
    await feeds.anonymous.next(1);
    await feeds.otherMentor.next(1);
    await expect.poll(() => personal(feeds.mentor.events)).toEqual(["APPROVAL"]);
    expect(kinds(feeds.mentor.events)).toContain("MENTORS");
    for (const feed of [feeds.mentee, feeds.anonymous, feeds.otherMentor]) expect(onlyMentors(feed.events)).toBe(true);

    // A refused approval announces nothing.
    const refused = await t.gql(OPS.approveMentor, { id: otherMentor.id }, mentee.token);
    expect(refused.data.approveMentor.__typename).toBe("NotAuthorizedError");

    // account.updated: the mentor's Earnings page learns of the new Connect state.
    const connect = await t.gql(`mutation { connectStripeAccount { __typename } }`, {}, mentor.token);
    expect(connect.data.connectStripeAccount.__typename).toBe("ConnectStripeAccountSuccess");
    const { stripeAccountId } = await t.db.mentorProfile.findUniqueOrThrow({ where: { userId: rawId(mentor.id) } });
    const delivered = await t.webhook(simulatedAccountUpdated(stripeAccountId!));
    expect(delivered.status).toBe(200);
    await expect.poll(() => personal(feeds.mentor.events)).toEqual(["APPROVAL", "EARNINGS"]);

    // The payout cycle pays the mentor: their Earnings page learns of it.
    await creditEarning(t.db, rawId(mentor.id), 4000);
    const summary = await runPayoutCycle(t.app.services);
    expect(summary.paid).toBe(1);
    await expect.poll(() => personal(feeds.mentor.events)).toEqual(["APPROVAL", "EARNINGS", "EARNINGS"]);

    // Nobody else heard about the mentor's earnings.
    await settle();
    expect(personal(feeds.mentor.events)).toEqual(["APPROVAL", "EARNINGS", "EARNINGS"]);
    for (const feed of [feeds.mentee, feeds.anonymous, feeds.otherMentor]) expect(onlyMentors(feed.events)).toBe(true);
  });
});
