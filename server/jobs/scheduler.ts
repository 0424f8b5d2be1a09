// Runs every RecurringTask (server/tasks.ts) periodically.
//
// PostgreSQL: through graphile-worker. Each task is a graphile task whose job reschedules
// itself at now + intervalMs under a job key equal to the task name (jobKeyMode
// "preserve_run_at"), so across all instances there is exactly one scheduled job per task
// and one worker runs it at a time. A job schedules its successor before it runs the task, so
// an instance that dies mid-run leaves the next run scheduled (tasks are safe to overlap).
// Every instance adds the job at start; an existing job keeps its run_at. Failures are logged
// and never retried by graphile (the next run is the retry).
//
// Why not graphile-worker's crontab: its slots are whole minutes of the wall clock, while a
// task's interval here is configuration (PAYOUT_INTERVAL_MINUTES goes from 1 to 10,080, which
// cron cannot express in general, e.g. 90) and tests run tasks every 200 ms; the job key gives
// the same one-job-per-task guarantee across instances that the crontab's known_crontabs does.
//
// PGlite (embedded, single process): the same tasks on in-process timers; a task's next run
// is timed from the end of the previous one, so runs never overlap.
//
// The first run comes soon after start (FIRST_RUN_DELAY_MS), not a whole interval later, so
// work that came due while nothing was running (payouts, expiries) is not held back.
import pg from "pg";
import { Logger, run, runMigrations, type Runner, type TaskList } from "graphile-worker";
import type { Services } from "../services.ts";
import type { RecurringTask } from "./task.ts";
import { logger, errorFields } from "../log.ts";

export interface Scheduler {
  readonly kind: "graphile-worker" | "in-process";
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  tasks: RecurringTask[];
  /** PostgreSQL URL: graphile-worker. Absent: in-process timers (PGlite). */
  connectionString?: string;
  log?: (line: string) => void;
  /** Delay of each task's first run after start (default FIRST_RUN_DELAY_MS, at most its interval). */
  firstRunDelayMs?: number;
  /** graphile-worker's poll interval for due jobs (ms). */
  pollIntervalMs?: number;
}

const defaultLog = (line: string) => logger.info(line);

export const FIRST_RUN_DELAY_MS = 5_000;

/** graphile-worker's own default: one connection per concurrent job, its LISTEN client, and spare. */
const GRAPHILE_POOL_SIZE = 10;

const firstDelay = (task: RecurringTask, services: Services, delayMs = FIRST_RUN_DELAY_MS) =>
  Math.min(task.intervalMs(services.env), delayMs);

async function runOnce(task: RecurringTask, services: Services, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  try {
    const report = await task.run(services, (line) => log(`[${task.name}] ${line}`));
    if (!report.idle) log(`[${task.name}] ${report.summary} (${Date.now() - started} ms)`);
  } catch (error) {
    logger.error({ task: task.name, ...errorFields(error) }, `task ${task.name} failed`);
  }
}

export async function startScheduler(services: Services, options: SchedulerOptions): Promise<Scheduler> {
  const log = options.log ?? defaultLog;
  return options.connectionString
    ? startGraphileScheduler(
        services,
        options.connectionString,
        options.tasks,
        log,
        options.pollIntervalMs ?? 2000,
        options.firstRunDelayMs,
      )
    : startInProcessScheduler(services, options.tasks, log, options.firstRunDelayMs);
}

function startInProcessScheduler(
  services: Services,
  tasks: RecurringTask[],
  log: (line: string) => void,
  firstRunDelayMs?: number,
): Scheduler {
  let stopped = false;
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  const schedule = (task: RecurringTask, delayMs = task.intervalMs(services.env)) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      const current = runOnce(task, services, log).finally(() => {
        running.delete(current);
        schedule(task);
      });
      running.add(current);
    }, delayMs);
    timer.unref();
    timers.set(task.name, timer);
  };
  for (const task of tasks) schedule(task, firstDelay(task, services, firstRunDelayMs));
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
  // A connection the server closes mid-query rejects that query (and so the start); without a
  // listener the same loss would also be thrown as an uncaught 'error' event.
  client.on("error", (error) => logger.warn(`scheduler migration connection lost: ${error.message}`));
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
  firstRunDelayMs?: number,
): Promise<Scheduler> {
  const spec = (task: RecurringTask, runAt = nextRun(task, services)) => ({
    jobKey: task.name,
    jobKeyMode: "preserve_run_at" as const,
    maxAttempts: 1,
    runAt,
  });
  const taskList: TaskList = {};
  for (const task of tasks) {
    taskList[task.name] = async (_payload, helpers) => {
      // First the successor: the key moves from this (locked) job to a new one at now + interval.
      await helpers.addJob(task.name, {}, { ...spec(task), jobKeyMode: "replace" });
      await runOnce(task, services, log);
    };
  }
  const quiet = new Logger(() => (level, message) => {
    if (level === "error" || level === "warning") logger.error({ component: "graphile-worker" }, message);
  });
  await migrateGraphileWorker(connectionString, quiet);
  // Our own pool rather than graphile-worker's: when graphile-worker owns the pool, its stop()
  // removes the pool's error listener and then ends the pool without waiting. A connection the
  // server closes in that window (a restart, a dropped database) emits 'error' with nobody
  // listening, which is an uncaught exception. Here the listener stays for the pool's whole life
  // and stop() returns only once every connection is closed.
  const pool = new pg.Pool({ connectionString, max: GRAPHILE_POOL_SIZE, application_name: "graphile-worker" });
  pool.on("error", (error) => logger.warn({ component: "graphile-worker", ...errorFields(error) }, "idle scheduler connection lost"));
  let runner: Runner;
  try {
    runner = await run({
      pgPool: pool,
      taskList,
      concurrency: Math.max(1, tasks.length),
      noHandleSignals: true,
      pollInterval,
      logger: quiet,
    });
  } catch (error) {
    await pool.end();
    throw error;
  }
  const stop = async () => {
    try {
      await runner.stop();
    } finally {
      await pool.end();
    }
  };
  try {
    for (const task of tasks) {
      await runner.addJob(task.name, {}, spec(task, new Date(Date.now() + firstDelay(task, services, firstRunDelayMs))));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { kind: "graphile-worker", stop };
}
