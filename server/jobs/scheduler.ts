// Runs every RecurringTask (server/jobs/registry.ts) periodically.
//
// PostgreSQL: through graphile-worker. Each task is a graphile task whose job reschedules
// itself at now + intervalMs under a job key equal to the task name (jobKeyMode
// "preserve_run_at"), so across all instances there is exactly one scheduled job per task
// and one worker runs it at a time. Every instance adds the job at start; an existing job keeps
// its run_at. Failures are logged and never retried by graphile (the next run is the retry).
//
// PGlite (embedded, single process): the same tasks on in-process timers; a task's next run
// is timed from the end of the previous one, so runs never overlap.
import pg from "pg";
import { Logger, run, runMigrations, type Runner, type TaskList } from "graphile-worker";
import type { Services } from "../services.ts";
import type { RecurringTask } from "./task.ts";

export interface Scheduler {
  readonly kind: "graphile-worker" | "in-process";
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  tasks: RecurringTask[];
  /** PostgreSQL URL: graphile-worker. Absent: in-process timers (PGlite). */
  connectionString?: string;
  log?: (line: string) => void;
  /** graphile-worker's poll interval for due jobs (ms). */
  pollIntervalMs?: number;
}

const defaultLog = (line: string) => console.log(line);

async function runOnce(task: RecurringTask, services: Services, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  try {
    const report = await task.run(services, (line) => log(`[${task.name}] ${line}`));
    log(`[${task.name}] ${report.summary} (${Date.now() - started} ms)`);
  } catch (error) {
    console.error(`[${task.name}] failed:`, error);
  }
}

export async function startScheduler(services: Services, options: SchedulerOptions): Promise<Scheduler> {
  const log = options.log ?? defaultLog;
  return options.connectionString
    ? startGraphileScheduler(services, options.connectionString, options.tasks, log, options.pollIntervalMs ?? 2000)
    : startInProcessScheduler(services, options.tasks, log);
}

function startInProcessScheduler(services: Services, tasks: RecurringTask[], log: (line: string) => void): Scheduler {
  let stopped = false;
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  const schedule = (task: RecurringTask) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      const current = runOnce(task, services, log).finally(() => {
        running.delete(current);
        schedule(task);
      });
      running.add(current);
    }, task.intervalMs(services.env));
    timer.unref();
    timers.set(task.name, timer);
  };
  tasks.forEach(schedule);
  return {
    kind: "in-process",
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      await Promise.all([...running]);
    },
  };
}

const nextRun = (task: RecurringTask, services: Services) => new Date(Date.now() + task.intervalMs(services.env));

/**
 * graphile-worker installs its schema on first start, but two instances starting at once on a
 * fresh database race on CREATE SCHEMA; an advisory lock makes them take turns.
 */
async function migrateGraphileWorker(connectionString: string, logger: Logger): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('graphile_worker:migrate'))");
    await runMigrations({ connectionString, logger });
  } finally {
    await client.end(); // also releases the lock
  }
}

async function startGraphileScheduler(
  services: Services,
  connectionString: string,
  tasks: RecurringTask[],
  log: (line: string) => void,
  pollInterval: number,
): Promise<Scheduler> {
  const spec = (task: RecurringTask) => ({
    jobKey: task.name,
    jobKeyMode: "preserve_run_at" as const,
    maxAttempts: 1,
    runAt: nextRun(task, services),
  });
  const taskList: TaskList = {};
  for (const task of tasks) {
    taskList[task.name] = async (_payload, helpers) => {
      try {
        await runOnce(task, services, log);
      } finally {
        // Replaces the key on this (locked) job with a new job at now + interval.
        await helpers.addJob(task.name, {}, { ...spec(task), jobKeyMode: "replace" });
      }
    };
  }
  const quiet = new Logger(() => (level, message) => {
    if (level === "error" || level === "warning") console.error(`graphile-worker: ${message}`);
  });
  await migrateGraphileWorker(connectionString, quiet);
  const runner: Runner = await run({
    connectionString,
    taskList,
    concurrency: Math.max(1, tasks.length),
    noHandleSignals: true,
    pollInterval,
    logger: quiet,
  });
  for (const task of tasks) await runner.addJob(task.name, {}, spec(task));
  return {
    kind: "graphile-worker",
    async stop() {
      await runner.stop();
    },
  };
}
