// Helpers for the scheduler tests (in-process here, graphile-worker in test/postgres/).
import type { RecurringTask } from "../../server/jobs/task.ts";
import { sleep } from "./harness.ts";

/** A task that records when each run starts and ends. */
export function recordingTask(name: string, intervalMs: number, workMs: number) {
  const runs: Array<{ start: number; end: number }> = [];
  let active = 0;
  let maxActive = 0;
  const task: RecurringTask = {
    name,
    intervalMs: () => intervalMs,
    async run() {
      active += 1;
      maxActive = Math.max(maxActive, active);
      const start = Date.now();
      await sleep(workMs);
      active -= 1;
      runs.push({ start, end: Date.now() });
      return { summary: "ok" };
    },
  };
  return { task, runs, maxActive: () => maxActive };
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(50);
  }
}
