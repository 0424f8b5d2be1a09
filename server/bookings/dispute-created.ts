// charge.dispute.created: a mentee's bank disputes the booking's charge; the mentor's earning is
// frozen until it closes (server/bookings/disputes.ts). Merged into server/stripe/dispatcher.ts.
import type Stripe from "stripe";
import type { Services } from "../services.ts";
import type { EventOutcome } from "../ports/event-outcome.ts";
import { openDispute } from "./disputes.ts";
import { disputeNews } from "./dispute-news.ts";

export const disputeCreatedHandlers = {
  "charge.dispute.created": (services: Services, event: Stripe.ChargeDisputeCreatedEvent): Promise<EventOutcome> =>
    openDispute(services, disputeNews(event.data.object)),
};
