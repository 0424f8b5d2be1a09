// One-click answers from the new-request email: opening a link shows a page and changes
// nothing; its form answers once, as the mentor; a spent, expired or tampered link never acts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, marketplace, OPS, paidBooking, rawId } from "./support/fixtures.ts";
import { dbFingerprint } from "./support/db-fingerprint.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ vars: ADMIN_VARS });
});
afterAll(() => t?.stop());

/** The Confirm and Decline links of the new-request email sent for this booking. */
async function answerLinks(bookingId: string) {
  const email = await t.db.emailMessage.findFirstOrThrow({ where: { dedupeKey: `bookingPaid:${rawId(bookingId)}` } });
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
const statusOf = async (id: string) => (await t.db.booking.findUniqueOrThrow({ where: { id: rawId(id) } })).status;

describe("one-click answers from the new-request email", () => {
  it("opening the Confirm link only asks; the form confirms once, as the mentor, and spends both links", async () => {
    const m = await marketplace(t);
    const id = await paidBooking(t, m);
    const links = await answerLinks(id);
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

    const [first, second] = await Promise.all([post(links.confirm), post(links.confirm)]);
    expect([first.status, second.status].sort()).toEqual([200, 410]);
    expect(await statusOf(id)).toBe("CONFIRMED");
    const history = await t.db.bookingEvent.findMany({ where: { bookingId: rawId(id) }, orderBy: { sequence: "asc" } });
    expect(history.at(-1)).toMatchObject({ toStatus: "CONFIRMED", actorKind: "USER", actorId: rawId(m.mentor.id) });

    // Both links are spent: the Decline link neither shows a form nor acts.
    const afterConfirm = await dbFingerprint(t.db);
    expect((await fetch(links.decline)).status).toBe(410);
    expect((await post(links.decline)).status).toBe(410);
    expect((await post(links.confirm)).status).toBe(410);
    expect(await dbFingerprint(t.db)).toEqual(afterConfirm);
  });

  it("the Decline link declines with the reason typed on its page and refunds the mentee", async () => {
    const m = await marketplace(t);
    const id = await paidBooking(t, m);
    const links = await answerLinks(id);
    expect(await (await fetch(links.decline)).text()).toContain("Decline this booking?");
    const answered = await post(links.decline, { reason: "Travelling that week" });
    expect(answered.status).toBe(200);
    const booking = await t.db.booking.findUniqueOrThrow({ where: { id: rawId(id) }, include: { refund: true } });
    expect(booking).toMatchObject({ status: "DECLINED", declineReason: "Travelling that week" });
    expect(booking.refund).toMatchObject({ reason: "DECLINED", amountCents: m.priceCents });
  });

  it("an expired, tampered or already answered request's link never acts", async () => {
    const m = await marketplace(t);
    const expired = await paidBooking(t, m);
    const expiredLinks = await answerLinks(expired);
    await t.db.emailAction.updateMany({ where: { bookingId: rawId(expired) }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const answeredElsewhere = await paidBooking(t, m);
    const elsewhereLinks = await answerLinks(answeredElsewhere);
    expect((await t.gql(OPS.declineBooking, { id: answeredElsewhere }, m.mentor.token)).data.declineBooking.__typename).toBe(
      "DeclineBookingSuccess",
    );

    const before = await dbFingerprint(t.db);
    expect((await fetch(expiredLinks.confirm)).status).toBe(410);
    expect((await post(expiredLinks.confirm)).status).toBe(410);
    const tampered = expiredLinks.confirm.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect((await post(tampered)).status).toBe(410);
    expect((await post(`${t.url}/respond/short`)).status).toBe(404);
    expect(await dbFingerprint(t.db)).toEqual(before);
    expect(await statusOf(expired)).toBe("PENDING");

    // A request answered on the dashboard: its link is spent by the answer's refusal, nothing changes.
    const refused = await post(elsewhereLinks.confirm);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(/declined cannot be confirmed/);
    expect(await statusOf(answeredElsewhere)).toBe("DECLINED");
  });
});
