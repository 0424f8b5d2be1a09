// Typed pub/sub for subscriptions: in-process by default, Redis with REDIS_URL so that
// every instance sees every event. Payloads are small JSON (ids), never database rows.
// Booking changes go to per-viewer topics (bookingChanged:<userId>, bookingChanged:admins):
// an instance subscribes in Redis only to the topics of its sockets' viewers, so it receives
// only the events one of them may see.
import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
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
type TopicId<K extends keyof Topics> = Topics[K] extends [string, unknown] ? [id: string] : [];
type Payload<K extends keyof Topics> = Topics[K] extends [string, infer E] ? E : Topics[K] extends [infer E] ? E : never;

/**
 * graphql-yoga's createPubSub API (a routing key, an optional id, a payload) without its
 * Repeater: each subscription is one listener and a plain queue, and `keep` filters in the
 * listener, so an event a subscriber does not keep costs it no queue entry and no promise.
 * A busy instance passes every event to every one of its sockets' subscriptions, hence the care.
 */
export interface PubSub {
  publish<K extends keyof Topics>(routingKey: K, ...args: Topics[K]): void;
  subscribe<K extends keyof Topics>(
    routingKey: K,
    ...args: [...TopicId<K>, keep?: (payload: Payload<K>) => boolean]
  ): AsyncIterableIterator<Payload<K>>;
}

/** Events a subscriber may leave unread before its subscription ends with an error. */
export const MAX_UNREAD_EVENTS = 1_024;

function createTopics(target: Pick<EventTarget, "addEventListener" | "removeEventListener" | "dispatchEvent">): PubSub {
  return {
    publish(routingKey, ...args) {
      const [topic, detail] = args.length === 2 ? [`${routingKey}:${args[0]}`, args[1]] : [routingKey, args[0]];
      target.dispatchEvent(new CustomEvent(topic, { detail }));
    },
    subscribe(routingKey, ...args) {
      const keep = typeof args[args.length - 1] === "function" ? (args.pop() as (payload: unknown) => boolean) : undefined;
      const topic = args.length === 1 ? `${routingKey}:${args[0] as string}` : routingKey;
      return listen(target, topic, keep) as never;
    },
  };
}

function listen<T>(target: Pick<EventTarget, "addEventListener" | "removeEventListener">, topic: string, keep?: (payload: T) => boolean) {
  const unread: T[] = [];
  let waiting: { resolve(step: IteratorResult<T>): void; reject(error: unknown): void } | null = null;
  let ended = false;
  let failure: unknown = null;
  const end = (error: unknown = null) => {
    if (ended) return;
    ended = true;
    failure = error;
    target.removeEventListener(topic, listener);
    const reader = waiting;
    waiting = null;
    if (reader && error) reader.reject(error);
    else reader?.resolve({ done: true, value: undefined });
  };
  const listener = (event: Event) => {
    const payload = (event as CustomEvent<T>).detail;
    try {
      if (ended || (keep && !keep(payload))) return;
    } catch (error) {
      end(error);
      return;
    }
    const reader = waiting;
    if (reader) {
      waiting = null;
      reader.resolve({ done: false, value: payload });
    } else if (unread.length >= MAX_UNREAD_EVENTS) {
      end(new Error(`more than ${MAX_UNREAD_EVENTS} events were left unread on ${topic}`));
    } else unread.push(payload);
  };
  target.addEventListener(topic, listener);
  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (unread.length > 0) return Promise.resolve({ done: false, value: unread.shift()! });
      if (ended) return failure ? Promise.reject(failure) : Promise.resolve({ done: true, value: undefined });
      return new Promise((resolve, reject) => (waiting = { resolve, reject }));
    },
    return() {
      unread.length = 0;
      end();
      return Promise.resolve({ done: true, value: undefined });
    },
    throw(error?: unknown) {
      unread.length = 0;
      end();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

export interface PubSubHandle {
  pubsub: PubSub;
  close(): Promise<void>;
}

export function openPubSub(redisUrl: string | undefined, prefix = ""): PubSubHandle {
  if (!redisUrl) {
    // One listener per open socket on a viewer's topic (several tabs): no listener-count warning.
    const eventTarget = new EventTarget();
    setMaxListeners(0, eventTarget);
    return { pubsub: createTopics(eventTarget), close: async () => undefined };
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
    pubsub: createTopics(eventTarget),
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
