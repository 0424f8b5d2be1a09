// charge.dispute.closed: won releases the frozen earning, lost takes the disputed amount from it
// and the platform fee (server/bookings/disputes.ts). Merged into server/stripe/dispatcher.ts.
import type Stripe from "stripe";
import type { Services } from "../services.ts";
import type { EventOutcome } from "../ports/event-outcome.ts";
import { closeDispute } from "./disputes.ts";
import { disputeNews } from "./dispute-news.ts";

export const disputeClosedHandlers = {
  "charge.dispute.closed": (services: Services, event: Stripe.ChargeDisputeClosedEvent): Promise<EventOutcome> =>
    closeDispute(services, disputeNews(event.data.object)),
};
