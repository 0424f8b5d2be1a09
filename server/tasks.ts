// Every recurring task the scheduler runs. Add a task here with one line.
import type { RecurringTask } from "./jobs/task.ts";
import { payoutsTask } from "./payouts/task.ts";
import { bookingTasks } from "./bookings/booking-jobs.ts";
import { reconcileTask } from "./reconcile/task.ts";
import { webhooksTask } from "./webhooks/task.ts";
import { webhookRetentionTask } from "./webhooks/retention-task.ts";

export const recurringTasks: RecurringTask[] = [payoutsTask, ...bookingTasks, reconcileTask, webhooksTask, webhookRetentionTask];
