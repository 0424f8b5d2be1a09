// Prometheus metrics at /metrics, for an operator's scraper only: served when METRICS_TOKEN is
// set, to requests carrying `Authorization: Bearer <METRICS_TOKEN>` (otherwise the route does
// not exist). GraphQL request, phase and error metrics come from @graphql-yoga/plugin-prometheus;
// the work queues are read from the database at scrape time: emails waiting in the outbox,
// refunds not yet made, payouts not yet settled, partner webhook deliveries not yet made, and
// Stripe events that could not be read, each with the age of its oldest entry, plus the emails,
// refunds and webhook deliveries that failed for good.
import { timingSafeEqual } from "node:crypto";
import { Gauge, Registry, collectDefaultMetrics } from "prom-client";
import { usePrometheus } from "@graphql-yoga/plugin-prometheus";
import type { Plugin } from "graphql-yoga";
import type { Db } from "../db/client.ts";

export const METRICS_PATH = "/metrics";

interface QueueRow {
  queue: string;
  depth: bigint;
  oldest_seconds: number | null;
}

async function queues(db: Db): Promise<QueueRow[]> {
  return db.$queryRaw<QueueRow[]>`
    SELECT 'email_outbox' AS queue, count(*) AS depth, EXTRACT(EPOCH FROM now() - min("createdAt"))::float8 AS oldest_seconds
      FROM "EmailMessage" WHERE status = 'PENDING'
    UNION ALL
    SELECT 'email_failed', count(*), EXTRACT(EPOCH FROM now() - min("failedAt"))::float8 FROM "EmailMessage" WHERE status = 'FAILED'
    UNION ALL
    SELECT 'refund_pending', count(*), EXTRACT(EPOCH FROM now() - min("createdAt"))::float8 FROM "Refund" WHERE status = 'PENDING'
    UNION ALL
    SELECT 'refund_failed', count(*), EXTRACT(EPOCH FROM now() - min("failedAt"))::float8 FROM "Refund" WHERE status = 'FAILED'
    UNION ALL
    SELECT 'payout_pending', count(*), EXTRACT(EPOCH FROM now() - min("createdAt"))::float8 FROM "Payout" WHERE status = 'PENDING'
    UNION ALL
    SELECT 'webhook_delivery_pending', count(*), EXTRACT(EPOCH FROM now() - min("createdAt"))::float8
      FROM "WebhookDelivery" WHERE status = 'PENDING'
    UNION ALL
    SELECT 'webhook_delivery_failed', count(*), EXTRACT(EPOCH FROM now() - min("failedAt"))::float8
      FROM "WebhookDelivery" WHERE status = 'FAILED'
    UNION ALL
    SELECT 'webhook_unreadable', count(*), EXTRACT(EPOCH FROM now() - min("receivedAt"))::float8 FROM "UnreadableStripeEvent"`;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The metrics plugins, or none when no METRICS_TOKEN is configured. */
export function useMetrics(db: Db, token: string | undefined): Plugin[] {
  if (!token) return [];
  // One registry per app, so that several apps in one process (tests) do not collide.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const depth = new Gauge({
    name: "mentorship_queue_depth",
    help: "Entries waiting in a work queue, or failed for good (…_failed)",
    labelNames: ["queue"],
    registers: [registry],
  });
  const age = new Gauge({
    name: "mentorship_queue_oldest_seconds",
    help: "Age of the oldest entry of a work queue (0 when empty)",
    labelNames: ["queue"],
    registers: [registry],
  });
  let reading: Promise<void> | undefined;
  const read = () =>
    (reading ??= queues(db)
      .then((rows) => {
        for (const row of rows) {
          depth.set({ queue: row.queue }, Number(row.depth));
          age.set({ queue: row.queue }, row.oldest_seconds ?? 0);
        }
      })
      .finally(() => (reading = undefined)));

  return [
    usePrometheus({ registry, endpoint: false, labels: { method: true, statusCode: true, url: false } }) as Plugin,
    {
      async onRequest({ request, url, endResponse }) {
        if (url.pathname !== METRICS_PATH) return;
        const given = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? "";
        if (!sameSecret(given, token)) {
          return endResponse(new Response("Unauthorized.\n", { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"' } }));
        }
        await read();
        endResponse(
          new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } }),
        );
      },
    },
  ];
}
