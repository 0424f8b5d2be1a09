// Reconciliation as a recurring task: once a day, the last 24 hours (plus an hour of overlap, so
// a late run leaves no gap). Each divergence is logged as one `RECONCILIATION DIVERGENCE: ...`
// line for alerting, with its kind and the booking, payout and Stripe ids as fields; the run is stored for admins (query latestReconciliation).
import type { RecurringTask } from "../jobs/task.ts";
import { describeDivergence, describeReconciliation, reconcile } from "./reconcile.ts";
import { logger } from "../log.ts";

export const RECONCILE_INTERVAL_MS = 24 * 3600_000;

export const reconcileTask: RecurringTask = {
  name: "reconcile",
  intervalMs: () => RECONCILE_INTERVAL_MS,
  async run(services, report) {
    const to = new Date();
    const result = await reconcile(services, { from: new Date(to.getTime() - RECONCILE_INTERVAL_MS - 3600_000), to });
    for (const divergence of result.divergences) {
      const { kind, bookingId, payoutId, stripeId } = divergence;
      logger.alert({ kind, bookingId, payoutId, stripeId }, `RECONCILIATION DIVERGENCE: ${describeDivergence(divergence)}`);
    }
    if (result.divergences.length > 0) report(describeReconciliation(result));
    return { summary: describeReconciliation(result), idle: result.skipped || result.divergences.length === 0 };
  },
};
