// Stripe delivers events at least once, late and in any order. 100 booking lifecycles (CI's size;
// 30 by default, REPLAY_BOOKINGS) produce ~780 distinct webhook events (checkout.session.completed / .expired, refund.* and
// charge.refunded for refunded bookings, and the payment_intent / charge events Stripe sends
// around them, a declined first card included, which we acknowledge and ignore): over 1,000
// deliveries once 30% of them come twice. The expected end state comes from delivering them in order to one
// app; a fresh app then gets them shuffled, 30% of them twice, in concurrent batches. Bookings,
// refunds, the ledger and the email outbox must end up the same. (Bad, stale and re-serialised
// signatures are covered by test/webhook.test.ts.)
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApp, WEBHOOK_SECRET, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, OPS, marketplace, rawId, requestBooking } from "./support/fixtures.ts";
import { startStripeStandIn, type StripeStandIn } from "./support/stripe-stand-in.ts";
import { auditLedger } from "../server/ledger/ledger.ts";
import { checkoutSessionOf } from "./support/completion-fixtures.ts";

/** 30 by default (every kind of lifecycle, several times); .ci/run replays the full 100 (REPLAY_BOOKINGS). */
const BOOKINGS = Math.max(20, Number(process.env.REPLAY_BOOKINGS) || 30);
const MENTORS = 4;
const LINKS = { availabilityLink: "https://cal.example/slots", meetingLink: "https://meet.example/room" };

/** What happens to booking i: its kind decides the events and the people's actions. */
const KINDS = [
  "confirm",
  "complete",
  "decline",
  "pending",
  "expired",
  "cancelUnpaid",
  "late",
  "cancelPaid",
  "complete",
  "declineCaptured",
] as const;
type Kind = (typeof KINDS)[number];
const kindOf = (i: number): Kind => KINDS[i % KINDS.length]!;
const PAID_KINDS: Kind[] = ["confirm", "complete", "decline", "pending", "cancelPaid", "declineCaptured"];
/** Paid through a session that captured at checkout (created before manual capture): refunded, not released. */
const CAPTURED_AT_CHECKOUT: Kind[] = ["declineCaptured"];
/** Cards authorised and never captured: the hold is released, nothing refunded. */
const RELEASED_KINDS: Kind[] = ["decline", "late", "cancelPaid"];

const EXPECTED: Record<Kind, { status: string; refund: string | null }> = {
  confirm: { status: "CONFIRMED", refund: null },
  complete: { status: "COMPLETED", refund: null },
  decline: { status: "DECLINED", refund: null },
  pending: { status: "PENDING", refund: null },
  expired: { status: "EXPIRED", refund: null },
  cancelUnpaid: { status: "CANCELLED", refund: null },
  late: { status: "CANCELLED", refund: null },
  cancelPaid: { status: "CANCELLED", refund: null },
  declineCaptured: { status: "DECLINED", refund: "DECLINED:SUCCEEDED" },
};

/** A small deterministic PRNG, so a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffle<T>(items: T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

let stripe: StripeStandIn;
beforeAll(async () => {
  stripe = await startStripeStandIn();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await stripe?.stop();
});

type Event = { id: string; type: string };
type Delivery = (events: Event[]) => Promise<void>;

interface World {
  t: TestApp;
  markets: Awaited<ReturnType<typeof marketplace>>[];
  bookings: { globalId: string; id: string; market: number }[];
  deliveries: number;
}

const sessionOf = (bookingId: string) => checkoutSessionOf(stripe, bookingId);

/**
 * What Stripe sends around a payment besides checkout.session.completed: here the mentee's
 * first card is declined (charge.failed, payment_intent.payment_failed), the second succeeds.
 */
function paymentEvents(bookingId: string): Event[] {
  const session = sessionOf(bookingId);
  const intent = stripe.state.paymentIntents.get(session.payment_intent)!;
  const charge = {
    id: intent.latest_charge,
    object: "charge",
    amount: intent.amount,
    currency: intent.currency,
    payment_intent: intent.id,
    paid: true,
    refunded: false,
    amount_refunded: 0,
  };
  const declined = { ...charge, id: `${charge.id}_declined`, paid: false, status: "failed", failure_code: "card_declined" };
  return [
    stripe.event("payment_intent.created", { ...intent, status: "requires_payment_method" }),
    stripe.event("charge.failed", declined),
    stripe.event("payment_intent.payment_failed", {
      ...intent,
      status: "requires_payment_method",
      last_payment_error: { code: "card_declined" },
    }),
    stripe.event(intent.status === "requires_capture" ? "payment_intent.amount_capturable_updated" : "payment_intent.succeeded", intent),
    stripe.event("charge.succeeded", charge),
    stripe.event("charge.updated", charge),
  ];
}

/** What Stripe sends when a held payment is captured (confirm) or released (decline, cancel, late). */
function captureOrReleaseEvents(bookingId: string): Event[] {
  const intent = stripe.state.paymentIntents.get(sessionOf(bookingId).payment_intent)!;
  const charge = {
    id: intent.latest_charge,
    object: "charge",
    amount: intent.amount,
    currency: intent.currency,
    payment_intent: intent.id,
  };
  if (intent.status === "canceled") return [stripe.event("payment_intent.canceled", intent), stripe.event("charge.expired", charge)];
  if (intent.status === "succeeded") return [stripe.event("payment_intent.succeeded", intent), stripe.event("charge.captured", charge)];
  return [];
}

/** What Stripe sends for a refund: refund.created, refund.updated, charge.refunded, charge.refund.updated, charge.updated. */
function refundEvents(bookingId: string): Event[] {
  const refunds = [...stripe.state.refunds.values()].filter((r) => r.metadata?.bookingId === bookingId);
  expect(refunds).toHaveLength(1);
  const refund = refunds[0]!;
  const intent = stripe.state.paymentIntents.get(refund.payment_intent)!;
  const charge = {
    id: refund.charge,
    object: "charge",
    amount: intent.amount,
    currency: intent.currency,
    payment_intent: intent.id,
    paid: true,
    refunded: true,
    amount_refunded: refund.amount,
    refunds: { object: "list", data: [refund], has_more: false },
  };
  return [
    stripe.event("refund.created", refund),
    stripe.event("charge.refunded", charge),
    stripe.event("refund.updated", refund),
    stripe.event("charge.refund.updated", refund),
    stripe.event("charge.updated", charge),
  ];
}

async function ok(result: Promise<{ data: any; errors?: unknown }>, field: string, typename: string) {
  const r = await result;
  expect(r.errors).toBeUndefined();
  expect(r.data[field].__typename).toBe(typename);
}

/** Builds the same BOOKINGS lifecycles on a fresh app, delivering Stripe's events with `deliver`. */
async function play(deliver: (w: World) => Delivery): Promise<World> {
  const t = await startTestApp({
    vars: { ...ADMIN_VARS, STRIPE_SECRET_KEY: "sk_test_replay", STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: stripe.url },
    scheduler: false,
  });
  const world: World = { t, markets: [], bookings: [], deliveries: 0 };
  for (let i = 0; i < MENTORS; i++) world.markets.push(await marketplace(t, 2000 + 1000 * i + 99));
  const send = deliver(world);

  // 1. Mentees book; some cancel before paying, some pay on Stripe just as they cancel.
  for (let i = 0; i < BOOKINGS; i++) {
    const market = i % MENTORS;
    const { booking } = await requestBooking(t, world.markets[market]!.mentee.token, world.markets[market]!.sessionTypeId);
    world.bookings.push({ globalId: booking.id, id: rawId(booking.id), market });
  }
  const paymentPhase: Event[] = [];
  for (const [i, b] of world.bookings.entries()) {
    const kind = kindOf(i);
    const mentee = world.markets[b.market]!.mentee;
    if (kind === "cancelUnpaid") {
      await ok(t.gql(OPS.cancelBooking, { id: b.globalId }, mentee.token), "cancelBooking", "CancelBookingSuccess");
      expect(sessionOf(b.id).status).toBe("expired"); // our cancel expired it on Stripe
      paymentPhase.push(stripe.event("checkout.session.expired", sessionOf(b.id)));
    } else if (kind === "late") {
      const completed = stripe.completeCheckout(sessionOf(b.id).id); // authorised just as the mentee cancels
      await ok(t.gql(OPS.cancelBooking, { id: b.globalId }, mentee.token), "cancelBooking", "CancelBookingSuccess");
      paymentPhase.push(...paymentEvents(b.id), completed);
    } else if (kind === "expired") {
      paymentPhase.push(stripe.expireCheckout(sessionOf(b.id).id));
    } else if (PAID_KINDS.includes(kind)) {
      const completed = stripe.completeCheckout(
        sessionOf(b.id).id,
        CAPTURED_AT_CHECKOUT.includes(kind) ? { capture: "automatic" } : undefined,
      );
      paymentPhase.push(...paymentEvents(b.id), completed);
    }
  }
  // 2. Stripe's payment and expiry events.
  await send(paymentPhase);

  // 3. Mentors answer paid bookings; some mentees cancel theirs first.
  for (const [i, b] of world.bookings.entries()) {
    const { mentor, mentee } = world.markets[b.market]!;
    const id = b.globalId;
    switch (kindOf(i)) {
      case "confirm":
        await ok(t.gql(OPS.confirmBooking, { id }, mentor.token), "confirmBooking", "ConfirmBookingSuccess");
        break;
      case "complete":
        await ok(t.gql(OPS.confirmBooking, { id }, mentor.token), "confirmBooking", "ConfirmBookingSuccess");
        await ok(t.gql(OPS.addBookingLinks, { id, ...LINKS }, mentor.token), "addBookingLinks", "AddBookingLinksSuccess");
        await ok(t.gql(OPS.completeBooking, { id }, mentor.token), "completeBooking", "CompleteBookingSuccess");
        break;
      case "decline":
      case "declineCaptured":
        await ok(t.gql(OPS.declineBooking, { id, reason: "Fully booked" }, mentor.token), "declineBooking", "DeclineBookingSuccess");
        break;
      case "cancelPaid":
        await ok(t.gql(OPS.cancelBooking, { id }, mentee.token), "cancelBooking", "CancelBookingSuccess");
        break;
      default:
    }
  }
  // 4. Stripe's capture and release events for held cards, and refund events for every refunded booking.
  const paidOnes = world.bookings.filter((_, i) => PAID_KINDS.includes(kindOf(i)) || kindOf(i) === "late");
  const refundPhase = [
    ...paidOnes.flatMap((b) => captureOrReleaseEvents(b.id)),
    ...world.bookings.filter((_, i) => EXPECTED[kindOf(i)].refund !== null).flatMap((b) => refundEvents(b.id)),
  ];
  await send(refundPhase);
  return world;
}

/** The end state, with ids replaced by the booking's and mentor's place in the plan. */
async function outcome(world: World) {
  const { t } = world;
  const index = new Map(world.bookings.map((b, i) => [b.id, i]));
  const mentorIndex = new Map(world.markets.map((m, i) => [rawId(m.mentor.id), i]));
  const rows = await t.db.booking.findMany({ where: { id: { in: [...index.keys()] } }, include: { refund: true } });
  const bookings = rows
    .map((r) => ({
      i: index.get(r.id)!,
      status: r.status,
      refund: r.refund ? `${r.refund.reason}:${r.refund.status}` : null,
      paid: r.paidAt !== null,
      captured: r.capturedAt !== null,
      released: r.authorizationReleasedAt !== null,
    }))
    .sort((a, b) => a.i - b.i);
  const audit = await auditLedger(t.db);
  const accounts = audit.accounts
    .map((a) => ({
      // mentor:<id>, mentor-held:<id>, mentor-frozen:<id>, mentor-owed:<id> by the mentor's index.
      code: a.code.replace(/^(mentor(?:-[a-z]+)?):(.+)$/, (_, prefix: string, id: string) => `${prefix}:${mentorIndex.get(id)}`),
      balance: a.balanceCents,
      fromEntries: a.fromEntriesCents,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const transactions = await t.db.ledgerTransaction.groupBy({ by: ["kind"], _count: { _all: true }, orderBy: { kind: "asc" } });
  const emails = (await t.db.emailMessage.findMany({ select: { dedupeKey: true, to: true } }))
    .map((e) => {
      const [template, bookingId, ...rest] = e.dedupeKey.split(":");
      return [template, index.has(bookingId!) ? index.get(bookingId!) : bookingId, ...rest].join(":");
    })
    .sort();
  return {
    bookings,
    ledger: { debitsMinusCredits: audit.debitsMinusCredits, accounts, transactions: transactions.map((x) => `${x.kind}:${x._count._all}`) },
    emails,
    refunds: await t.db.refund.count(),
  };
}

// Each run books, pays and answers BOOKINGS bookings through the API: give it time on a busy machine.
describe("webhook replay", { timeout: 180_000 }, () => {
  let inOrder: Awaited<ReturnType<typeof outcome>>;
  let inOrderDeliveries = 0;

  it("in order: every lifecycle ends where the plan says, and the ledger balances", async () => {
    const world = await play((w) => async (events) => {
      for (const event of events) {
        const response = await w.t.webhook(event);
        expect(response.status).toBe(200);
        w.deliveries += 1;
      }
    });
    const intentStatuses = world.bookings.map((b) => stripe.state.paymentIntents.get(sessionOf(b.id).payment_intent)?.status);
    try {
      inOrder = await outcome(world);
      inOrderDeliveries = world.deliveries;
    } finally {
      await world.t.stop();
    }
    expect(inOrder.bookings.map((b) => ({ status: b.status, refund: b.refund }))).toEqual(
      Array.from({ length: BOOKINGS }, (_, i) => EXPECTED[kindOf(i)]),
    );
    // A held card is captured only on confirmation; a decline, a cancel or a late payment releases it.
    for (const [i, b] of inOrder.bookings.entries()) {
      const kind = kindOf(i);
      expect(b.released, `booking ${i} (${kind}) released`).toBe(RELEASED_KINDS.includes(kind));
      expect(b.captured, `booking ${i} (${kind}) captured`).toBe(["confirm", "complete", ...CAPTURED_AT_CHECKOUT].includes(kind));
      if (RELEASED_KINDS.includes(kind)) expect(intentStatuses[i], `booking ${i} (${kind}) at Stripe`).toBe("canceled");
      if (kind === "pending") expect(intentStatuses[i]).toBe("requires_capture");
      if (kind === "confirm" || kind === "complete") expect(intentStatuses[i]).toBe("succeeded");
    }
    expect(inOrder.ledger.debitsMinusCredits).toBe(0);
    for (const a of inOrder.ledger.accounts) expect(a.balance).toBe(a.fromEntries);
    // Every payment is held until completed (fee + earning) or refunded.
    const count = (kinds: Kind[]) => Array.from({ length: BOOKINGS }, (_, i) => kindOf(i)).filter((k) => kinds.includes(k)).length;
    expect(inOrder.ledger.transactions).toEqual([
      `PAYMENT:${count(["confirm", "complete", ...CAPTURED_AT_CHECKOUT])}`,
      `PLATFORM_FEE:${count(["complete"])}`,
      `MENTOR_EARNING:${count(["complete"])}`,
      `REFUND:${count(CAPTURED_AT_CHECKOUT)}`,
      // COMPLETION_HOLD_HOURS=0 (the harness): each earning is released in the completion's transaction.
      `EARNING_RELEASE:${count(["complete"])}`,
    ]);
    expect(inOrder.refunds).toBe(count(CAPTURED_AT_CHECKOUT));
  });

  it("shuffled, 30% twice, in concurrent batches: the same bookings, refunds, ledger and emails", async () => {
    expect(inOrder).toBeDefined();
    const rand = random(20261124);
    const world = await play((w) => async (events) => {
      const doubled = events.flatMap((e) => (rand() < 0.3 ? [e, e] : [e]));
      const order = shuffle(doubled, rand);
      for (let i = 0; i < order.length; ) {
        const size = 1 + Math.floor(rand() * 8);
        const batch = order.slice(i, i + size);
        i += size;
        const responses = await Promise.all(batch.map((e) => w.t.webhook(e)));
        expect(responses.map((r) => r.status)).toEqual(batch.map(() => 200));
        w.deliveries += batch.length;
      }
    });
    let shuffled: Awaited<ReturnType<typeof outcome>>;
    try {
      shuffled = await outcome(world);
    } finally {
      await world.t.stop();
    }
    expect(world.deliveries).toBeGreaterThan(inOrderDeliveries * 1.2);
    expect(world.deliveries).toBeGreaterThanOrEqual(BOOKINGS * 9);
    expect(shuffled.bookings).toEqual(inOrder.bookings);
    expect(shuffled.ledger).toEqual(inOrder.ledger);
    expect(shuffled.emails).toEqual(inOrder.emails);
    expect(shuffled.refunds).toBe(inOrder.refunds);
  });
});
