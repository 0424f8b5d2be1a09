// One-click answers from the new-request email, against the Stripe stand-in (the mentee's card is
// authorised at booking, captured on confirm): opening a link shows a page and changes nothing;
// its form answers once, as the mentor, capturing once; a decline releases the hold; a spent,
// expired or tampered link never acts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startStripeApp, type TestApp } from "./support/harness.ts";
import { marketplace, OPS, rawId } from "./support/fixtures.ts";
import { paidBooking } from "./support/completion-fixtures.ts";
import { dbFingerprint } from "./support/db-fingerprint.ts";
import { capturedAtStripe, expectMoneySound } from "./support/money-checks.ts";
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
const captureCalls = (paymentIntentId: string) =>
  stripe.requests.filter((r) => r.method === "POST" && r.path === `/v1/payment_intents/${paymentIntentId}/capture`);
/** Captures Stripe made: processed requests (answered, or whose answer was lost), not replays of a stored answer. */
const capturesMade = (paymentIntentId: string) =>
  captureCalls(paymentIntentId).filter((c) => !c.replayed && (c.status === 200 || c.injected === "after"));
const ledgerKinds = async (bookingId: string) =>
  (await t.db.ledgerTransaction.findMany({ where: { bookingId }, select: { kind: true } })).map((k) => k.kind).sort();
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
      expect(html).toMatch(/<form method="post">/);
    }
    expect(await dbFingerprint(t.db)).toEqual(before); // a link scanner's GETs change nothing
    expect(captureCalls(b.paymentIntentId)).toHaveLength(0);

    const [first, second] = await Promise.all([post(links.confirm), post(links.confirm)]);
    expect([first.status, second.status].sort()).toEqual([200, 410]);
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
    expect(await ledgerKinds(b.id)).toEqual(["PAYMENT"]);
    await expectMoneySound(t.db);
  });

  it("the Decline link declines with the reason typed on its page and releases the hold: nothing captured or refunded", async () => {
    const m = await marketplace(t, 3600);
    const b = await authorised(m);
    const links = await answerLinks(b.id);
    expect(await (await fetch(links.decline)).text()).toContain("Decline this booking?");
    const answered = await post(links.decline, { reason: "Travelling that week" });
    expect(answered.status).toBe(200);

    const booking = await t.db.booking.findUniqueOrThrow({ where: { id: b.id }, include: { refund: true } });
    expect(booking).toMatchObject({ status: "DECLINED", declineReason: "Travelling that week", capturedAt: null, refund: null });
    expect(booking.authorizationReleasedAt).not.toBeNull();
    expect(stripe.state.paymentIntents.get(b.paymentIntentId)!.status).toBe("canceled");
    expect(captureCalls(b.paymentIntentId)).toHaveLength(0);
    expect(capturedAtStripe(stripe, b.paymentIntentId)).toBe(0);
    expect(stripe.requests.filter((r) => r.path === "/v1/refunds")).toHaveLength(0);
    expect(await ledgerKinds(b.id)).toEqual([]);
    expect((await fetch(links.confirm)).status).toBe(410);
    await expectMoneySound(t.db);
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
    expect(await dbFingerprint(t.db)).toEqual(before);
    expect(await statusOf(expired.id)).toBe("PENDING");
    expect(captureCalls(expired.paymentIntentId)).toHaveLength(0);

    // Sent anyway: the refusal says why, the links are spent, and nothing else changes.
    const refused = await post(elsewhereLinks.confirm);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(/declined cannot be confirmed/);
    expect(await statusOf(answeredElsewhere.id)).toBe("DECLINED");
    expect(captureCalls(answeredElsewhere.paymentIntentId)).toHaveLength(0);
    expect((await post(elsewhereLinks.decline)).status).toBe(410);
    await expectMoneySound(t.db);
  });
});
