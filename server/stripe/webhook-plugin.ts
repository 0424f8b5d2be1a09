// POST /webhooks/stripe: the signature is checked on the raw body with the official SDK;
// a bad or stale signature gets 400 and writes nothing, and so does a verified body that is not
// an event (not JSON, no id, type or data). Handled and unknown events get 200. A verified event
// of a handled type whose data its handler cannot read is recorded (UnreadableStripeEvent, and
// a log line) and acknowledged with 200: retrying it would never succeed. An unexpected failure
// (the database is down) gets 500 so that Stripe retries.
import Stripe from "stripe";
import type { Plugin } from "graphql-yoga";
import type { Services } from "../services.ts";
import { handleStripeEvent } from "./dispatcher.ts";
import { checkEventObject, NotAnEventError, readEnvelope, UnreadableEventError, type VerifiedEvent } from "./event-shapes.ts";
import { WEBHOOK_PATH } from "../shared/paths.ts";
import { logger, errorFields } from "../log.ts";

/** Stripe's default: signatures older than five minutes are refused (replays). */
const TOLERANCE_SECONDS = 300;
/** How much of an unreadable event's body is kept for a person to read. */
const KEPT_PAYLOAD_CHARS = 64 * 1024;

const verifier = new Stripe("sk_unused_for_verification");

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

async function recordUnreadable(services: Services, event: VerifiedEvent, reason: string, body: string): Promise<void> {
  await services.db.unreadableStripeEvent.createMany({
    data: [{ id: event.id, type: event.type, reason, payload: body.slice(0, KEPT_PAYLOAD_CHARS) }],
    skipDuplicates: true,
  });
  logger.alert(
    { eventId: event.id, eventType: event.type },
    `STRIPE EVENT UNREADABLE: ${event.id} (${event.type}): ${reason}; acknowledged and recorded, needs a person`,
  );
}

export async function receiveStripeWebhook(services: Services, request: Request): Promise<Response> {
  if (request.method !== "POST") return json(405, { error: "Use POST" });
  const signature = request.headers.get("stripe-signature");
  if (!signature) return json(400, { error: "Missing Stripe-Signature header" });
  const body = Buffer.from(await request.arrayBuffer());
  try {
    verifier.webhooks.signature!.verifyHeader(body, signature, services.env.stripe.webhookSecret, TOLERANCE_SECONDS);
  } catch {
    return json(400, { error: "Invalid signature" });
  }
  // Decoded as UTF-8 by replacing what is not: the signature covered the bytes, not their meaning.
  const text = body.toString("utf8");
  let event: VerifiedEvent;
  try {
    event = readEnvelope(JSON.parse(text));
  } catch (error) {
    return json(400, { error: error instanceof NotAnEventError ? error.message : "The body is not JSON." });
  }
  try {
    checkEventObject(event);
  } catch (error) {
    if (!(error instanceof UnreadableEventError)) throw error;
    try {
      await recordUnreadable(services, event, error.message, text);
    } catch (recordError) {
      logger.error(
        { eventId: event.id, eventType: event.type, ...errorFields(recordError) },
        `stripe: unreadable event ${event.id} could not be recorded`,
      );
      return json(500, { error: "Event could not be recorded; retry later" });
    }
    return json(200, { received: true, outcome: "unreadable" });
  }
  try {
    // Its envelope and data.object were checked above for what the handlers read.
    const outcome = await handleStripeEvent(services, event as unknown as Stripe.Event);
    return json(200, { received: true, outcome });
  } catch (error) {
    logger.error({ eventId: event.id, eventType: event.type, ...errorFields(error) }, `stripe: event ${event.id} (${event.type}) failed`);
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
