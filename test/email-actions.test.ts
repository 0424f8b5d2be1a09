// One-click answers from the new-request email, against the Stripe stand-in (the mentee's card is
// authorised at booking, captured on confirm): opening a link shows a page and changes nothing;
// its form answers once, as the mentor, and the link is spent with that answer or not at all. A
// confirm captures exactly once however often the link is sent; a capture that fails (the card
// declined, Stripe unreachable, a fault after Stripe captured) leaves the booking PENDING and the
// link working, and the next try captures once; a decline releases the hold; a bad reason, a
// spent, expired or tampered link never acts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startStripeApp, type TestApp } from "./support/harness.ts";
import { marketplace, OPS, rawId } from "./support/fixtures.ts";
import { paidBooking } from "./support/completion-fixtures.ts";
import { dbFingerprint } from "./support/db-fingerprint.ts";
import { captureCalls, capturedAtStripe, expectMoneySound, ledgerKinds } from "./support/money-checks.ts";
import type { StripeStandIn } from "./support/stripe-stand-in.ts";

let stripe: StripeStandIn;
let t: TestApp;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ stripe, t, stop } = await startStripeApp());
});
afterAll(() => stop?.());
beforeEach(() => stripe.clearFailures());

type Market = Awaited<ReturnType<typeof marketplace>>;

/** A request the mentee paid for: the card is authorised (requires_capture at the stand-in), the mentor not yet answered. */
const authorised = (m: Market) => paidBooking(t, stripe, m, false);

/** The Confirm and Decline links of the new-request email sent for this booking (raw id). */
async function answerLinks(bookingId: string) {
  const email = await t.db.emailMessage.findFirstOrThrow({ where: { dedupeKey: `bookingPaid:${bookingId}` } });
  const confirm = email.textBody.match(/Confirm: (\S+)/)?.[1];
  const decline = email.textBody.match(/Decline: (\S+)/)?.[1];
  expect(confirm).toMatch(/\/respond\/[\w-]{40,}$/);
  expect(decline).toMatch(/\/respond\/[\w-]{40,}$/);
  // The email was written with the public URL of the app; the test app answers on its own port.
  const local = (link: string) => `${t.url}${new URL(link).pathname}`;
  return { confirm: local(confirm!), decline: local(decline!), text: email.textBody };
}

const post = (url: string, form: Record<string, string> = {}) =>
  fetch(url, { method: "POST", body: new URLSearchParams(form), redirect: "manual" });
const bookingOf = (id: string) => t.db.booking.findUniqueOrThrow({ where: { id } });
const statusOf = async (id: string) => (await bookingOf(id)).status;
/** Captures Stripe made: processed requests (answered, or whose answer was lost), not replays of a stored answer. */
const capturesMade = (paymentIntentId: string) =>
  captureCalls(stripe, paymentIntentId).filter((c) => !c.replayed && (c.status === 200 || c.injected === "after"));
const linksUnused = async (bookingId: string) =>
  (await t.db.emailAction.findMany({ where: { bookingId } })).every((link) => link.usedAt === null);

/** The booking is still waiting for the mentor, nothing charged or recorded, and its Confirm link still asks. */
async function expectStillPending(b: { id: string; paymentIntentId: string }, confirmLink: string) {
  expect(await bookingOf(b.id)).toMatchObject({ status: "PENDING", capturedAt: null, confirmedAt: null });
  expect(await ledgerKinds(t.db, b.id)).toEqual([]);
  expect(await t.db.session.findUnique({ where: { bookingId: b.id } })).toBeNull();
  expect(await linksUnused(b.id)).toBe(true);
  const page = await fetch(confirmLink);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("Confirm this booking?");
}

describe("one-click answers from the new-request email", () => {
  it("opening the Confirm link only asks; the form confirms and captures once, as the mentor, and spends both links", async () => {
    const m = await marketplace(t, 4400);
    const b = await authorised(m);
    const links = await answerLinks(b.id);
    expect(links.text).toMatch(/works once/);

    const before = await dbFingerprint(t.db);
    for (let i = 0; i < 3; i++) {
      const page = await fetch(links.confirm);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("Confirm this booking?");
      expect(html).toContain("Career chat");
      expect(html).toContain("Confirming charges the amount held on");
      expect(html).toMatch(/<form method="post">/);
    }
    expect(await dbFingerprint(t.db)).toEqual(before); // a link scanner's GETs change nothing
    expect(captureCalls(stripe, b.paymentIntentId)).toHaveLength(0);

    const [first, second] = await Promise.all([post(links.confirm), post(links.confirm)]);
    expect([first.status, second.status].sort()).toEqual([200, 410]);
    const done = await (first.status === 200 ? first : second).text();
    expect(done).toContain("Booking confirmed");
    expect(done).toMatch(/card was charged \$44\.00/);
    expect(await statusOf(b.id)).toBe("CONFIRMED");
    const history = await t.db.bookingEvent.findMany({ where: { bookingId: b.id }, orderBy: { sequence: "asc" } });
    expect(history.at(-1)).toMatchObject({ toStatus: "CONFIRMED", actorKind: "USER", actorId: rawId(m.mentor.id) });

    // Both links are spent: opened again, or the Decline link, neither shows a form nor acts.
    const afterConfirm = await dbFingerprint(t.db);
    expect((await fetch(links.confirm)).status).toBe(410);
    expect((await fetch(links.decline)).status).toBe(410);
    expect((await post(links.decline)).status).toBe(410);
    expect((await post(links.confirm)).status).toBe(410);
    expect(await dbFingerprint(t.db)).toEqual(afterConfirm);

    // Captured exactly once, and recorded once.
    expect(capturesMade(b.paymentIntentId)).toHaveLength(1);
    expect(capturedAtStripe(stripe, b.paymentIntentId)).toBe(4400);
    expect(await ledgerKinds(t.db, b.id)).toEqual(["PAYMENT"]);
    await expectMoneySound(t.db);
  });

  it("Confirm and Decline sent at once: one answer, the other link finds itself spent", async () => {
    const m = await marketplace(t, 2500);
    const b = await authorised(m);
    const links = await answerLinks(b.id);
    const [confirm, decline] = await Promise.all([post(links.confirm), post(links.decline)]);
    expect([confirm.status, decline.status].sort()).toEqual([200, 410]);
    const booking = await bookingOf(b.id);
    if (confirm.status === 200) {
      expect(booking.status).toBe("CONFIRMED");
      expect(capturesMade(b.paymentIntentId)).toHaveLength(1);
    } else {
      expect(booking.status).toBe("DECLINED");
      expect(captureCalls(stripe, b.paymentIntentId)).toHaveLength(0);
    }
    await expectMoneySound(t.db);
  });

  it("the Decline link declines with the reason typed on its page and releases the hold: nothing captured or refunded", async () => {
    const m = await marketplace(t, 3600);
    const b = await authorised(m);
    const links = await answerLinks(b.id);
    const ask = await (await fetch(links.decline)).text();
    expect(ask).toContain("Decline this booking?");
    expect(ask).toContain("is told, and not charged: the hold on their card is released.");
    expect(ask).toContain('<button type="submit">Decline and release the hold</button>');
    expect(ask).not.toMatch(/refund/i);
    const answered = await post(links.decline, { reason: "Travelling that week" });
    expect(answered.status).toBe(200);
    const page = await answered.text();
    expect(page).toContain("Booking declined");
    expect(page).toMatch(/was not charged: the \$36\.00 held on their card is released/);
    expect(page).not.toMatch(/refund/i);

    const booking = await t.db.booking.findUniqueOrThrow({ where: { id: b.id }, include: { refund: true } });
    expect(booking).toMatchObject({ status: "DECLINED", declineReason: "Travelling that week", capturedAt: null, refund: null });
    expect(booking.authorizationReleasedAt).not.toBeNull();
    expect(stripe.state.paymentIntents.get(b.paymentIntentId)!.status).toBe("canceled");
    expect(captureCalls(stripe, b.paymentIntentId)).toHaveLength(0);
    expect(capturedAtStripe(stripe, b.paymentIntentId)).toBe(0);
    expect(stripe.requests.filter((r) => r.path === "/v1/refunds")).toHaveLength(0);
    expect(await ledgerKinds(t.db, b.id)).toEqual([]);
    expect((await fetch(links.confirm)).status).toBe(410);
    await expectMoneySound(t.db);
  });

  it("a capture the card refuses leaves the booking PENDING and the link working, says so, and the next try captures once", async () => {
    const m = await marketplace(t, 5100);
    const b = await authorised(m);
    const links = await answerLinks(b.id);
    stripe.failNext(`POST /v1/payment_intents/${b.paymentIntentId}/capture`, 402, {
      type: "card_error",
      code: "card_declined",
      message: "Your card was declined.",
    });
    const refused = await post(links.confirm);
    expect(refused.status).toBe(402);
    const page = await refused.text();
    expect(page).toContain("Not confirmed: the card could not be charged");
    expect(page).toMatch(/could not be charged: its authorisation was refused/);
    expect(page).toContain("Nothing was charged and the booking is still waiting for your answer");
    expect(page).toContain("This link still works");
    expect(page).toMatch(/<form method="post"><button type="submit">Try again<\/button><\/form>/);
    await expectStillPending(b, links.confirm);

    const ok = await post(links.confirm);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Booking confirmed");
    expect(await statusOf(b.id)).toBe("CONFIRMED");
    expect(capturesMade(b.paymentIntentId)).toHaveLength(1);
    expect(capturedAtStripe(stripe, b.paymentIntentId)).toBe(5100);
    expect(await ledgerKinds(t.db, b.id)).toEqual(["PAYMENT"]);
    expect((await post(links.confirm)).status).toBe(410);
    await expectMoneySound(t.db);
  });

  it("an unreachable Stripe (or its lost answer) says try again with the link still working; the retry captures once", async () => {
    const m = await marketplace(t, 4700);
    const b = await authorised(m);
    const links = await answerLinks(b.id);
    const capture = `POST /v1/payment_intents/${b.paymentIntentId}/capture`;
    // Down: every attempt of the SDK fails.
    stripe.failNext(capture, 500, undefined, { times: 3 });
    const down = await post(links.confirm);
    expect(down.status).toBe(503);
    const page = await down.text();
    expect(page).toContain("Not confirmed yet: try again");
    expect(page).toMatch(/could not be reached, so the mentee&#39;s card was not charged/);
    expect(page).toContain("This link still works: try again in a moment.");
    await expectStillPending(b, links.confirm);
    expect(capturedAtStripe(stripe, b.paymentIntentId)).toBe(0);

    // Captured, but every answer lost on the way back: Stripe took the money, the booking did not.
    stripe.failNext(capture, "drop", undefined, { when: "after", times: 3 });
    expect((await post(links.confirm)).status).toBe(503);
    expect(capturedAtStripe(stripe, b.paymentIntentId)).toBe(4700);
    await expectStillPending(b, links.confirm);

    const ok = await post(links.confirm);
    expect(ok.status).toBe(200);
    expect(await statusOf(b.id)).toBe("CONFIRMED");
    expect(capturesMade(b.paymentIntentId)).toHaveLength(1); // the retry got the stored capture back
    expect(new Set(captureCalls(stripe, b.paymentIntentId).map((c) => c.idempotencyKey))).toEqual(new Set([`capture:${b.id}`]));
    expect(await ledgerKinds(t.db, b.id)).toEqual(["PAYMENT"]);
    await expectMoneySound(t.db);
  });

  it("a fault after Stripe captured rolls the answer back with the link's use; the retry records the one capture", async () => {
    const m = await marketplace(t, 3800);
    const b = await authorised(m);
    const links = await answerLinks(b.id);
    // The database refuses the confirmed booking's session row: a fault inside the answer's transaction, after the capture.
    await t.db.$executeRawUnsafe(`CREATE FUNCTION refuse_session() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected fault'; END $$`);
    await t.db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_session BEFORE INSERT ON "Session" FOR EACH ROW WHEN (NEW."bookingId" = '${b.id}') EXECUTE FUNCTION refuse_session()`,
    );
    try {
      const failed = await post(links.confirm);
      expect(failed.status).toBe(500);
      const page = await failed.text();
      expect(page).toContain("Something went wrong");
      expect(page).toContain("this link still works: try again");
      expect(capturedAtStripe(stripe, b.paymentIntentId)).toBe(3800);
      await expectStillPending(b, links.confirm);
    } finally {
      await t.db.$executeRawUnsafe(`DROP TRIGGER refuse_session ON "Session"`);
      await t.db.$executeRawUnsafe(`DROP FUNCTION refuse_session()`);
    }
    const ok = await post(links.confirm);
    expect(ok.status).toBe(200);
    expect(await statusOf(b.id)).toBe("CONFIRMED");
    expect(capturesMade(b.paymentIntentId)).toHaveLength(1);
    expect(await ledgerKinds(t.db, b.id)).toEqual(["PAYMENT"]);
    await expectMoneySound(t.db);
  });

  it("a reason that is too long or holds control characters gets a clear error and changes nothing; the link still works", async () => {
    const m = await marketplace(t);
    const b = await authorised(m);
    const links = await answerLinks(b.id);
    const before = await dbFingerprint(t.db);
    const tooLong = await post(links.decline, { reason: "x".repeat(1001) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toMatch(/Reason must be at most 1,000 characters\. Nothing was changed, and this link still works\./);
    const control = await post(links.decline, { reason: "Sorry\u0007" });
    expect(control.status).toBe(400);
    expect(await control.text()).toMatch(/Reason contains characters that are not allowed\./);
    expect(await dbFingerprint(t.db)).toEqual(before);
    expect(await statusOf(b.id)).toBe("PENDING");
    expect(captureCalls(stripe, b.paymentIntentId)).toHaveLength(0);
    expect((await fetch(links.decline)).status).toBe(200);
    expect((await post(links.decline, { reason: "Fully booked" })).status).toBe(200);
    expect(await bookingOf(b.id)).toMatchObject({ status: "DECLINED", declineReason: "Fully booked" });
  });

  it("an expired, tampered or already answered request's link never acts", async () => {
    const m = await marketplace(t);
    const expired = await authorised(m);
    const expiredLinks = await answerLinks(expired.id);
    await t.db.emailAction.updateMany({ where: { bookingId: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const answeredElsewhere = await authorised(m);
    const elsewhereLinks = await answerLinks(answeredElsewhere.id);
    expect((await t.gql(OPS.declineBooking, { id: answeredElsewhere.globalId }, m.mentor.token)).data.declineBooking.__typename).toBe(
      "DeclineBookingSuccess",
    );

    const before = await dbFingerprint(t.db);
    expect((await fetch(expiredLinks.confirm)).status).toBe(410);
    expect((await post(expiredLinks.confirm)).status).toBe(410);
    expect((await post(expiredLinks.decline)).status).toBe(410);
    const tampered = expiredLinks.confirm.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect((await fetch(tampered)).status).toBe(410);
    expect((await post(tampered)).status).toBe(410);
    expect((await post(`${t.url}/respond/short`)).status).toBe(404);
    // A request answered on the dashboard: its links no longer show a form.
    expect((await fetch(elsewhereLinks.confirm)).status).toBe(410);
    expect(await dbFingerprint(t.db)).toEqual(before);
    expect(await statusOf(expired.id)).toBe("PENDING");
    expect(captureCalls(stripe, expired.paymentIntentId)).toHaveLength(0);

    // Sent anyway: the refusal says why, the links are spent, and nothing else changes.
    const refused = await post(elsewhereLinks.confirm);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(/declined cannot be confirmed/);
    expect(await statusOf(answeredElsewhere.id)).toBe("DECLINED");
    expect(captureCalls(stripe, answeredElsewhere.paymentIntentId)).toHaveLength(0);
    expect((await post(elsewhereLinks.decline)).status).toBe(410);
    await expectMoneySound(t.db);
  });
});
