// Webhook history is kept for WEBHOOK_EVENT_RETENTION_DAYS (default 30): how far back
// `webhookEvents(after:)` lets a partner catch up, and how far back an endpoint's delivery log
// reaches. Older deliveries that are over (SUCCEEDED, FAILED or WITHHELD) are deleted with their attempts,
// then older events none of whose deliveries is pending or recent. A PENDING delivery (a retry
// still to come, or one held while its endpoint is turned off) is never deleted, nor its event,
// whatever its age. Deletes run in batches so no statement holds many rows for long.
import type { Db } from "../db/client.ts";

export const WEBHOOK_RETENTION_BATCH = 1000;

export interface RetentionReport {
  deliveries: number;
  events: number;
}

export async function pruneWebhookHistory(
  db: Db,
  options: { retentionDays: number; now?: Date; batchSize?: number },
): Promise<RetentionReport> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - options.retentionDays * 86_400_000);
  const batch = options.batchSize ?? WEBHOOK_RETENTION_BATCH;
  const report: RetentionReport = { deliveries: 0, events: 0 };
  // WebhookAttempt rows go with their delivery (ON DELETE CASCADE).
  for (;;) {
    const deleted = await db.$executeRaw`
      DELETE FROM "WebhookDelivery" WHERE id IN (
        SELECT id FROM "WebhookDelivery"
        WHERE status <> 'PENDING' AND "createdAt" < ${cutoff}
        LIMIT ${batch})`;
    report.deliveries += deleted;
    if (deleted < batch) break;
  }
  // An event stays while any delivery of it is pending or recent (a redelivery asked for today).
  for (;;) {
    const deleted = await db.$executeRaw`
      DELETE FROM "WebhookEvent" WHERE id IN (
        SELECT e.id FROM "WebhookEvent" e
        WHERE e."createdAt" < ${cutoff}
          AND NOT EXISTS (
            SELECT 1 FROM "WebhookDelivery" d
            WHERE d."eventId" = e.id AND (d.status = 'PENDING' OR d."createdAt" >= ${cutoff}))
        LIMIT ${batch})`;
    report.events += deleted;
    if (deleted < batch) break;
  }
  return report;
}
