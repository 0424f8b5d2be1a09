// What the offline simulators (payment: /pay/..., Connect onboarding: /connect/...) share:
// delivering a Stripe-shaped event signed with the webhook secret to
// POST /webhooks/stripe in-process, the same path and checks as a real Stripe event.
import Stripe from "stripe";
import type { Services } from "../services.ts";
import { WEBHOOK_PATH } from "../shared/paths.ts";

const signer = new Stripe("sk_unused_for_signing");

export function signPayload(payload: string, secret: string): string {
  return signer.webhooks.generateTestHeaderString({ payload, secret });
}

/** Signs `event` and hands it to the webhook endpoint through `deliver` (yoga.fetch). */
export function deliverSignedEvent(services: Services, deliver: (request: Request) => Promise<Response>, event: object): Promise<Response> {
  const payload = JSON.stringify(event);
  return deliver(
    new Request(`${services.env.publicUrl}${WEBHOOK_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": signPayload(payload, services.env.stripe.webhookSecret) },
      body: payload,
    }),
  );
}
