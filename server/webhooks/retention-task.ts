// The recurring task that deletes webhook history older than WEBHOOK_EVENT_RETENTION_DAYS
// (server/webhooks/retention.ts): hourly, so each run has little to do.
import type { RecurringTask } from "../jobs/task.ts";
import { pruneWebhookHistory } from "./retention.ts";

export const WEBHOOK_RETENTION_INTERVAL_MS = 3600_000;

export const webhookRetentionTask: RecurringTask = {
  name: "prune-webhook-history",
  intervalMs: () => WEBHOOK_RETENTION_INTERVAL_MS,
  async run(services) {
    const report = await pruneWebhookHistory(services.db, { retentionDays: services.env.webhookEventRetentionDays });
    return {
      summary: `deleted ${report.events} webhook events and ${report.deliveries} deliveries older than ${services.env.webhookEventRetentionDays} days`,
      idle: report.events === 0 && report.deliveries === 0,
    };
  },
};
