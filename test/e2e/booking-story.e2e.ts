// The whole story in two browser contexts (plus an admin): a mentee books and pays with the
// payment simulator while the mentor's dashboard is open; it shows the new Pending booking
// without a reload. The mentor confirms and adds links; the mentee's open booking page shows
// them without a reload. The mentor completes; the Earnings tab the mentor has open shows the new
// balance live, and the mentor connects Stripe through the onboarding simulator. A declined
// booking shows its refund on the mentee's open page; a mentee cancels a paid booking. A confirm
// whose card cannot be charged says why, in words, and leaves the booking Pending. An admin
// lists every booking, opens one and cancels it with part of a refund, reading its audit history.
import { expect, test } from "vitest";
import type { Page } from "playwright-core";
import { runPayoutCycle } from "../../server/payouts/cycle.ts";
import { releaseDueEarnings } from "../../server/bookings/completion-hold.ts";
import { confirmBooking, requestBooking } from "../../server/bookings/booking-commands.ts";
import { closeDispute } from "../../server/bookings/disputes.ts";
import { simulatedAccountUpdated } from "../../server/simulator/connect-simulator.ts";
import { signPayload } from "../../server/simulator/simulator-page.ts";
import { WEBHOOK_PATH } from "../../server/shared/paths.ts";
import { newContext, paidAsSimulatorPays, screenshot, watchErrors, useBrowserApp } from "./harness.ts";

const e2e = useBrowserApp();
const errors: string[] = [];

const T = { timeout: 15_000 };

/** "$1,234.50" -> 1234.5 */
function dollars(text: string | null): number {
  return Number((text ?? "").replace(/[^0-9.-]/g, ""));
}

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("mentee books and pays, mentor confirms, adds links and completes, all live", async () => {
  const mentorContext = await newContext(e2e.browser, e2e.baseUrl);
  const menteeContext = await newContext(e2e.browser, e2e.baseUrl, true);
  const mentor = await mentorContext.newPage();
  const mentee = await menteeContext.newPage();
  watchErrors(mentor, errors);
  watchErrors(mentee, errors);

  // The signed-out first page.
  await mentee.goto("/");
  await mentee.waitForURL("**/sign-in", T);
  await mentee.getByRole("heading", { name: "Sign in" }).waitFor(T);
  await screenshot(mentee, "01-sign-in-phone");

  // Mentor opens the dashboard and leaves it open.
  await signIn(mentor, "maria@demo.test");
  await mentor.waitForURL("**/dashboard", T);
  await mentor.getByRole("status").filter({ hasText: "Live" }).waitFor(T);
  const pendingTab = mentor.locator('[data-tab="pending"] .tab-count');
  await expect.poll(() => pendingTab.textContent(), T).toBe("1");
  await screenshot(mentor, "02-mentor-dashboard");

  // A new mentee signs up on a phone and books an Intro call with Maria.
  await mentee.getByRole("link", { name: "Create an account" }).click();
  await mentee.getByLabel("Book sessions with mentors").check();
  await mentee.getByLabel("Name").fill("Tess Mentee");
  await mentee.getByLabel("Email").fill("tess@e2e.test");
  await mentee.getByLabel("Password").fill("short");
  await screenshot(mentee, "02b-sign-up-phone");
  await mentee.getByRole("button", { name: "Create account" }).click();
  await mentee.getByText("Password must be at least 10 characters.").waitFor(T);
  await mentee.getByLabel("Password").fill("tess-password-1");
  await mentee.getByRole("button", { name: "Create account" }).click();
  await mentee.waitForURL("**/mentors", T);
  await mentee.getByRole("heading", { name: "Maria Mentor" }).waitFor(T);
  await screenshot(mentee, "03-mentee-mentors-phone");
  await mentee.getByRole("button", { name: "Book Intro call with Maria Mentor" }).click();
  await mentee.getByLabel("Message to Maria Mentor").fill("Help me plan my first 90 days as a tech lead.");
  await mentee.getByRole("button", { name: /Continue to payment/ }).click();

  // The local payment simulator, then back to the booking page.
  await mentee.waitForURL("**/pay/**", T);
  await screenshot(mentee, "04-payment-simulator-phone");
  await mentee.getByRole("button", { name: /^Pay / }).click();
  await mentee.waitForURL(/\/bookings\/[0-9a-f-]{36}\?paid=1$/, T);
  await mentee.getByText("Payment received").waitFor(T);
  await expect.poll(() => mentee.locator(".booking .badge").textContent(), T).toBe("Pending");
  await screenshot(mentee, "05-mentee-booking-paid-phone");

  // The mentor's open dashboard shows it without a reload.
  const card = mentor.locator("article.booking", { hasText: "Tess Mentee" });
  await card.waitFor(T);
  await expect.poll(() => pendingTab.textContent(), T).toBe("2");
  await expect.poll(() => mentor.locator(".mainnav .count").textContent(), T).toBe("2");
  expect(await card.textContent()).toContain("Help me plan my first 90 days as a tech lead.");
  expect(await card.textContent()).toContain("$25.00");
  await screenshot(mentor, "06-mentor-new-pending");

  // Confirm; the booking moves to Confirmed and the mentee's page follows.
  await card.getByRole("button", { name: "Confirm" }).click();
  await mentor.getByRole("link", { name: /Confirmed/ }).click();
  const confirmed = mentor.locator("article.booking", { hasText: "Tess Mentee" });
  await confirmed.waitFor(T);
  await expect.poll(() => mentee.locator(".booking .badge").textContent(), T).toBe("Confirmed");
  // The mentee's toast says what changed, not merely that something did.
  await mentee.locator(".toast").filter({ hasText: "Maria Mentor confirmed “Intro call”." }).waitFor(T);
  expect(await confirmed.getByRole("button", { name: "Confirm" }).count()).toBe(0);

  // Links: a typed error inline, then valid links that appear on the mentee's page.
  await confirmed.getByLabel("Availability link").fill("http://calendar.example.com/tess");
  await confirmed.getByLabel("Meeting link").fill("https://meet.google.com/tes-sabc-def");
  await confirmed.getByRole("button", { name: "Save links" }).click();
  await confirmed.getByText("Availability link must start with https://.").waitFor(T);
  await screenshot(mentor, "07-mentor-links-error");
  await confirmed.getByLabel("Availability link").fill("https://calendar.app.google/tess-demo");
  await confirmed.getByRole("button", { name: "Save links" }).click();
  const meeting = mentee.getByRole("link", { name: /Join the meeting/ });
  await meeting.waitFor(T);
  await mentee.locator(".toast").filter({ hasText: "Maria Mentor added the links for “Intro call”" }).waitFor(T);
  expect(await meeting.getAttribute("href")).toBe("https://meet.google.com/tes-sabc-def");
  expect(await meeting.getAttribute("target")).toBe("_blank");
  expect(await meeting.getAttribute("rel")).toBe("noopener noreferrer");
  expect(await mentee.getByRole("link", { name: /Pick a time/ }).getAttribute("href")).toBe("https://calendar.app.google/tess-demo");
  await screenshot(mentee, "08-mentee-links-phone");

  // Tess picked a time a few minutes from now with the availability link and records it: her
  // page shows it in her time zone, named, with a Join button (from 10 minutes before the start);
  // the mentor's Today tab lists it with the same button.
  await mentee.getByRole("button", { name: "Set the session time…" }).click();
  const localStart = await mentee.evaluate(() => {
    const at = new Date(Date.now() + 5 * 60_000);
    return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  });
  const zone = await mentee.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  await mentee.getByLabel(/Session start/).fill(localStart);
  await mentee.getByRole("button", { name: "Save the time" }).click();
  await expect.poll(() => mentee.getByTestId("session-time").textContent(), T).toContain(zone);
  const join = mentee.getByTestId("join");
  await join.waitFor(T);
  expect(await join.getAttribute("href")).toBe("https://meet.google.com/tes-sabc-def");
  await screenshot(mentee, "08b-mentee-session-time-phone");
  await mentor.goto("/dashboard?tab=today");
  const today = mentor.locator("article.booking", { hasText: "Tess Mentee" });
  await today.getByTestId("session-time").waitFor(T);
  await today.getByTestId("join").waitFor(T);
  await screenshot(mentor, "08c-mentor-upcoming-today");
  await mentor.goto("/dashboard?tab=confirmed");

  // The mentor also has Earnings open in a second tab: the balance before completing.
  const earnings = await mentorContext.newPage();
  watchErrors(earnings, errors);
  await earnings.goto("/earnings");
  const balance = earnings.locator('[data-stat="balance"] .stat-value');
  const held = earnings.locator('[data-stat="held"] .stat-value');
  const total = earnings.locator('[data-stat="total"] .stat-value');
  await balance.waitFor(T);
  const balanceBefore = dollars(await balance.textContent());
  const heldBefore = dollars(await held.textContent());
  const totalBefore = dollars(await total.textContent());

  // Complete; the mentee sees it (and may report a problem within the completion window), and the
  // mentor's open Earnings tab shows the new held earning without a reload: the $25.00 session
  // minus the 20% platform fee is $20.00, held for COMPLETION_HOLD_HOURS, not on the balance yet.
  await confirmed.getByRole("button", { name: "Mark complete" }).click();
  await expect.poll(() => mentee.locator(".booking .badge").textContent(), T).toBe("Completed");
  await mentee.getByRole("button", { name: "Report a problem" }).waitFor(T);
  await screenshot(mentee, "09-mentee-completed-phone");
  await expect.poll(async () => dollars(await held.textContent()), T).toBeCloseTo(heldBefore + 20, 2);
  expect(dollars(await balance.textContent())).toBeCloseTo(balanceBefore, 2);
  expect(dollars(await total.textContent())).toBeCloseTo(totalBefore + 20, 2);

  // The window ends (the release task, run with a clock past it): the held earnings (the seed's
  // completed session's too) reach the balance, live.
  await releaseDueEarnings(e2e.app.services, () => {}, new Date(Date.now() + 49 * 3600_000));
  await expect.poll(async () => dollars(await balance.textContent()), T).toBeCloseTo(balanceBefore + heldBefore + 20, 2);
  expect(dollars(await held.textContent())).toBe(0);
  await earnings.getByRole("img", { name: /Bar chart of earnings by month/ }).waitFor(T);
  await screenshot(earnings, "10-mentor-earnings-live");
  await earnings.setViewportSize({ width: 375, height: 812 });
  await screenshot(earnings, "10b-mentor-earnings-phone");
  await earnings.close();
  await mentee.getByRole("link", { name: "My bookings" }).first().click();
  await mentee.getByRole("list", { name: "Your bookings" }).getByText("Intro call").waitFor(T);
  await screenshot(mentee, "09b-mentee-my-bookings-phone");

  // After navigating there, Earnings shows the same balance; then Connect Stripe through the
  // local onboarding simulator and back: the status reads Connected.
  await mentor.getByRole("link", { name: "Earnings" }).click();
  await expect
    .poll(async () => dollars(await mentor.locator('[data-stat="balance"] .stat-value').textContent()), T)
    .toBeCloseTo(balanceBefore + heldBefore + 20, 2);
  const stripeStatus = mentor.getByTestId("stripe-status");
  await expect.poll(() => stripeStatus.textContent(), T).toBe("Not connected");
  await screenshot(mentor, "10c-mentor-earnings");
  await mentor.getByRole("button", { name: "Connect Stripe" }).click();
  await mentor.waitForURL("**/connect/**", T);
  await screenshot(mentor, "10d-stripe-onboarding-simulator");
  await mentor.getByRole("button", { name: "Complete onboarding" }).click();
  await mentor.waitForURL("**/earnings?stripe=return", T);
  await mentor.getByText("Welcome back from Stripe").waitFor(T);
  await expect.poll(() => stripeStatus.textContent(), T).toBe("Connected");
  await mentor.getByText("Your account is connected.").waitFor(T);
  expect(await mentor.getByRole("button", { name: "Connect Stripe" }).count()).toBe(0);
  await screenshot(mentor, "10e-mentor-stripe-connected");

  // A payout cycle (what the scheduled payouts task runs) pays the whole balance to the connected
  // account; the open Earnings page shows it within 2 s: no focus event, no reload (viewerChanged).
  const balanceNow = dollars(await mentor.locator('[data-stat="balance"] .stat-value').textContent());
  await mentor.evaluate(() => Object.assign(window, { sameDocument: true }));
  await runPayoutCycle(e2e.app.services);
  const payout = mentor.getByRole("list", { name: "Payouts" }).getByRole("listitem").first();
  await expect.poll(() => payout.textContent(), { timeout: 2000 }).toContain("Paid");
  expect(await mentor.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  expect(dollars(await payout.locator(".payout-amount").textContent())).toBeCloseTo(balanceNow, 2);
  await expect.poll(async () => dollars(await mentor.locator('[data-stat="balance"] .stat-value').textContent()), T).toBe(0);
  await screenshot(mentor, "10f-mentor-payout-paid");

  // The mentor's history shows every step.
  await mentor.goto("/dashboard?tab=completed");
  const done = mentor.locator("article.booking", { hasText: "Tess Mentee" });
  await done.locator("summary").click();
  for (const step of ["Awaiting payment", "Pending", "Confirmed", "Completed"]) {
    await done.locator(".history-status", { hasText: step }).first().waitFor(T);
  }
  await screenshot(mentor, "11-mentor-completed-history");

  // Mia follows her pending booking with Maria on her phone.
  const miaContext = await newContext(e2e.browser, e2e.baseUrl, true);
  const mia = await miaContext.newPage();
  watchErrors(mia, errors);
  await signIn(mia, "mia@demo.test");
  await mia.waitForURL("**/mentors", T);
  await mia.goto("/bookings");
  const miasPending = mia.locator('article.booking[data-status="PENDING"]', { hasText: "Maria Mentor" });
  await miasPending.getByRole("link").first().click();
  await mia.waitForURL(/\/bookings\/[^/]+$/, T);
  await expect.poll(() => mia.locator(".booking .badge").textContent(), T).toBe("Pending");
  await screenshot(mia, "12a-mentee-pending-phone");

  // Decline Mia's pending booking with a reason; it moves to Declined, and Mia's open booking
  // page shows the refund without a reload.
  await mentor.getByRole("link", { name: /Pending/ }).click();
  const mias = mentor.locator("article.booking", { hasText: "Mia Mentee" });
  await mias.getByRole("button", { name: "Decline…" }).click();
  await mias.getByLabel(/Reason for declining/).fill("I am fully booked this month, sorry.");
  await screenshot(mentor, "12-mentor-decline-form");
  await mias.getByRole("button", { name: "Decline and release the hold" }).click();
  await mentor.getByText("No paid bookings are waiting for you.").waitFor(T);
  await expect.poll(() => mentor.locator(".mainnav .count").count(), T).toBe(0);
  await mentor.getByRole("link", { name: /Declined/ }).click();
  await mentor.locator(".decline-reason", { hasText: "I am fully booked this month, sorry." }).waitFor(T);
  await expect.poll(() => mia.locator(".booking .badge").textContent(), T).toBe("Declined");
  // The card was only authorised (captured on confirm): a decline releases the hold, nothing to refund.
  await expect.poll(() => mia.getByTestId("refund").count(), T).toBe(0);
  await expect.poll(() => mia.getByTestId("next-step").textContent(), T).toContain("you were not charged");
  await screenshot(mia, "12b-mentee-declined-phone");

  // Tess books again and, while it is pending, changes her mind: cancel asks first (saying the
  // hold is released), then the booking is cancelled and nothing is charged.
  await mentee.getByRole("link", { name: "Find a mentor" }).click();
  await mentee.getByRole("button", { name: "Book Intro call with Maria Mentor" }).click();
  await mentee.getByRole("button", { name: /Continue to payment/ }).click();
  await mentee.waitForURL("**/pay/**", T);
  await mentee.getByRole("button", { name: /^Pay / }).click();
  await mentee.waitForURL(/\/bookings\/[0-9a-f-]{36}\?paid=1$/, T);
  await expect.poll(() => mentee.locator(".booking .badge").textContent(), T).toBe("Pending");
  await mentee.getByRole("button", { name: "Cancel booking…" }).click();
  await mentee.getByText("Nothing has been charged: the $25.00 held on your card is released.").waitFor(T);
  await screenshot(mentee, "16-mentee-cancel-confirm-phone");
  await mentee.getByRole("button", { name: "Yes, cancel booking" }).click();
  await expect.poll(() => mentee.locator(".booking .badge").textContent(), T).toBe("Cancelled");
  // Cancelled while pending: the card hold is released, nothing was charged, nothing to refund.
  await expect.poll(() => mentee.getByTestId("refund").count(), T).toBe(0);
  expect(await mentee.getByRole("button", { name: /Cancel booking/ }).count()).toBe(0);
  await expect.poll(() => mentee.getByTestId("next-step").textContent(), T).toContain("The hold on your card was released");
  await screenshot(mentee, "17-mentee-cancelled-refund-phone");

  await miaContext.close();

  await mentorContext.close();
  await menteeContext.close();
  expect(errors).toEqual([]);
});

test("a mentor signs up, waits for approval, and an admin approves", async () => {
  const newMentor = await (await newContext(e2e.browser, e2e.baseUrl)).newPage();
  const admin = await (await newContext(e2e.browser, e2e.baseUrl)).newPage();
  watchErrors(newMentor, errors);
  watchErrors(admin, errors);

  await newMentor.goto("/sign-up?role=MENTOR");
  await newMentor.getByLabel("Name").fill("Nora Newmentor");
  await newMentor.getByLabel("Email").fill("nora@e2e.test");
  await newMentor.getByLabel("Password").fill("nora-password-1");
  await newMentor.getByRole("button", { name: "Create account" }).click();
  await newMentor.waitForURL("**/dashboard", T);
  await newMentor.getByText("waiting for approval").waitFor(T);

  // Session types page: create one, with inline errors first: every field's at once, and a
  // price with more than two decimals is refused, not rounded.
  await newMentor.getByRole("link", { name: "Session types" }).click();
  await newMentor.getByLabel("Price (USD)").fill("12.345");
  await newMentor.getByRole("button", { name: "Create session type" }).click();
  await newMentor.getByText("Title is required.").waitFor(T);
  await newMentor.getByText("Enter a price in dollars with at most two decimals, e.g. 60 or 49.50.").waitFor(T);
  await newMentor.getByLabel("Title").fill("Résumé review");
  await newMentor.getByLabel("Price (USD)").fill("0.5");
  await newMentor.getByRole("button", { name: "Create session type" }).click();
  await newMentor.getByText("Price must be between $1.00 and $10,000.00.").waitFor(T);
  await newMentor.getByLabel("Price (USD)").fill("40");
  await newMentor.getByRole("button", { name: "Create session type" }).click();
  await newMentor.getByRole("list", { name: "Your session types" }).getByText("Résumé review").waitFor(T);
  await screenshot(newMentor, "13-mentor-session-types");
  // Edit its price: the form starts from what it is now, and the list shows the new price.
  await newMentor.getByRole("button", { name: "Edit Résumé review" }).click();
  const edit = newMentor.getByRole("form", { name: "Edit Résumé review" });
  expect(await edit.getByLabel("Price (USD)").inputValue()).toBe("40.00");
  await edit.getByLabel("Price (USD)").fill("45");
  await edit.getByRole("button", { name: "Save changes to Résumé review" }).click();
  const row = newMentor.getByRole("list", { name: "Your session types" }).getByRole("listitem").filter({ hasText: "Résumé review" });
  await row.getByText("$45.00").waitFor(T);
  expect(await edit.count()).toBe(0);

  // Back on Bookings, the notice stays until an admin approves; a visitor has the mentors list open.
  await newMentor.getByRole("link", { name: "Bookings" }).click();
  await newMentor.getByText("waiting for approval").waitFor(T);
  const visitor = await (await newContext(e2e.browser, e2e.baseUrl, true)).newPage();
  watchErrors(visitor, errors);
  await visitor.goto("/mentors");
  await visitor.getByRole("heading", { name: "Maria Mentor" }).waitFor(T);
  expect(await visitor.getByRole("heading", { name: "Nora Newmentor" }).count()).toBe(0);

  await signIn(admin, "admin@demo.test");
  await admin.waitForURL("**/admin", T);
  await admin.getByText("Nora Newmentor").waitFor(T);
  await screenshot(admin, "14-admin-approvals");
  await admin.getByRole("button", { name: "Approve Nora Newmentor" }).click();
  await admin.getByText("Nora Newmentor is approved").waitFor(T);
  await admin.getByText("No mentors are waiting for approval.").waitFor(T);
  // Live, without a reload: the notice goes, and the visitor's list gains the new mentor.
  await newMentor.getByText("waiting for approval").waitFor({ state: "detached", timeout: 2000 });
  await visitor.getByRole("heading", { name: "Nora Newmentor" }).waitFor({ timeout: 2000 });

  await admin.goto("/mentors");
  await admin.getByRole("heading", { name: "Nora Newmentor" }).waitFor(T);

  // Nora changes her name on her account page; the header and the visitor's open list follow.
  await newMentor.getByRole("link", { name: "Your account: Nora Newmentor" }).click();
  await newMentor.getByLabel("Name", { exact: true }).fill("Nora N. Mentor");
  await newMentor.getByRole("button", { name: "Save name" }).click();
  await newMentor.getByRole("link", { name: "Your account: Nora N. Mentor" }).waitFor(T);
  await visitor.getByRole("heading", { name: "Nora N. Mentor" }).waitFor({ timeout: 2000 });
  expect(errors).toEqual([]);
});

async function gql(query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(`${e2e.baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data: Record<string, any> };
}

test("the connection state is visible, it reconnects by itself and catches up", async () => {
  const sockets: import("node:stream").Duplex[] = [];
  e2e.app.server.on("upgrade", (_request, socket) => sockets.push(socket));
  const context = await newContext(e2e.browser, e2e.baseUrl);
  const mentor = await context.newPage();
  watchErrors(mentor, errors);
  await signIn(mentor, "sam@demo.test");
  await mentor.waitForURL("**/dashboard", T);
  const badge = mentor.locator(".connection");
  await expect.poll(() => badge.textContent(), T).toBe("Live");
  await mentor.getByText("No paid bookings are waiting for you.").waitFor(T);

  // The server drops the WebSocket; the badge says so, then the client is back by itself.
  for (const socket of sockets.splice(0)) socket.destroy();
  await expect.poll(() => badge.textContent(), T).toBe("Reconnecting…");
  await screenshot(mentor, "15-reconnecting");
  await expect.poll(() => badge.textContent(), T).toBe("Live");

  // A mentee pays for a booking with Sam; the open dashboard shows it without a reload.
  const login = await gql(`mutation { logIn(email: "mia@demo.test", password: "demo-password") { ... on LogInSuccess { token } } }`, {});
  const token = login.data.logIn.token as string;
  const mentors = await gql(`{ mentors(first: 10) { edges { node { name sessionTypes { id title } } } } }`, {}, token);
  const sam = mentors.data.mentors.edges.find((edge: any) => edge.node.name === "Sam Senior").node;
  const requested = await gql(
    `mutation ($id: ID!) { requestBooking(sessionTypeId: $id, message: "Portfolio feedback please") { ... on RequestBookingSuccess { checkoutUrl } } }`,
    { id: sam.sessionTypes[0].id },
    token,
  );
  const checkoutUrl = new URL(requested.data.requestBooking.checkoutUrl as string);
  const paid = await fetch(`${e2e.baseUrl}${checkoutUrl.pathname}`, { method: "POST", redirect: "manual" });
  expect(paid.status).toBe(303);
  await mentor.locator("article.booking", { hasText: "Portfolio feedback please" }).waitFor(T);
  await expect.poll(() => mentor.locator(".mainnav .count").textContent(), T).toBe("1");
  await context.close();
  expect(errors).toEqual([]);
});

test("a mentor sees an unfinished and a restricted Stripe account in words, on a phone", async () => {
  const context = await newContext(e2e.browser, e2e.baseUrl, true);
  const sam = await context.newPage();
  watchErrors(sam, errors);

  // Sam started onboarding (an account exists) but did not finish it.
  const login = await gql(`mutation { logIn(email: "sam@demo.test", password: "demo-password") { ... on LogInSuccess { token } } }`, {});
  const token = login.data.logIn.token as string;
  const connected = await gql(`mutation { connectStripeAccount { __typename ... on ConnectStripeAccountSuccess { url } } }`, {}, token);
  expect(connected.data.connectStripeAccount.__typename).toBe("ConnectStripeAccountSuccess");
  const accountId = new URL(connected.data.connectStripeAccount.url as string).pathname.split("/").pop()!;

  await signIn(sam, "sam@demo.test");
  await sam.waitForURL("**/dashboard", T);
  await sam.goto("/earnings?stripe=refresh");
  await sam.getByText("Your Stripe setup link expired.").waitFor(T);
  const status = sam.getByTestId("stripe-status");
  await expect.poll(() => status.textContent(), T).toBe("Setup not finished");
  await sam.getByRole("button", { name: "Continue Stripe setup" }).waitFor(T);
  await screenshot(sam, "18-mentor-stripe-unfinished-phone");
  await sam.getByRole("button", { name: "Dismiss message" }).click();
  await expect.poll(() => sam.getByText("Your Stripe setup link expired.").count(), T).toBe(0);

  // Stripe restricts the account: details submitted, payouts off, two requirements past due.
  const event = simulatedAccountUpdated(accountId);
  Object.assign(event.data.object, {
    payouts_enabled: false,
    details_submitted: true,
    requirements: {
      currently_due: ["individual.verification.document", "external_account"],
      past_due: ["individual.verification.document"],
      eventually_due: [],
      disabled_reason: "requirements.past_due",
    },
  });
  const payload = JSON.stringify(event);
  const delivered = await fetch(`${e2e.baseUrl}${WEBHOOK_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": signPayload(payload, e2e.app.services.env.stripe.webhookSecret) },
    body: payload,
  });
  expect(delivered.ok).toBe(true);

  // Back on the tab: the card says what Stripe needs, never the raw codes.
  await sam.waitForTimeout(2100);
  await sam.evaluate(() => window.dispatchEvent(new Event("focus")));
  await expect.poll(() => status.textContent(), T).toBe("Restricted");
  const card = sam.locator(".stripe");
  await card.getByText("Some required details are overdue.").waitFor(T);
  const needs = await card.getByRole("list", { name: "Stripe still needs" }).getByRole("listitem").allTextContents();
  expect(needs).toEqual(["A photo of your ID document", "A bank account for payouts"]);
  expect(await card.textContent()).not.toContain("individual.verification");
  await card.getByRole("button", { name: "Update details on Stripe" }).waitFor(T);
  await screenshot(sam, "19-mentor-stripe-restricted-phone");
  await context.close();
  expect(errors).toEqual([]);
});

test("an admin sees the disputes a person must act on, with what to do, above the open ones", async () => {
  const db = e2e.app.services.db;
  const [lostOne, openOne] = await db.booking.findMany({ where: { capturedAt: { not: null } }, orderBy: { createdAt: "asc" }, take: 2 });
  // Dispute rows as Stripe's events leave them (their money paths are tested in test/disputes.test.ts).
  await db.dispute.create({
    data: {
      stripeDisputeId: "du_e2e_unrecovered",
      bookingId: lostOne!.id,
      amountCents: lostOne!.priceCents,
      currency: lostOne!.currency,
      reason: "fraudulent",
      status: "LOST",
      closedAt: new Date(),
      attention: "LOSS_NOT_RECOVERED",
    },
  });
  await db.dispute.create({
    data: {
      stripeDisputeId: "du_e2e_open",
      bookingId: openOne!.id,
      amountCents: openOne!.priceCents,
      currency: openOne!.currency,
      reason: "product_not_received",
      status: "OPEN",
    },
  });
  const admin = await (await newContext(e2e.browser, e2e.baseUrl)).newPage();
  watchErrors(admin, errors);
  await signIn(admin, "admin@demo.test");
  await admin.waitForURL("**/admin", T);
  const attention = admin.getByRole("list", { name: "Disputes needing attention" });
  await attention.getByText("du_e2e_unrecovered").waitFor(T);
  expect(await attention.textContent()).toContain("the platform bore the loss; decide about the booking");
  expect(await attention.textContent()).toContain("(lost)");
  expect(await attention.textContent()).not.toContain("du_e2e_open");
  const open = admin.getByRole("list", { name: "Open disputes" });
  await open.getByText("du_e2e_open", { exact: false }).waitFor(T);
  expect(await open.textContent()).not.toContain("du_e2e_unrecovered");
  await screenshot(admin, "20-admin-disputes");
  // Marked handled with what was done: the flag goes, the note stays in the booking's audit history.
  const form = admin.getByRole("form", { name: "Mark du_e2e_unrecovered handled" });
  await form.getByLabel("What was done").fill("Refused the booking's payout; wrote to the mentee");
  await form.getByRole("button", { name: "Mark handled" }).click();
  await admin.getByText("du_e2e_unrecovered is marked handled.").waitFor(T);
  await attention.waitFor({ state: "detached", ...T });
  const action = await db.adminAction.findFirstOrThrow({ where: { bookingId: lostOne!.id, kind: "HANDLE_DISPUTE" } });
  expect(action.note).toBe("LOSS_NOT_RECOVERED: Refused the booking's payout; wrote to the mentee");
  expect(errors).toEqual([]);
});

test("after a card dispute the bank won for the mentee, the booking says the money went back, and cancelling refunds nothing more", async () => {
  const { services } = e2e.app;
  const maria = await services.db.user.findUniqueOrThrow({ where: { email: "maria@demo.test" } });
  const mia = await services.db.user.findUniqueOrThrow({ where: { email: "mia@demo.test" } });
  const type = await services.db.sessionType.findFirstOrThrow({ where: { mentorId: maria.id, title: "Architecture deep dive" } });
  const { booking } = await requestBooking(
    services,
    { id: mia.id, role: "MENTEE", tokenId: "" },
    { sessionTypeId: type.id, message: "My bank took this one back." },
  );
  await paidAsSimulatorPays(services, booking.id);
  await confirmBooking(services, { id: maria.id, role: maria.role, tokenId: "" }, booking.id);
  // The bank decides for the mentee: Stripe's charge.dispute.closed (lost), as its handler reads it.
  const captured = await services.db.booking.findUniqueOrThrow({ where: { id: booking.id } });
  const lost = {
    stripeDisputeId: "du_e2e_charged_back",
    paymentIntentId: captured.stripePaymentIntentId,
    chargeId: captured.stripeChargeId,
    amountCents: captured.priceCents,
    currency: captured.currency,
    reason: "fraudulent",
    status: "lost",
    feeCents: 0,
  };
  expect(await closeDispute(services, lost)).toBe("applied");
  const globalId = Buffer.from(`Booking:${booking.id}`).toString("base64");

  const mentee = await (await newContext(e2e.browser, e2e.baseUrl)).newPage();
  watchErrors(mentee, errors);
  await signIn(mentee, "mia@demo.test");
  await mentee.waitForURL("**/mentors", T);
  await mentee.goto(`/bookings/${encodeURIComponent(globalId)}`);
  const card = mentee.locator("article.booking", { hasText: "My bank took this one back." });
  await card.getByText("Your bank returned $90.00 to you after your card dispute; it is not refunded again.").waitFor(T);
  await card.getByRole("button", { name: "Cancel booking…" }).click();
  expect(await card.getByTestId("cancel-terms").textContent()).toBe(
    "Your bank already returned the payment after a card dispute. Nothing more is refunded.",
  );
  await card.getByRole("button", { name: "Yes, cancel booking" }).click();
  await expect.poll(() => card.locator(".badge").first().textContent(), T).toBe("Cancelled");
  await screenshot(mentee, "20c-mentee-charged-back");
  expect(await services.db.refund.count({ where: { bookingId: booking.id } })).toBe(0);
  expect(await services.db.dispute.findUniqueOrThrow({ where: { stripeDisputeId: "du_e2e_charged_back" } })).toMatchObject({
    recoveredCents: captured.priceCents,
    attention: null,
  });
  expect(errors).toEqual([]);
});

test("a confirm the card refuses says so in words, with the booking still Pending and Confirm still there", async () => {
  const { services } = e2e.app;
  const maria = await services.db.user.findUniqueOrThrow({ where: { email: "maria@demo.test" } });
  const mia = await services.db.user.findUniqueOrThrow({ where: { email: "mia@demo.test" } });
  const type = await services.db.sessionType.findFirstOrThrow({ where: { mentorId: maria.id, title: "Architecture deep dive" } });
  const message = "My card's hold lapsed before you answered.";
  const { booking } = await requestBooking(services, { id: mia.id, role: "MENTEE", tokenId: "" }, { sessionTypeId: type.id, message });
  // Paid as the payment simulator pays (the card authorised), then the authorisation lapses at the provider.
  const paymentIntentId = await paidAsSimulatorPays(services, booking.id);
  await services.payments.releaseAuthorization({ bookingId: booking.id, paymentIntentId });

  const mentor = await (await newContext(e2e.browser, e2e.baseUrl)).newPage();
  watchErrors(mentor, errors);
  await signIn(mentor, "maria@demo.test");
  await mentor.waitForURL("**/dashboard", T);
  await mentor.getByRole("link", { name: /Pending/ }).click();
  const card = mentor.locator("article.booking", { hasText: message });
  await card.getByRole("button", { name: "Confirm" }).click();
  await card.getByText("The mentee’s card could not be charged: its authorisation was refused or has lapsed.").waitFor(T);
  expect(await card.textContent()).toContain(
    "The booking is still pending and nothing was charged; decline it, or ask the mentee to book again.",
  );
  expect(await card.textContent()).not.toContain("That did not work");
  await screenshot(mentor, "20b-mentor-capture-refused");
  expect(await card.getByRole("button", { name: "Confirm" }).count()).toBe(1);
  expect(await card.getByRole("button", { name: "Decline…" }).count()).toBe(1);
  expect(await services.db.booking.findUniqueOrThrow({ where: { id: booking.id } })).toMatchObject({ status: "PENDING", capturedAt: null });
  expect(errors).toEqual([]);
});

test("an admin lists every booking, opens one, cancels it with part of a refund, and reads its audit history and the mentor's ledger", async () => {
  const { db } = e2e.app.services;
  const maria = await db.user.findUniqueOrThrow({ where: { email: "maria@demo.test" } });
  const mia = await db.user.findUniqueOrThrow({ where: { email: "mia@demo.test" } });
  const deep = await db.sessionType.findFirstOrThrow({ where: { mentorId: maria.id, title: "Architecture deep dive" } });
  // A confirmed booking (its $90.00 captured), made as the app makes one.
  const { booking } = await requestBooking(
    e2e.app.services,
    { id: mia.id, role: mia.role, tokenId: "" },
    {
      sessionTypeId: deep.id,
      message: "The admin cancels this one.",
    },
  );
  await paidAsSimulatorPays(e2e.app.services, booking.id);
  await confirmBooking(e2e.app.services, { id: maria.id, role: maria.role, tokenId: "" }, booking.id);
  const globalId = Buffer.from(`Booking:${booking.id}`).toString("base64");

  const admin = await (await newContext(e2e.browser, e2e.baseUrl)).newPage();
  watchErrors(admin, errors);
  await signIn(admin, "admin@demo.test");
  await admin.waitForURL("**/admin", T);

  // Every booking, whoever's; filtered by status.
  const table = admin.getByRole("table", { name: /^Bookings/ });
  const row = table.locator(`tr[data-booking-id="${globalId}"]`);
  await row.waitFor(T);
  expect(await table.textContent()).toContain("Mia Mentee with Maria Mentor");
  const filter = admin.getByLabel("Status", { exact: true });
  await filter.selectOption("PENDING");
  await row.waitFor({ state: "detached", ...T });
  await filter.selectOption("CONFIRMED");
  await row.waitFor(T);
  expect(new Set(await table.locator("tbody .badge").allTextContents())).toEqual(new Set(["Confirmed"]));
  await screenshot(admin, "21-admin-bookings");

  // The row opens the booking's page, where the admin acts on that booking.
  await row.getByRole("link", { name: "Architecture deep dive" }).click();
  await admin.waitForURL(/\/bookings\/[^/?]+$/, T);
  expect(decodeURIComponent(new URL(admin.url()).pathname)).toBe(`/bookings/${globalId}`);
  const panel = admin.getByTestId("booking-admin");
  await panel.getByText("No admin has acted on this booking.").waitFor(T);
  const reason = panel.getByLabel("Reason (kept in the audit history)");
  const refund = panel.getByLabel(/^Refund \(USD/);
  const cancel = panel.getByRole("button", { name: "Cancel booking" });

  // Checked before sending: every field's error at once.
  await refund.fill("12.345");
  await cancel.click();
  await panel.getByText("Reason is required.").waitFor(T);
  await panel.getByText("Enter the refund in dollars, e.g. 20 or 12.50, or leave it empty.").waitFor(T);
  // The API refuses more than was paid: said under the field, and nothing changes.
  await reason.fill("Mentor unavailable that week; half refunded");
  await refund.fill("95");
  await cancel.click();
  await panel.getByText("The refund can be at most the price ($90.00).").waitFor(T);
  expect((await db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CONFIRMED");
  expect(await db.adminAction.count({ where: { bookingId: booking.id } })).toBe(0);

  // What is typed stays while other bookings change live.
  await requestBooking(
    e2e.app.services,
    { id: mia.id, role: mia.role, tokenId: "" },
    { sessionTypeId: deep.id, message: "Arrives meanwhile." },
  );
  await refund.fill("45");
  expect(await reason.inputValue()).toBe("Mentor unavailable that week; half refunded");
  await cancel.click();
  await panel.getByText("Booking cancelled (payment captured).").waitFor(T);
  await expect.poll(() => admin.locator(".booking .badge").textContent(), T).toBe("Cancelled");
  const history = panel.getByRole("list", { name: "Audit history" });
  await history.waitFor(T);
  expect(await history.textContent()).toContain("Cancelled · $45.00 · by Ada Admin");
  expect(await history.textContent()).toContain("Mentor unavailable that week; half refunded");
  // The form goes: a cancelled booking cannot be cancelled again.
  expect(await panel.getByRole("button", { name: "Cancel booking" }).count()).toBe(0);
  const actions = await db.adminAction.findMany({ where: { bookingId: booking.id } });
  expect(actions.map((a) => [a.kind, a.amountCents, a.adminId])).toEqual([
    ["CANCEL_BOOKING", 4500, (await db.user.findUniqueOrThrow({ where: { email: "admin@demo.test" } })).id],
  ]);
  expect((await db.refund.findFirstOrThrow({ where: { bookingId: booking.id } })).amountCents).toBe(4500);
  await screenshot(admin, "22-admin-booking-cancelled");

  // The mentor's name opens the mentor's ledger.
  await panel.getByRole("link", { name: "Maria Mentor (ledger)" }).click();
  await admin.getByRole("heading", { name: "Ledger of Maria Mentor" }).waitFor(T);
  await admin.getByRole("list", { name: "Ledger entries" }).waitFor(T);
  await screenshot(admin, "23-admin-mentor-ledger");
  expect(errors).toEqual([]);
});
