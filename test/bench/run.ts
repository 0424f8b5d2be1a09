// npm run bench: throughput and memory of the paths that matter, on the embedded database
// (or TEST_DATABASE_URL). Prints one line per measurement; compare runs on the same machine.
import { performance } from "node:perf_hooks";
import { startTestApp } from "../support/harness.ts";
import { ADMIN_VARS, checkoutCompleted, marketplace, OPS, requestBooking } from "../support/fixtures.ts";

const DASHBOARD = `{ bookings(first: 20) { edges { node { id status title price { formatted }
  mentee { name } sessionType { title } session { meetingLink } history { toStatus createdAt } } } } }`;

async function measure(name: string, count: number, concurrency: number, fn: (i: number) => Promise<unknown>) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await fn(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(`${name.padEnd(44)} ${String(count).padStart(5)} ops  ${(count / seconds).toFixed(1).padStart(8)} ops/s`);
}

const t = await startTestApp({ vars: ADMIN_VARS });
try {
  const m = await marketplace(t);
  const requested: string[] = [];
  await measure("requestBooking (mentee, HTTP)", 200, 8, async () => {
    requested.push((await requestBooking(t, m.mentee.token, m.sessionTypeId)).booking.id);
  });
  await measure("signed webhook: payment confirmed", 200, 8, async (i) => {
    const response = await t.webhook(checkoutCompleted(requested[i]!, m.priceCents));
    if (!response.ok) throw new Error(`webhook ${response.status}`);
  });
  await measure("confirmBooking (mentor, HTTP)", 200, 8, async (i) => {
    const result = await t.gql(OPS.confirmBooking, { id: requested[i] }, m.mentor.token);
    if (result.data.confirmBooking.__typename !== "ConfirmBookingSuccess") throw new Error("confirm failed");
  });
  await measure("mentor dashboard page (20 bookings, nested)", 500, 8, async () => {
    const result = await t.gql(DASHBOARD, {}, m.mentor.token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
  });
  const memory = process.memoryUsage();
  console.log(`memory: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`);
} finally {
  await t.stop();
}
