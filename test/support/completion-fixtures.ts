// Completed bookings against the Stripe stand-in, and the release of held earnings with a clock
// past the completion window, for the tests of the completion window and of disputes.
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

/** Paid (authorised), confirmed (captured), links added and completed, through the API and signed webhooks. */
export async function completedBooking(t: TestApp, stripe: StripeStandIn, m: Market) {
  const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
  const id = rawId(booking.id);
  const session = [...stripe.state.checkoutSessions.values()].find((s) => s.client_reference_id === id)!;
  expect(await deliverTo(t, stripe, stripe.completeCheckout(session.id))).toBe("applied");
  const confirm = await t.gql(`mutation($id: ID!) { confirmBooking(id: $id) { __typename } }`, { id: booking.id }, m.mentor.token);
  expect(confirm.data.confirmBooking.__typename).toBe("ConfirmBookingSuccess");
  const links = await t.gql(
    `mutation($id: ID!, $a: String!, $m: String!) { addBookingLinks(id: $id, availabilityLink: $a, meetingLink: $m) { __typename } }`,
    { id: booking.id, a: LINKS.availabilityLink, m: LINKS.meetingLink },
    m.mentor.token,
  );
  expect(links.data.addBookingLinks.__typename).toBe("AddBookingLinksSuccess");
  const done = await t.gql(`mutation($id: ID!) { completeBooking(id: $id) { __typename } }`, { id: booking.id }, m.mentor.token);
  expect(done.data.completeBooking.__typename).toBe("CompleteBookingSuccess");
  const paymentIntentId = stripe.state.checkoutSessions.get(session.id)!.payment_intent as string;
  return { globalId: booking.id as string, id, paymentIntentId };
}

/** Runs the release job as if `hours` had passed (default: a day past a 48-hour window). */
export function releaseAfter(t: TestApp, hours = 72) {
  return releaseDueEarnings(t.app.services, () => {}, new Date(Date.now() + hours * HOUR_MS));
}
