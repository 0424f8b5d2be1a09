// The local payment simulator used when no Stripe keys are configured: a checkout page at
// /pay/<bookingId> whose "Pay" button authorises a pretend card (as Stripe does with manual
// capture) and produces a checkout.session.completed event, signed with the webhook secret and
// delivered to POST /webhooks/stripe, the same path Stripe uses. The gateway then captures,
// releases or lets lapse that authorisation like Stripe (in memory: no money moves).
import type { Plugin } from "graphql-yoga";
import type { Services } from "../services.ts";
import {
  CaptureError,
  PaymentGatewayError,
  type CheckoutRequest,
  type CheckoutSession,
  type PaymentGateway,
  type ProviderPaymentState,
} from "../ports/payment-gateway.ts";
import { formatMoney } from "../shared/money.ts";
import { escapeHtml, htmlPage as simulatorPage } from "../shared/html-page.ts";
import { deliverSignedEvent } from "./simulator-page.ts";

const PAY_PATH = /^\/pay\/([0-9a-f-]{36})$/i;

/** Stripe lets an uncaptured authorisation lapse after 7 days. */
export const AUTHORIZATION_LIFETIME_MS = 7 * 24 * 3600_000;

interface SimulatedPayment {
  state: ProviderPaymentState;
  authorizedAt: number;
}

/** The simulator's payment intents, by id (pi_sim_<booking>): authorised by the pay page. */
const simulatedPayments = new Map<string, SimulatedPayment>();

export const simulatedPaymentIntentId = (bookingId: string) => `pi_sim_${bookingId.replace(/-/g, "")}`;

/** The pay page authorises the booking's price on the pretend card. */
export function authorizeSimulatedPayment(booking: { id: string; priceCents: number; currency: string }, now = Date.now()) {
  const id = simulatedPaymentIntentId(booking.id);
  const existing = simulatedPayments.get(id);
  if (existing) return existing.state;
  const state: ProviderPaymentState = {
    id,
    status: "authorized",
    amountCapturable: booking.priceCents,
    amountReceived: 0,
    currency: booking.currency,
    chargeId: `ch_sim_${booking.id.replace(/-/g, "")}`,
  };
  simulatedPayments.set(id, { state, authorizedAt: now });
  return state;
}

/** The payment as it is now; an authorisation older than 7 days has lapsed (canceled). */
function current(id: string): ProviderPaymentState | null {
  const payment = simulatedPayments.get(id);
  if (!payment) return null;
  if (payment.state.status === "authorized" && Date.now() - payment.authorizedAt >= AUTHORIZATION_LIFETIME_MS) {
    payment.state = { ...payment.state, status: "canceled", amountCapturable: 0 };
  }
  return payment.state;
}

/** Test seam: ages an authorisation so that it lapses, as Stripe's does after 7 days. */
export function lapseSimulatedAuthorization(paymentIntentId: string): void {
  const payment = simulatedPayments.get(paymentIntentId);
  if (payment) payment.authorizedAt -= AUTHORIZATION_LIFETIME_MS;
}

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
    async retrievePayment(paymentIntentId) {
      const state = current(paymentIntentId);
      if (!state) throw new PaymentGatewayError("permanent", `No such payment_intent: '${paymentIntentId}'`, "resource_missing");
      return state;
    },
    async capturePayment({ paymentIntentId }) {
      // A payment made before a restart is not in memory: the simulator takes it as authorised.
      const payment = simulatedPayments.get(paymentIntentId);
      const state = current(paymentIntentId);
      if (state?.status === "canceled") {
        throw new CaptureError(false, "The card authorisation has lapsed or was cancelled; it can no longer be captured.");
      }
      if (state?.status === "captured") return state;
      const captured: ProviderPaymentState = {
        id: paymentIntentId,
        status: "captured",
        amountCapturable: 0,
        amountReceived: state?.amountCapturable ?? 0,
        currency: state?.currency ?? "usd",
        chargeId: state?.chargeId ?? null,
      };
      simulatedPayments.set(paymentIntentId, { state: captured, authorizedAt: payment?.authorizedAt ?? Date.now() });
      return captured;
    },
    async releaseAuthorization({ paymentIntentId }) {
      const payment = simulatedPayments.get(paymentIntentId);
      const state = current(paymentIntentId);
      if (state?.status === "captured") return state;
      const released: ProviderPaymentState = {
        id: paymentIntentId,
        status: "canceled",
        amountCapturable: 0,
        amountReceived: 0,
        currency: state?.currency ?? "usd",
        chargeId: state?.chargeId ?? null,
      };
      simulatedPayments.set(paymentIntentId, { state: released, authorizedAt: payment?.authorizedAt ?? Date.now() });
      return released;
    },
    // The simulator page refuses to pay a booking that is no longer awaiting payment.
    async expireCheckout() {},
  };
}

/**
 * The event Stripe sends for a completed Checkout Session of this booking whose card was
 * authorised (manual capture): complete, but `unpaid` until the mentor's confirmation captures it.
 */
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
        payment_status: "unpaid",
        payment_intent: simulatedPaymentIntentId(booking.id),
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
        authorizeSimulatedPayment(booking);
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
          `<p class="muted">Local payment simulator: no card is charged. Paying authorises the amount; it is taken when the mentor confirms, and released if they do not.</p>
<h1>${escapeHtml(booking.title)}</h1><p>${booking.durationMinutes} minutes &middot; <strong>${price}</strong></p>
<form method="post"><button type="submit">Pay ${price}</button></form>
<p><a href="${escapeHtml(back)}">Cancel and go back</a></p>`,
        ),
      );
    },
  };
}
