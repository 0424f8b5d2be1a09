// Booking changes reach only the topics of those who may see them: the mentee, the mentor once
// paid, and admins; each topic once. The per-socket iterators over a subscription
// (shared/async-iterators.ts) pass on what they should, and ending one ends the subscription.
import { describe, expect, it } from "vitest";
import {
  ADMIN_BOOKING_TOPIC,
  type BookingChanged,
  type BookingChangedDelivery,
  bookingTopicOf,
  openPubSub,
  publishBookingChanged,
} from "./pubsub.ts";
import { keepOnly, mapEach } from "./shared/async-iterators.ts";

/** The events a subscriber of `topic` receives when `event` is published. */
async function received(topic: string, event: BookingChanged): Promise<BookingChangedDelivery[]> {
  const { pubsub } = openPubSub(undefined);
  const events: BookingChangedDelivery[] = [];
  const iterator = pubsub.subscribe("bookingChanged", topic)[Symbol.asyncIterator]();
  const reading = (async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      events.push(next.value);
    }
  })();
  publishBookingChanged(pubsub, event);
  await new Promise((resolve) => setTimeout(resolve, 20));
  await iterator.return?.();
  await reading;
  return events;
}

const change = (paid: boolean): BookingChanged => ({
  bookingId: "b",
  mentorId: "mentor",
  menteeId: "mentee",
  status: paid ? "PENDING" : "AWAITING_PAYMENT",
  paid,
  action: "request",
});

describe("booking change topics", () => {
  it("an unpaid request reaches its mentee and admins, not its mentor", async () => {
    expect(await received("mentee", change(false))).toHaveLength(1);
    expect(await received(ADMIN_BOOKING_TOPIC, change(false))).toHaveLength(1);
    expect(await received("mentor", change(false))).toHaveLength(0);
    expect(await received("someone-else", change(false))).toHaveLength(0);
  });

  it("a paid booking reaches its mentor too, with one event id on every topic", async () => {
    const { pubsub } = openPubSub(undefined);
    const seen: Record<string, BookingChangedDelivery[]> = { mentee: [], mentor: [], [ADMIN_BOOKING_TOPIC]: [] };
    const iterators = Object.keys(seen).map((topic) => {
      const iterator = pubsub.subscribe("bookingChanged", topic)[Symbol.asyncIterator]();
      void (async () => {
        for (;;) {
          const next = await iterator.next();
          if (next.done) return;
          seen[topic]!.push(next.value);
        }
      })();
      return iterator;
    });
    publishBookingChanged(pubsub, change(true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (const iterator of iterators) await iterator.return?.();
    const ids = Object.values(seen).map((events) => {
      expect(events).toHaveLength(1);
      return events[0]!.eventId;
    });
    expect(new Set(ids).size).toBe(1);
  });

  it("admins listen on the admin topic, everyone else on their own", () => {
    expect(bookingTopicOf({ id: "u1", role: "ADMIN" })).toBe(ADMIN_BOOKING_TOPIC);
    expect(bookingTopicOf({ id: "u2", role: "MENTOR" })).toBe("u2");
    expect(bookingTopicOf({ id: "u3", role: "MENTEE" })).toBe("u3");
  });
});

/** A source that counts how often it was ended. */
function counting<T>(source: AsyncIterable<T>) {
  const inner = source[Symbol.asyncIterator]();
  const state = { stopped: 0 };
  const iterable: AsyncIterable<T> = {
    [Symbol.asyncIterator]: () => ({
      next: () => inner.next(),
      return: async (value?: unknown) => {
        state.stopped += 1;
        return inner.return ? inner.return(value) : { done: true as const, value: undefined };
      },
    }),
  };
  return { iterable, state };
}

describe("keepOnly", () => {
  it("passes on only the events kept, in order, and ending it ends the subscription", async () => {
    const { pubsub } = openPubSub(undefined);
    const { iterable, state } = counting(pubsub.subscribe("viewerChanged"));
    const kept = keepOnly(iterable, (event) => event.userId === "me");
    const first = kept.next();
    const publish = (userId: string | null) => pubsub.publish("viewerChanged", { kind: "EARNINGS", userId });
    publish("someone else");
    publish(null);
    publish("me");
    expect((await first).value).toEqual({ kind: "EARNINGS", userId: "me" });
    const second = kept.next();
    publish("someone else");
    publish("me");
    expect((await second).value).toEqual({ kind: "EARNINGS", userId: "me" });
    expect(await kept.return?.()).toMatchObject({ done: true });
    expect(state.stopped).toBe(1);
    expect(await kept.next()).toMatchObject({ done: true });
  });
});

describe("mapEach", () => {
  it("passes on each value as mapped (awaited), in order; ending it ends the subscription", async () => {
    const { pubsub } = openPubSub(undefined);
    const { iterable, state } = counting(pubsub.subscribe("viewerChanged"));
    const mapped = mapEach(iterable, async (event) => `${event.kind}:${event.userId}`);
    const first = mapped.next();
    pubsub.publish("viewerChanged", { kind: "EARNINGS", userId: "a" });
    pubsub.publish("viewerChanged", { kind: "MENTORS", userId: null });
    expect(await first).toEqual({ done: false, value: "EARNINGS:a" });
    expect(await mapped.next()).toEqual({ done: false, value: "MENTORS:null" });
    await mapped.return?.();
    expect(state.stopped).toBe(1);
    expect(await mapped.next()).toMatchObject({ done: true });
  });

  it("a mapping that fails ends the subscription and throws its error", async () => {
    const { pubsub } = openPubSub(undefined);
    const { iterable, state } = counting(pubsub.subscribe("viewerChanged"));
    const mapped = mapEach(iterable, () => {
      throw new Error("cannot map");
    });
    const first = mapped.next();
    pubsub.publish("viewerChanged", { kind: "EARNINGS", userId: "a" });
    await expect(first).rejects.toThrow("cannot map");
    expect(state.stopped).toBe(1);
  });
});
