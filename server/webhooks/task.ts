// The recurring task that sends the webhook outbox (server/jobs: a graphile-worker job on
// PostgreSQL, in-process timers on the embedded database).
import type { RecurringTask } from "../jobs/task.ts";
import { deliverDueWebhooks } from "./delivery.ts";

export const WEBHOOK_INTERVAL_MS = 1000;

export const webhooksTask: RecurringTask = {
  name: "deliver-webhooks",
  intervalMs: () => WEBHOOK_INTERVAL_MS,
  async run(services) {
    const report = await deliverDueWebhooks(services.db, {
      allowPrivate: services.env.allowPrivateWebhookUrls,
      publicUrl: services.env.publicUrl,
    });
    return { summary: `${report.succeeded} of ${report.attempted} webhook deliveries succeeded`, idle: report.attempted === 0 };
  },
};
