// POST /webhooks/stripe: the signature is checked on the raw body with the official SDK;
// a bad or stale signature gets 400 and writes nothing. Handled and unknown events get 200;
// an unexpected failure gets 500 so that Stripe retries.
import Stripe from "stripe";
import type { Plugin } from "graphql-yoga";
import type { Services } from "../services.ts";
import { handleStripeEvent } from "./stripe-events.ts";

export const WEBHOOK_PATH = "/webhooks/stripe";
/** Stripe's default: signatures older than five minutes are refused (replays). */
const TOLERANCE_SECONDS = 300;

const verifier = new Stripe("sk_unused_for_verification");

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

export async function receiveStripeWebhook(services: Services, request: Request): Promise<Response> {
  if (request.method !== "POST") return json(405, { error: "Use POST" });
  const signature = request.headers.get("stripe-signature");
  if (!signature) return json(400, { error: "Missing Stripe-Signature header" });
  const body = Buffer.from(await request.arrayBuffer());
  let event: Stripe.Event;
  try {
    event = verifier.webhooks.constructEvent(body, signature, services.env.stripe.webhookSecret, TOLERANCE_SECONDS);
  } catch {
    return json(400, { error: "Invalid signature" });
  }
  try {
    const outcome = await handleStripeEvent(services, event);
    return json(200, { received: true, outcome });
  } catch (error) {
    console.error(`stripe: event ${event.id} (${event.type}) failed:`, error);
    return json(500, { error: "Event could not be processed; retry later" });
  }
}

export function useStripeWebhook(services: Services): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname === WEBHOOK_PATH) endResponse(await receiveStripeWebhook(services, request));
    },
  };
}
