// Typed pub/sub for subscriptions: in-process by default, Redis with REDIS_URL so that
// every instance sees every event. Payloads are small JSON (ids), never database rows.
// Booking changes go to per-viewer topics (bookingChanged:<userId>, bookingChanged:admins):
// an instance subscribes in Redis only to the topics of its sockets' viewers, so it receives
// only the events one of them may see.
import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import { createPubSub } from "graphql-yoga";
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { Redis } from "ioredis";
import type { Booking } from "./generated/prisma/client.ts";
import type { BookingStatus } from "./generated/prisma/enums.ts";
import { errorFields, logger } from "./log.ts";

export interface BookingChanged {
  bookingId: string;
  mentorId: string;
  menteeId: string;
  status: BookingStatus;
  /** Whether it has been paid: its mentor may see it only then. */
  paid: boolean;
  /** What happened: a transition ("confirm"), an edit ("addLinks") or "request". */
  action: string;
}

/** A BookingChanged as delivered: `eventId` is the same on every topic and instance it reaches. */
export interface BookingChangedDelivery extends BookingChanged {
  eventId: string;
}

/** The topic of a viewer's booking changes: admins see every booking, everyone else their own. */
export const ADMIN_BOOKING_TOPIC = "admins";
export function bookingTopicOf(viewer: { id: string; role: string }): string {
  return viewer.role === "ADMIN" ? ADMIN_BOOKING_TOPIC : viewer.id;
}

/**
 * Publishes a booking change to the topics of those who may see it (booking-visibility.ts):
 * its mentee, its mentor once it is paid, and admins. Once per topic, however the parties overlap.
 */
export function publishBookingChanged(pubsub: PubSub, event: BookingChanged): void {
  const delivery: BookingChangedDelivery = { ...event, eventId: randomUUID() };
  const topics = new Set([event.menteeId, ...(event.paid ? [event.mentorId] : []), ADMIN_BOOKING_TOPIC]);
  for (const topic of topics) pubsub.publish("bookingChanged", topic, delivery);
}

/** A bearer token was revoked (logOut): its open sockets close on every instance. */
export interface TokenRevoked {
  tokenId: string;
}

export const VIEWER_CHANGE_KINDS = ["EARNINGS", "APPROVAL", "MENTORS"] as const;

/** A change that is not a booking's (server/schema/viewer-changed.ts): for one user, or everyone. */
export interface ViewerChanged {
  kind: (typeof VIEWER_CHANGE_KINDS)[number];
  /** Whom it concerns; null: everyone (the public list of mentors). */
  userId: string | null;
}

/** Tells the user's open pages (or everyone's, userId null) that `kind` changed. */
export function publishViewerChange(services: { pubsub: PubSub }, kind: ViewerChanged["kind"], userId: string | null): void {
  services.pubsub.publish("viewerChanged", { kind, userId });
}

export type Topics = {
  bookingChanged: [topic: string, event: BookingChangedDelivery];
  viewerChanged: [ViewerChanged];
  tokenRevoked: [TokenRevoked];
};
export type PubSub = ReturnType<typeof createPubSub<Topics>>;

export interface PubSubHandle {
  pubsub: PubSub;
  close(): Promise<void>;
}

export function openPubSub(redisUrl: string | undefined, prefix = ""): PubSubHandle {
  if (!redisUrl) {
    // One listener per open socket on a viewer's topic (several tabs): no listener-count warning.
    const eventTarget = new EventTarget();
    setMaxListeners(0, eventTarget);
    return { pubsub: createPubSub<Topics>({ eventTarget }), close: async () => undefined };
  }
  const publishClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: false });
  // The event target sends PUBLISH, SUBSCRIBE and UNSUBSCRIBE without awaiting them; one that
  // fails (Redis away, or the client closing on stop) would be an unhandled rejection that can
  // end the process. Each is logged instead: a lost event is what pub/sub promises anyway.
  handleRejections(publishClient, ["publish"]);
  handleRejections(subscribeClient, ["subscribe", "unsubscribe"]);
  const eventTarget = withPrefix(createRedisEventTarget({ publishClient, subscribeClient }), prefix);
  return {
    pubsub: createPubSub<Topics>({ eventTarget }),
    async close() {
      // QUIT lets the commands already sent (an UNSUBSCRIBE as the last sockets close, a
      // PUBLISH) finish instead of failing with "Connection is closed"; a Redis that does not
      // answer is cut off after a second.
      await Promise.all([publishClient, subscribeClient].map((client) => quitSoon(client)));
    },
  };
}

/** Closes a Redis client after the commands already sent have their answers (a second at most). */
export async function quitSoon(client: Redis): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const cutOff = new Promise<void>((resolve) => (timer = setTimeout(resolve, 1000)));
  await Promise.race([
    client.quit().then(
      () => undefined,
      () => undefined,
    ),
    cutOff,
  ]);
  clearTimeout(timer);
  client.disconnect();
}

function handleRejections(client: Redis, methods: ("publish" | "subscribe" | "unsubscribe")[]): void {
  for (const method of methods) {
    const original = (client[method] as (...args: unknown[]) => Promise<unknown>).bind(client);
    (client as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      const sent = original(...args);
      sent.catch((error: unknown) => logger.warn({ command: method, ...errorFields(error) }, `redis ${method} failed`));
      return sent;
    };
  }
}

type RedisEventTarget = ReturnType<typeof createRedisEventTarget>;

/** The same event target, with every topic sent and listened to as `prefix` + topic on Redis. */
function withPrefix(target: RedisEventTarget, prefix: string): RedisEventTarget {
  if (!prefix) return target;
  return {
    addEventListener: (topic, listener) => target.addEventListener(prefix + topic, listener),
    removeEventListener: (topic, listener) => target.removeEventListener(prefix + topic, listener),
    dispatchEvent: (event) => target.dispatchEvent(new CustomEvent(prefix + event.type, { detail: (event as CustomEvent).detail })),
  };
}

/** The event published after a booking changed (what subscribers re-read it by). */
export function changeOf(booking: Booking, action: string): BookingChanged {
  return {
    bookingId: booking.id,
    mentorId: booking.mentorId,
    menteeId: booking.menteeId,
    status: booking.status,
    paid: booking.paidAt !== null,
    action,
  };
}
