// The local payment simulator used when no Stripe keys are configured: a checkout page at
// /pay/<bookingId> whose "Pay" button produces a checkout.session.completed event, signed
// with the webhook secret and delivered to POST /webhooks/stripe, the same path Stripe uses.
import type { Plugin } from "graphql-yoga";
import type { Services } from "../services.ts";
import type { CheckoutRequest, CheckoutSession, PaymentGateway } from "../ports/payment-gateway.ts";
import { formatMoney } from "../shared/money.ts";
import { escapeHtml, htmlPage as simulatorPage } from "../shared/html-page.ts";
import { deliverSignedEvent } from "./simulator-page.ts";

const PAY_PATH = /^\/pay\/([0-9a-f-]{36})$/i;

export function simulatorGateway(env: { publicUrl: string }): PaymentGateway {
  return {
    mode: "simulator",
    async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
      return { id: `cs_sim_${request.bookingId}`, url: `${env.publicUrl}/pay/${request.bookingId}` };
    },
    // No money moved, so none goes back: the refund succeeds at once.
    async refund(request) {
      return { id: `re_sim_${request.bookingId.replace(/-/g, "")}`, status: "succeeded" };
    },
    async retrieveRefund(providerRefundId) {
      return { id: providerRefundId, status: "succeeded" };
    },
    // No provider to compare with: reconciliation does not run without Stripe keys.
    async listPayments() {
      return [];
    },
    async listRefunds() {
      return [];
    },
    // The simulator page refuses to pay a booking that is no longer awaiting payment.
    async expireCheckout() {},
  };
}

/** The event Stripe would send for a paid Checkout Session of this booking. */
export function simulatedCheckoutCompleted(booking: {
  id: string;
  priceCents: number;
  currency: string;
  stripeCheckoutSessionId: string | null;
}) {
  return {
    id: `evt_sim_${booking.id.replace(/-/g, "")}`, // Stripe-shaped: letters, digits and _ only
    object: "event",
    api_version: "2025-01-01",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: "checkout.session.completed",
    data: {
      object: {
        id: booking.stripeCheckoutSessionId ?? `cs_sim_${booking.id}`,
        object: "checkout.session",
        client_reference_id: booking.id,
        metadata: { bookingId: booking.id },
        mode: "payment",
        status: "complete",
        payment_status: "paid",
        payment_intent: `pi_sim_${booking.id.replace(/-/g, "")}`,
        amount_total: booking.priceCents,
        currency: booking.currency,
      },
    },
  };
}

/** Serves the simulator page and turns its form into a signed webhook, sent in-process. */
export function usePaymentSimulator(services: Services, deliver: (request: Request) => Promise<Response>): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      const match = url.pathname.match(PAY_PATH);
      if (!match) return;
      const booking = await services.db.booking.findUnique({ where: { id: match[1]! } });
      if (!booking) return endResponse(simulatorPage("Not found", "<h1>Checkout not found</h1>", 404));
      const price = formatMoney({ amountCents: booking.priceCents, currency: booking.currency });
      const back = `${services.env.publicUrl}/bookings/${booking.id}`;
      if (request.method === "POST" && booking.status === "AWAITING_PAYMENT") {
        const response = await deliverSignedEvent(services, deliver, simulatedCheckoutCompleted(booking));
        if (!response.ok)
          return endResponse(simulatorPage("Payment failed", `<h1>Payment failed</h1><p><a href="">Try again</a></p>`, 502));
        return endResponse(new Response(null, { status: 303, headers: { location: `${back}?paid=1` } }));
      }
      if (booking.status !== "AWAITING_PAYMENT") {
        return endResponse(
          simulatorPage(
            "Already paid",
            `<h1>Nothing to pay</h1><p>This booking is ${booking.status.toLowerCase().replace("_", " ")}.</p><p><a href="${escapeHtml(back)}">Back to your booking</a></p>`,
          ),
        );
      }
      return endResponse(
        simulatorPage(
          `Pay ${price}`,
          `<p class="muted">Local payment simulator: no card is charged.</p>
<h1>${escapeHtml(booking.title)}</h1><p>${booking.durationMinutes} minutes &middot; <strong>${price}</strong></p>
<form method="post"><button type="submit">Pay ${price}</button></form>
<p><a href="${escapeHtml(back)}">Cancel and go back</a></p>`,
        ),
      );
    },
  };
}
