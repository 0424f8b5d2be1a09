// The one map from Stripe event type to handler. Each handler lives in the module its event
// concerns (bookings, refunds, payouts; card disputes in bookings/dispute-created.ts and
// bookings/dispute-closed.ts); unknown types are acknowledged and ignored. Handlers
// are idempotent: Stripe delivers events late, twice and out of order.
import type Stripe from "stripe";
import type { Services } from "../services.ts";
import type { EventOutcome } from "../ports/event-outcome.ts";
import { bookingEventHandlers } from "../bookings/stripe-events.ts";
import { refundEventHandlers } from "../refunds/stripe-events.ts";
import { payoutEventHandlers } from "../payouts/stripe-events.ts";
import { disputeCreatedHandlers } from "../bookings/dispute-created.ts";
import { disputeClosedHandlers } from "../bookings/dispute-closed.ts";

type Handlers = {
  [T in Stripe.Event["type"]]?: (services: Services, event: Extract<Stripe.Event, { type: T }>) => Promise<EventOutcome>;
};

const handlers: Handlers = {
  ...bookingEventHandlers,
  ...refundEventHandlers,
  ...payoutEventHandlers,
  ...disputeCreatedHandlers,
  ...disputeClosedHandlers,
};

/** The event types a handler reads (server/stripe/event-shapes.ts checks each one's data first). */
export const HANDLED_EVENT_TYPES = Object.keys(handlers);

export async function handleStripeEvent(services: Services, event: Stripe.Event): Promise<EventOutcome> {
  const handler = handlers[event.type] as ((s: Services, e: Stripe.Event) => Promise<EventOutcome>) | undefined;
  return handler ? handler(services, event) : "ignored";
}
