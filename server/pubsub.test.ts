// Booking changes reach only the topics of those who may see them: the mentee, the mentor once
// paid, and admins; each topic once. A subscription passes on what it keeps, and mapAhead
// (shared/async-iterators.ts) what it maps, in order; ending either ends the subscription.
import { describe, expect, it } from "vitest";
import {
  ADMIN_BOOKING_TOPIC,
  type BookingChanged,
  type BookingChangedDelivery,
  bookingTopicOf,
  MAX_UNREAD_EVENTS,
  openPubSub,
  publishBookingChanged,
} from "./pubsub.ts";
import { mapAhead } from "./shared/async-iterators.ts";

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

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("subscribe", () => {
  it("passes on only the events kept, in order, and ending it removes its listener", async () => {
    const { pubsub } = openPubSub(undefined);
    const kept: string[] = [];
    const events = pubsub.subscribe("viewerChanged", (event) => {
      kept.push(String(event.userId));
      return event.userId === "me";
    });
    const first = events.next();
    const publish = (userId: string | null) => pubsub.publish("viewerChanged", { kind: "EARNINGS", userId });
    publish("someone else");
    publish(null);
    publish("me");
    expect((await first).value).toEqual({ kind: "EARNINGS", userId: "me" });
    publish("someone else");
    publish("me");
    expect(await events.next()).toEqual({ done: false, value: { kind: "EARNINGS", userId: "me" } });
    expect(await events.return?.()).toMatchObject({ done: true });
    publish("me");
    expect(kept).toEqual(["someone else", "null", "me", "someone else", "me"]);
    expect(await events.next()).toMatchObject({ done: true });
  });

  it("a waiting reader is answered done when the subscription ends", async () => {
    const { pubsub } = openPubSub(undefined);
    const events = pubsub.subscribe("bookingChanged", "mentee");
    const waiting = events.next();
    await events.return?.();
    expect(await waiting).toMatchObject({ done: true });
  });

  it("a subscriber that leaves too many events unread, or whose filter fails, ends with an error", async () => {
    const { pubsub } = openPubSub(undefined);
    const unread = pubsub.subscribe("viewerChanged");
    for (let i = 0; i <= MAX_UNREAD_EVENTS; i++) pubsub.publish("viewerChanged", { kind: "MENTORS", userId: null });
    for (let i = 0; i < MAX_UNREAD_EVENTS; i++) expect((await unread.next()).done).toBe(false);
    await expect(unread.next()).rejects.toThrow(/left unread/);

    const failing = pubsub.subscribe("viewerChanged", () => {
      throw new Error("cannot decide");
    });
    const waiting = failing.next();
    pubsub.publish("viewerChanged", { kind: "MENTORS", userId: null });
    await expect(waiting).rejects.toThrow("cannot decide");
  });
});

describe("mapAhead", () => {
  it("maps each value as it arrives, before it is asked for, and passes them on in order", async () => {
    const { pubsub } = openPubSub(undefined);
    const { iterable, state } = counting(pubsub.subscribe("viewerChanged"));
    const started: string[] = [];
    const answers = new Map<string, (value: string) => void>();
    const mapped = mapAhead(iterable, (event) => {
      const name = String(event.userId);
      started.push(name);
      return new Promise<string>((resolve) => answers.set(name, resolve));
    });
    const first = mapped.next();
    pubsub.publish("viewerChanged", { kind: "EARNINGS", userId: "a" });
    pubsub.publish("viewerChanged", { kind: "EARNINGS", userId: "b" });
    await tick();
    // Both mappings run although only the first value was asked for.
    expect(started).toEqual(["a", "b"]);
    // The second answers first; the first is still passed on first.
    answers.get("b")!("B");
    answers.get("a")!("A");
    expect(await first).toEqual({ done: false, value: "A" });
    expect(await mapped.next()).toEqual({ done: false, value: "B" });
    const waiting = mapped.next();
    await mapped.return?.();
    expect(await waiting).toMatchObject({ done: true });
    expect(state.stopped).toBe(1);
    expect(await mapped.next()).toMatchObject({ done: true });
  });

  it("reads no further ahead than it is allowed", async () => {
    const { pubsub } = openPubSub(undefined);
    const started: number[] = [];
    let n = 0;
    const mapped = mapAhead(
      pubsub.subscribe("viewerChanged"),
      () => {
        started.push(++n);
        return n;
      },
      2,
    );
    const first = mapped.next();
    for (let i = 0; i < 5; i++) pubsub.publish("viewerChanged", { kind: "MENTORS", userId: null });
    await tick();
    // The first is taken; two more wait unread; the rest wait in the subscription.
    expect(started).toEqual([1, 2, 3]);
    expect((await first).value).toBe(1);
    await tick();
    expect(started).toEqual([1, 2, 3]);
    expect((await mapped.next()).value).toBe(2);
    await tick();
    expect(started).toEqual([1, 2, 3, 4]);
    for (const expected of [3, 4, 5]) expect((await mapped.next()).value).toBe(expected);
  });

  it("a mapping that fails ends the subscription and throws its error", async () => {
    const { pubsub } = openPubSub(undefined);
    const { iterable, state } = counting(pubsub.subscribe("viewerChanged"));
    const mapped = mapAhead(iterable, () => {
      throw new Error("cannot map");
    });
    const first = mapped.next();
    pubsub.publish("viewerChanged", { kind: "EARNINGS", userId: "a" });
    await expect(first).rejects.toThrow("cannot map");
    expect(state.stopped).toBe(1);
    expect(await mapped.next()).toMatchObject({ done: true });
  });
});
