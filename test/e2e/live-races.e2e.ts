// Identity, not position: the mentor has a Decline form open with a typed reason (Pending tab)
// and a Links form with typed links (Confirmed tab, another tab of the same browser) while the
// lists change live under them: a new booking is paid and arrives, bookings leave (the mentee
// cancels, a session is completed), and the mentor's third tab confirms another booking. Each
// form stays on the booking it was opened on, keeps what was typed, and its action lands on
// that booking and no other.
import { expect, test } from "vitest";
import type { Locator, Page } from "playwright-core";
import type { AuthenticatedUser } from "../../server/accounts/auth.ts";
import { addBookingLinks, cancelBooking, completeBooking, confirmBooking, requestBooking } from "../../server/bookings/booking-commands.ts";
import { reportProblem, resolveProblemReport } from "../../server/bookings/completion-hold.ts";
import { newContext, paidAsSimulatorPays, screenshot, watchErrors, useBrowserApp } from "./harness.ts";

const e2e = useBrowserApp();
const errors: string[] = [];

const T = { timeout: 15_000 };

async function user(email: string): Promise<AuthenticatedUser> {
  const found = await e2e.app.services.db.user.findUniqueOrThrow({ where: { email } });
  return { id: found.id, role: found.role, tokenId: "" };
}

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/dashboard", T);
}

test("open forms stay on their booking through arrivals, removals and another tab's action", async () => {
  const { db } = e2e.app.services;
  const maria = await user("maria@demo.test");
  const mia = await user("mia@demo.test");
  const intro = await db.sessionType.findFirstOrThrow({ where: { mentorId: maria.id, title: "Intro call" } });

  /** A booking by Mia with Maria, paid as a verified checkout.session.completed pays it. */
  const paidBooking = async (message: string) => {
    const { booking } = await requestBooking(e2e.app.services, mia, { sessionTypeId: intro.id, message });
    await paidAsSimulatorPays(e2e.app.services, booking.id);
    return booking.id;
  };
  const confirmedBooking = async (message: string) => {
    const id = await paidBooking(message);
    await confirmBooking(e2e.app.services, maria, id);
    return id;
  };

  // Oldest first, so arrivals and removals happen above the bookings the forms are open on.
  const linksTarget = await confirmedBooking("L: the links go on this one");
  const declineTarget = await paidBooking("X: decline this one");
  const otherTabConfirms = await paidBooking("W: another tab confirms this one");
  const menteeCancels = await paidBooking("V: the mentee cancels this one");

  const context = await newContext(e2e.browser, e2e.baseUrl);
  const pendingTab = await context.newPage();
  watchErrors(pendingTab, errors);
  await signIn(pendingTab, "maria@demo.test");
  const confirmedTab = await context.newPage();
  watchErrors(confirmedTab, errors);
  await confirmedTab.goto("/dashboard?tab=confirmed");
  for (const page of [pendingTab, confirmedTab]) await page.getByRole("status").filter({ hasText: "Live" }).waitFor(T);

  const card = (page: Page, text: string) => page.locator("article.booking", { hasText: text });
  const cards = (page: Page) => page.locator("article.booking");

  await screenshot(pendingTab, "race-start");
  // The Decline form on X, with a typed reason.
  const x = card(pendingTab, "X: decline this one");
  await x.getByRole("button", { name: "Decline…" }).click();
  const reason = "Fully booked until March, sorry.";
  await x.getByLabel("Reason for declining (shown to the mentee)").fill(reason);
  // The confirmation names the booking it acts on.
  expect(await x.locator("form").textContent()).toContain("Decline “Intro call” with Mia Mentee?");

  // The Links form on L, with typed links.
  const l = card(confirmedTab, "L: the links go on this one");
  const links = { availabilityLink: "https://calendar.app.google/only-for-l", meetingLink: "https://meet.google.com/lll-llll-lll" };
  await l.getByLabel("Availability link").fill(links.availabilityLink);
  await l.getByLabel("Meeting link").fill(links.meetingLink);

  /** Each form is still open on its own booking, with exactly what was typed, and on no other card. */
  const formsStayPut = async (when: string) => {
    await screenshot(pendingTab, `race-${when}-pending`);
    await screenshot(confirmedTab, `race-${when}-confirmed`);
    expect(await x.getByLabel("Reason for declining (shown to the mentee)").inputValue(), when).toBe(reason);
    expect(await pendingTab.locator("form textarea").count(), when).toBe(1);
    expect(await l.getByLabel("Availability link").inputValue(), when).toBe(links.availabilityLink);
    expect(await l.getByLabel("Meeting link").inputValue(), when).toBe(links.meetingLink);
    const typed = async (field: Locator) =>
      (await field.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).filter((v) => v === links.meetingLink);
    expect(await typed(confirmedTab.getByLabel("Meeting link")), when).toHaveLength(1);
  };

  // 1. Arrivals: a new paid booking (top of Pending) and a newly confirmed one (top of Confirmed).
  const pendingBefore = await cards(pendingTab).count();
  const confirmedBefore = await cards(confirmedTab).count();
  const arrived = await paidBooking("Y: arrives while the forms are open");
  const arrivedConfirmed = await confirmedBooking("Q: confirmed while the forms are open");
  await card(pendingTab, "Y: arrives while the forms are open").waitFor(T);
  await card(confirmedTab, "Q: confirmed while the forms are open").waitFor(T);
  await expect.poll(() => cards(pendingTab).count(), T).toBe(pendingBefore + 1);
  await expect.poll(() => cards(confirmedTab).count(), T).toBe(confirmedBefore + 1);
  expect(await cards(pendingTab).first().textContent()).toContain("Y: arrives");
  await formsStayPut("arrival");

  // 2. Removals above the forms: the mentee cancels V; the confirmed Q is completed.
  await cancelBooking(e2e.app.services, mia, menteeCancels);
  await addBookingLinks(e2e.app.services, maria, {
    bookingId: arrivedConfirmed,
    availabilityLink: "https://calendar.app.google/q",
    meetingLink: "https://meet.google.com/qqq-qqqq-qqq",
  });
  await completeBooking(e2e.app.services, maria, arrivedConfirmed);
  await card(pendingTab, "V: the mentee cancels this one").waitFor({ state: "detached", ...T });
  await card(confirmedTab, "Q: confirmed while the forms are open").waitFor({ state: "detached", ...T });
  await formsStayPut("removal");

  // 3. Another tab of the same mentor confirms W: it leaves Pending and arrives in Confirmed.
  const otherTab = await context.newPage();
  watchErrors(otherTab, errors);
  await otherTab.goto("/dashboard");
  await card(otherTab, "W: another tab confirms this one").getByRole("button", { name: "Confirm" }).click();
  await card(pendingTab, "W: another tab confirms this one").waitFor({ state: "detached", ...T });
  await card(confirmedTab, "W: another tab confirms this one").waitFor(T);
  await formsStayPut("other-tab");

  // The actions land on the bookings the forms were opened on, and on no other.
  await x.getByRole("button", { name: "Decline and release the hold" }).click();
  await l.getByRole("button", { name: "Save links" }).click();
  await expect.poll(async () => (await db.booking.findUniqueOrThrow({ where: { id: declineTarget } })).status, T).toBe("DECLINED");
  expect((await db.booking.findUniqueOrThrow({ where: { id: declineTarget } })).declineReason).toBe(reason);
  await expect
    .poll(async () => (await db.session.findUnique({ where: { bookingId: linksTarget } }))?.meetingLink, T)
    .toBe(links.meetingLink);
  expect((await db.session.findUniqueOrThrow({ where: { bookingId: linksTarget } })).availabilityLink).toBe(links.availabilityLink);
  const statuses = await db.booking.findMany({ where: { id: { in: [arrived, otherTabConfirms, menteeCancels, arrivedConfirmed] } } });
  expect(Object.fromEntries(statuses.map((b) => [b.id, b.status]))).toEqual({
    [arrived]: "PENDING",
    [otherTabConfirms]: "CONFIRMED",
    [menteeCancels]: "CANCELLED",
    [arrivedConfirmed]: "COMPLETED",
  });
  expect((await db.session.findUniqueOrThrow({ where: { bookingId: otherTabConfirms } })).meetingLink).toBeNull();
  expect((await db.session.findUniqueOrThrow({ where: { bookingId: arrivedConfirmed } })).meetingLink).toBe(
    "https://meet.google.com/qqq-qqqq-qqq",
  );

  // The declined booking leaves Pending; focus stays with the bookings, not lost to the page.
  await x.waitFor({ state: "detached", ...T });
  expect(await pendingTab.evaluate(() => document.activeElement?.closest("main") !== null)).toBe(true);
  // The saved links enable "Mark complete" on L, and only on L.
  await l.getByRole("button", { name: "Mark complete" }).waitFor(T);
  expect(await confirmedTab.getByRole("button", { name: "Mark complete" }).count()).toBe(
    await db.session.count({
      where: { meetingLink: { not: null }, completedAt: null, booking: { mentorId: maria.id, status: "CONFIRMED" } },
    }),
  );
  await context.close();
  expect(errors).toEqual([]);
});

test("a mentee who left checkout pays from the booking page; the mentor sees the booking arrive", async () => {
  const mentorContext = await newContext(e2e.browser, e2e.baseUrl);
  const menteeContext = await newContext(e2e.browser, e2e.baseUrl, true);
  const mentor = await mentorContext.newPage();
  const mentee = await menteeContext.newPage();
  watchErrors(mentor, errors);
  watchErrors(mentee, errors);
  await signIn(mentor, "maria@demo.test");
  await mentor.getByRole("status").filter({ hasText: "Live" }).waitFor(T);

  await mentee.goto("/sign-in");
  await mentee.getByLabel("Email").fill("mia@demo.test");
  await mentee.getByLabel("Password").fill("demo-password");
  await mentee.getByRole("button", { name: "Sign in" }).click();
  await mentee.waitForURL("**/mentors", T);
  const message = "Resume me: I left the checkout page.";
  await mentee.getByRole("button", { name: "Book Architecture deep dive with Maria Mentor" }).click();
  await mentee.getByLabel("Message to Maria Mentor").fill(message);
  await mentee.getByRole("button", { name: /Continue to payment/ }).click();
  await mentee.waitForURL("**/pay/**", T);

  // She leaves checkout without paying, and later finds the booking in My bookings.
  await mentee.goto("/bookings");
  await mentee.locator("article.booking", { hasText: message }).getByRole("link", { name: "Architecture deep dive" }).click();
  await mentee.waitForURL(/\/bookings\/[^/?]+$/, T);
  await mentee.getByTestId("next-step").filter({ hasText: "Complete the payment" }).waitFor(T);
  await screenshot(mentee, "pay-resume-phone");
  expect(await mentor.locator("article.booking", { hasText: message }).count()).toBe(0);

  // The Pay button takes her back to checkout; paying brings her back to this booking.
  await mentee.getByRole("link", { name: "Pay $90.00" }).click();
  await mentee.waitForURL("**/pay/**", T);
  await mentee.getByRole("button", { name: /^Pay / }).click();
  await mentee.waitForURL(/\/bookings\/[0-9a-f-]{36}\?paid=1$/, T);
  await mentee.getByText("Payment received").waitFor(T);
  await expect.poll(() => mentee.locator(".booking .badge").textContent(), T).toBe("Pending");
  expect(await mentee.getByRole("link", { name: /^Pay / }).count()).toBe(0);
  // The mentee sees by when the mentor must answer.
  await mentee.getByTestId("respond-by").filter({ hasText: "Your mentor has 3 days to answer" }).waitFor(T);

  // The mentor's open dashboard shows the new paid request, with its deadline, without a reload.
  const arrived = mentor.locator("article.booking", { hasText: message });
  await arrived.waitFor(T);
  expect(await arrived.getByTestId("respond-by").textContent()).toContain("Answer within 3 days");
  await mentorContext.close();
  await menteeContext.close();
  expect(errors).toEqual([]);
});

test("an admin's problem-report form stays with its booking when the report above it is resolved elsewhere", async () => {
  const { db } = e2e.app.services;
  const maria = await user("maria@demo.test");
  const mia = await user("mia@demo.test");
  const admin = await user("admin@demo.test");
  const intro = await db.sessionType.findFirstOrThrow({ where: { mentorId: maria.id, title: "Intro call" } });
  /** A session of Mia's with Maria, completed (its earning held) and reported by Mia. */
  const reported = async (reason: string) => {
    const { booking } = await requestBooking(e2e.app.services, mia, { sessionTypeId: intro.id, message: reason });
    await paidAsSimulatorPays(e2e.app.services, booking.id);
    await confirmBooking(e2e.app.services, maria, booking.id);
    await addBookingLinks(e2e.app.services, maria, {
      bookingId: booking.id,
      availabilityLink: "https://calendar.app.google/report",
      meetingLink: "https://meet.google.com/rrr-rrrr-rrr",
    });
    await completeBooking(e2e.app.services, maria, booking.id);
    await reportProblem(e2e.app.services, mia, { bookingId: booking.id, reason });
    return booking.id;
  };
  // Oldest first: the report resolved elsewhere stands above the one the form is filled in on.
  const above = await reported("A: the mentor never came");
  const target = await reported("B: the session ended after ten minutes");

  const page = await (await newContext(e2e.browser, e2e.baseUrl)).newPage();
  watchErrors(page, errors);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("admin@demo.test");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/admin", T);
  await page.getByRole("status").filter({ hasText: "Live" }).waitFor(T);
  const reports = page.getByRole("list", { name: "Open problem reports" });
  const row = (text: string) => reports.locator("li", { hasText: text });
  await row("A: the mentor never came").waitFor(T);
  const b = row("B: the session ended after ten minutes");
  await b.getByLabel("Note").fill("Ten of sixty minutes held: refund most of it");
  await b.getByLabel(/^Refund in part/).fill("20");

  // Another admin resolves A: it leaves the list, B moves up, and B's form keeps what was typed.
  await resolveProblemReport(e2e.app.services, admin, { bookingId: above, resolution: "RELEASE_TO_MENTOR", refundCents: null, note: null });
  await row("A: the mentor never came").waitFor({ state: "detached", ...T });
  expect(await b.getByLabel("Note").inputValue()).toBe("Ten of sixty minutes held: refund most of it");
  expect(await b.getByLabel(/^Refund in part/).inputValue()).toBe("20");
  expect(
    await reports.locator("input[name=note]").evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value).filter(Boolean)),
  ).toEqual(["Ten of sixty minutes held: refund most of it"]);
  await screenshot(page, "race-problem-report");

  // The resolution lands on B, with what was typed, and A keeps its own.
  await b.getByRole("button", { name: "Refund part" }).click();
  await page.getByText("Refunded in part ($20.00 refunded).").waitFor(T);
  const holds = await db.earningHold.findMany({ where: { bookingId: { in: [above, target] } } });
  expect(Object.fromEntries(holds.map((h) => [h.bookingId, [h.resolution, h.refundCents]]))).toEqual({
    [above]: ["RELEASE_TO_MENTOR", 0],
    [target]: ["PARTIAL_REFUND", 2000],
  });
  const notes = await db.adminAction.findMany({ where: { bookingId: { in: [above, target] } } });
  expect(notes.find((a) => a.bookingId === target)?.note).toContain("Ten of sixty minutes held: refund most of it");
  expect(errors).toEqual([]);
});
