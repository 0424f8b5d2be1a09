// Stripe events, turned into booking commands. A typed map from event type to handler;
// unknown types are acknowledged and ignored. Handlers are idempotent: Stripe delivers
// events late, twice and out of order.
import type Stripe from "stripe";
import type { Services } from "../services.ts";
import { markBookingPaid } from "../domain/booking-commands.ts";
import { InvalidTransitionError, NotFoundError } from "../domain/errors.ts";
import { isUniqueViolation } from "../db/errors.ts";
import { payoutEventHandlers } from "../payouts/stripe-events.ts";

export type EventOutcome = "applied" | "duplicate" | "ignored";

type Handlers = {
  [T in Stripe.Event["type"]]?: (services: Services, event: Extract<Stripe.Event, { type: T }>) => Promise<EventOutcome>;
};

function bookingIdOf(session: Stripe.Checkout.Session): string | null {
  const id = session.client_reference_id ?? session.metadata?.bookingId ?? null;
  return id && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}

async function paymentSucceeded(services: Services, event: Stripe.Event, session: Stripe.Checkout.Session) {
  if (session.payment_status !== "paid") return "ignored"; // async methods: wait for async_payment_succeeded
  const bookingId = bookingIdOf(session);
  if (!bookingId) return "ignored";
  const booking = await services.db.booking.findUnique({ where: { id: bookingId } });
  if (!booking) return "ignored";
  if (session.amount_total !== booking.priceCents || session.currency?.toLowerCase() !== booking.currency) {
    console.error(
      `stripe: ${event.id} paid ${session.amount_total} ${session.currency} for booking ${bookingId} priced ${booking.priceCents} ${booking.currency}; not applied`,
    );
    return "ignored";
  }
  if (await services.db.processedWebhookEvent.findUnique({ where: { id: event.id } })) return "duplicate";
  try {
    await markBookingPaid(services, {
      bookingId,
      paymentIntentId: typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null),
      event: { id: event.id, type: event.type },
    });
    return "applied";
  } catch (error) {
    if (error instanceof NotFoundError) return "ignored";
    if (error instanceof InvalidTransitionError) {
      if (error.currentStatus === "CANCELLED" || error.currentStatus === "EXPIRED") {
        // Paid after the booking was closed (cancelled or expired): the money must go back.
        console.error(`stripe: payment ${event.id} arrived for ${error.currentStatus} booking ${bookingId}; refund required`);
      }
      return "duplicate";
    }
    if (isUniqueViolation(error)) return "duplicate"; // the same event applied concurrently
    throw error;
  }
}


const handlers: Handlers = {
  ...payoutEventHandlers,
  "checkout.session.completed": (services, event) => paymentSucceeded(services, event, event.data.object),
  "checkout.session.async_payment_succeeded": (services, event) => paymentSucceeded(services, event, event.data.object),
};

export async function handleStripeEvent(services: Services, event: Stripe.Event): Promise<EventOutcome> {
  const handler = handlers[event.type] as ((s: Services, e: Stripe.Event) => Promise<EventOutcome>) | undefined;
  return handler ? handler(services, event) : "ignored";
}
