// WEB_CONCURRENCY > 1: `npm start` runs that many server processes on one port (node:cluster;
// the primary hands each new connection to a worker in turn). A Node process runs JavaScript on
// one core, so one process cannot use a host's others. Each worker is a full instance, as two
// hosts' would be: PostgreSQL and Redis (required, env.ts) carry what instances share (live
// updates, revoked tokens, limits, migrations under a lock, the scheduler's jobs). The primary
// only supervises: it starts the workers, starts a new one when one dies, and on SIGTERM or
// SIGINT passes the signal on and waits for them to finish their requests.
import cluster, { type Worker } from "node:cluster";
import { logger } from "./log.ts";

/** Restarts allowed within RESTART_WINDOW_MS before the primary gives up (a crash loop). */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
/** How long a worker that was told to stop may take before it is killed. */
const STOP_GRACE_MS = 30_000;

export function isClusterPrimary(webConcurrency: number): boolean {
  return webConcurrency > 1 && cluster.isPrimary;
}

/** Runs `count` workers (this same program) until SIGTERM or SIGINT; resolves to the exit code. */
export function superviseWorkers(count: number): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    let exitCode = 0;
    const restarts: number[] = [];
    const start = () => {
      const worker = cluster.fork();
      logger.info({ worker: worker.id, pid: worker.process.pid }, "worker started");
    };
    cluster.on("exit", (worker: Worker, code, signal) => {
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) resolve(exitCode);
        return;
      }
      const now = Date.now();
      restarts.push(now);
      while (restarts.length > 0 && restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length > MAX_RESTARTS) {
        logger.alert({ worker: worker.id, code, signal }, `workers keep dying (${restarts.length} in a minute); stopping`);
        exitCode = 1;
        stop("crash loop");
        return;
      }
      logger.error({ worker: worker.id, pid: worker.process.pid, code, signal }, "worker died; starting another");
      start();
    });
    const stop = (reason: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ reason }, "stopping workers");
      const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
      if (workers.length === 0) resolve(exitCode);
      for (const worker of workers) {
        worker.process.kill("SIGTERM");
        setTimeout(() => worker.process.kill("SIGKILL"), STOP_GRACE_MS).unref();
      }
    };
    process.on("SIGINT", () => stop("SIGINT"));
    process.on("SIGTERM", () => stop("SIGTERM"));
    for (let i = 0; i < count; i++) start();
  });
}

/** Whether this process prints what a person starting the server reads (one process does). */
export const isFirstProcess = (): boolean => cluster.isPrimary || cluster.worker?.id === 1;
