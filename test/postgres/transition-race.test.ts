// A transition that loses the race for a booking's row lock to another transition (real
// concurrency needs PostgreSQL: PGlite runs one transaction at a time). The loser reads the
// booking again: if its action is still allowed from the new status, it goes ahead from there.
import { afterAll, beforeAll, expect, it } from "vitest";
import pg from "pg";
import { sleep, startTestApp } from "../support/harness.ts";
import { ADMIN_VARS, checkoutCompleted, marketplace, OPS, rawId, requestBooking } from "../support/fixtures.ts";

let t: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  t = await startTestApp({ vars: ADMIN_VARS });
});
afterAll(() => t?.stop());

async function waitersOn(client: pg.Client): Promise<number> {
  const r = await client.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`);
  return r.rows[0].n as number;
}

it("a cancel that waited behind the payment cancels the now-paid booking, with its refund", async () => {
  const m = await marketplace(t, 4100);
  const { booking } = await requestBooking(t, m.mentee.token, m.sessionTypeId);
  const id = rawId(booking.id);

  // Hold the booking's row so that both transitions read AWAITING_PAYMENT and queue for it:
  // the payment first, then the cancel.
  const holder = new pg.Client({ connectionString: t.testDb.url });
  await holder.connect();
  const observer = new pg.Client({ connectionString: t.testDb.url });
  await observer.connect();
  try {
    await holder.query("BEGIN");
    await holder.query(`SELECT id FROM "Booking" WHERE id = $1 FOR UPDATE`, [id]);
    const payment = t.webhook(checkoutCompleted(booking.id, m.priceCents));
    while ((await waitersOn(observer)) < 1) await sleep(20);
    const cancel = t.gql(OPS.cancelBooking, { id: booking.id }, m.mentee.token);
    while ((await waitersOn(observer)) < 2) await sleep(20);
    await holder.query("COMMIT");

    expect((await payment).status).toBe(200);
    const cancelled = (await cancel).data.cancelBooking;
    expect(cancelled).toMatchObject({ __typename: "CancelBookingSuccess", booking: { status: "CANCELLED" } });
  } finally {
    await holder.end();
    await observer.end();
  }
  await t.app.services.settled();
  const row = await t.db.booking.findUniqueOrThrow({ where: { id }, include: { refund: true, events: { orderBy: { sequence: "asc" } } } });
  expect(row.events.map((e) => e.toStatus)).toEqual(["AWAITING_PAYMENT", "PENDING", "CANCELLED"]);
  expect(row.refund).toMatchObject({ reason: "CANCELLED", status: "SUCCEEDED", amountCents: 4100 });
});
