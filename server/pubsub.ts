// Typed pub/sub for subscriptions: in-process by default, Redis with REDIS_URL so that
// every instance sees every event. Payloads are small JSON (ids), never database rows.
import { createPubSub } from "graphql-yoga";
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { Redis } from "ioredis";
import type { BookingStatus } from "./generated/prisma/enums.ts";

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

export type Topics = { bookingChanged: [BookingChanged] };
export type PubSub = ReturnType<typeof createPubSub<Topics>>;

export interface PubSubHandle {
  pubsub: PubSub;
  close(): Promise<void>;
}

export function openPubSub(redisUrl: string | undefined): PubSubHandle {
  if (!redisUrl) return { pubsub: createPubSub<Topics>(), close: async () => undefined };
  const publishClient = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: false });
  const eventTarget = createRedisEventTarget({ publishClient, subscribeClient });
  return {
    pubsub: createPubSub<Topics>({ eventTarget }),
    async close() {
      publishClient.disconnect();
      subscribeClient.disconnect();
    },
  };
}
