// Stripe Checkout: the platform charges the mentee (separate charges and transfers);
// mentors are paid later by transfers. One Checkout Session per booking (idempotency key).
import type Stripe from "stripe";
import type { CheckoutRequest, CheckoutSession, PaymentGateway } from "./gateway.ts";

export function stripeGateway(stripe: Stripe): PaymentGateway {
  return {
    mode: "stripe",
    async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
      const session = await stripe.checkout.sessions.create(
        {
          mode: "payment",
          client_reference_id: request.bookingId,
          metadata: { bookingId: request.bookingId },
          payment_intent_data: {
            metadata: { bookingId: request.bookingId },
            transfer_group: `booking:${request.bookingId}`,
          },
          customer_email: request.customerEmail,
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: request.currency,
                unit_amount: request.amountCents,
                product_data: { name: request.description },
              },
            },
          ],
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
        },
        { idempotencyKey: `checkout:${request.bookingId}` },
      );
      if (!session.url) throw new Error(`Stripe returned Checkout Session ${session.id} without a URL`);
      return { id: session.id, url: session.url };
    },
  };
}
