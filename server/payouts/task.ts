// The payout cycle as a recurring task (every PAYOUT_INTERVAL_MINUTES).
import type { RecurringTask } from "../jobs/task.ts";
import { describeSummary, runPayoutCycle } from "./cycle.ts";

export const payoutsTask: RecurringTask = {
  name: "payouts",
  intervalMs: (env) => env.payoutIntervalMinutes * 60_000,
  async run(services, log) {
    const summary = await runPayoutCycle(services, { log });
    return {
      summary: describeSummary(summary),
      idle: summary.paid + summary.failed + summary.skipped + summary.pending + summary.deferred === 0,
    };
  },
};
