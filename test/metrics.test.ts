// GET /metrics: Prometheus metrics for the operator's scraper, only with METRICS_TOKEN and only
// to a request that carries it; the work queues' depths and ages are read at scrape time.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/harness.ts";
import { ADMIN_VARS, marketplace, paidBooking, OPS } from "./support/fixtures.ts";

const TOKEN = "metrics-secret-for-tests";
let t: TestApp;
let closed: TestApp;
beforeAll(async () => {
  [t, closed] = await Promise.all([
    startTestApp({ vars: { ...ADMIN_VARS, METRICS_TOKEN: TOKEN, ALLOW_PRIVATE_WEBHOOK_URLS: "true" } }),
    startTestApp(),
  ]);
});
afterAll(async () => {
  await t?.stop();
  await closed?.stop();
});

const scrape = (app: TestApp, token?: string) =>
  fetch(`${app.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

it("is not served without METRICS_TOKEN, and refuses a scraper without it", async () => {
  const none = await scrape(closed, TOKEN);
  expect(await none.text()).not.toMatch(/mentorship_queue_depth/);
  expect((await scrape(t)).status).toBe(401);
  expect((await scrape(t, "wrong")).status).toBe(401);
});

it("reports GraphQL requests and the queues' depths and ages", async () => {
  const m = await marketplace(t);
  // A partner webhook endpoint nobody answers at: its deliveries wait for their next attempt.
  const endpoint = await t.gql(
    `mutation($url: String!) { createWebhookEndpoint(url: $url, eventTypes: [BOOKING_PAID, BOOKING_DECLINED]) { __typename } }`,
    { url: "http://127.0.0.1:9/hooks" },
    m.mentor.token,
  );
  expect(endpoint.data.createWebhookEndpoint.__typename).toBe("CreateWebhookEndpointSuccess");
  const id = await paidBooking(t, m); // queues the mentor's new-request email
  await t.gql(OPS.declineBooking, { id, reason: "Busy" }, m.mentor.token);
  const response = await scrape(t, TOKEN);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/text\/plain/);
  const text = await response.text();
  const pending = Number(text.match(/mentorship_queue_depth\{queue="email_outbox"\} (\d+)/)?.[1]);
  expect(pending).toBe(await t.db.emailMessage.count({ where: { status: "PENDING" } }));
  expect(pending).toBeGreaterThan(0);
  expect(text).toMatch(/mentorship_queue_oldest_seconds\{queue="email_outbox"\} [\d.]+/);
  expect(text).toMatch(/mentorship_queue_depth\{queue="payout_pending"\} 0/);
  const deliveries = Number(text.match(/mentorship_queue_depth\{queue="webhook_delivery_pending"\} (\d+)/)?.[1]);
  expect(deliveries).toBe(await t.db.webhookDelivery.count({ where: { status: "PENDING" } }));
  expect(deliveries).toBeGreaterThanOrEqual(2); // booking.paid and booking.declined
  expect(text).toMatch(/mentorship_queue_depth\{queue="webhook_delivery_failed"\} 0/);
  expect(text).toMatch(/graphql_envelop_request_duration/);
  expect(text).toMatch(/process_cpu_seconds_total/);
});
