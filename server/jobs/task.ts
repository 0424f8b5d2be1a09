// A recurring background task: the expiry of unanswered bookings, refund retries, payouts.
// The scheduler (server/jobs) runs each one on PostgreSQL through the job engine and on the
// embedded database in-process; `run` must be safe when two runs overlap or a run dies.
import type { Services } from "../services.ts";

export interface TaskReport {
  /** One line for logs and `npm run payouts`: what the run did. */
  summary: string;
  /** Nothing was there to do: the scheduler does not log such runs (the retry task runs every minute). */
  idle?: boolean;
}

export interface RecurringTask {
  name: string;
  /** How often it runs, from configuration. */
  intervalMs(env: Services["env"]): number;
  run(services: Services, log: (line: string) => void): Promise<TaskReport>;
}
