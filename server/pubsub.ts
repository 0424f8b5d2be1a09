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

export type Topics = { bookingChanged: [BookingChanged]; viewerChanged: [ViewerChanged]; tokenRevoked: [TokenRevoked] };
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
