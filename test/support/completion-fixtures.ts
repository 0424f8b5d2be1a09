// Bookings brought to a state against the Stripe stand-in through the API and signed webhooks
// (paid, confirmed, completed), and the release of held earnings with a clock past the completion
// window.
import { expect } from "vitest";
import type { TestApp } from "./harness.ts";
import { WEBHOOK_SECRET } from "./harness.ts";
import { type marketplace, rawId, requestBooking } from "./fixtures.ts";
import type { StripeStandIn } from "./stripe-stand-in.ts";
import { releaseDueEarnings } from "../../server/bookings/completion-hold.ts";

type Market = Awaited<ReturnType<typeof marketplace>>;
const LINKS = { availabilityLink: "https://cal.example/slots", meetingLink: "https://meet.example/room" };
const HOUR_MS = 3600_000;

export async function deliverTo(t: TestApp, stripe: StripeStandIn, event: object): Promise<string> {
  const response = await stripe.deliver(`${t.url}/webhooks/stripe`, event, WEBHOOK_SECRET);
  expect(response.status).toBe(200);
  return ((await response.json()) as { outcome: string }).outcome;
}

/** The stand-in's Checkout Session of a booking (raw id). */
export function checkoutSessionOf(stripe: StripeStandIn, bookingId: string) {
  return [...stripe.state.checkoutSessions.values()].find((s) => s.client_reference_id === bookingId)!;
}

/** Paid (authorised) and, unless `confirm` is false, confirmed (captured). */
export async function paidBooking(t: TestApp, stripe: StripeStandIn, m: Market, confirm = true) {
  const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
  const id = rawId(booking.id);
  expect(await deliverTo(t, stripe, stripe.completeCheckout(checkoutSessionOf(stripe, id).id))).toBe("applied");
  if (confirm) {
    const r = await t.gql(`mutation($id: ID!) { confirmBooking(id: $id) { __typename } }`, { id: booking.id }, m.mentor.token);
    expect(r.data.confirmBooking.__typename).toBe("ConfirmBookingSuccess");
  }
  return { globalId: booking.id as string, id, paymentIntentId: checkoutSessionOf(stripe, id).payment_intent as string };
}

/** The mentor adds both session links to a confirmed booking. */
export async function addLinks(t: TestApp, m: Market, globalId: string) {
  const links = await t.gql(
    `mutation($id: ID!, $a: String!, $m: String!) { addBookingLinks(id: $id, availabilityLink: $a, meetingLink: $m) { __typename } }`,
    { id: globalId, a: LINKS.availabilityLink, m: LINKS.meetingLink },
    m.mentor.token,
  );
  expect(links.data.addBookingLinks.__typename).toBe("AddBookingLinksSuccess");
}

/** The mentor marks a confirmed booking with links complete; returns the mutation's __typename. */
export async function markComplete(t: TestApp, m: Market, globalId: string): Promise<string> {
  const done = await t.gql(`mutation($id: ID!) { completeBooking(id: $id) { __typename } }`, { id: globalId }, m.mentor.token);
  return done.data.completeBooking.__typename;
}

/** Paid (authorised), confirmed (captured), links added and completed. */
export async function completedBooking(t: TestApp, stripe: StripeStandIn, m: Market) {
  const booking = await paidBooking(t, stripe, m);
  await addLinks(t, m, booking.globalId);
  expect(await markComplete(t, m, booking.globalId)).toBe("CompleteBookingSuccess");
  return booking;
}

/** Runs the release job as if `hours` had passed (default: a day past a 48-hour window). */
export function releaseAfter(t: TestApp, hours = 72) {
  return releaseDueEarnings(t.app.services, () => {}, new Date(Date.now() + hours * HOUR_MS));
}
