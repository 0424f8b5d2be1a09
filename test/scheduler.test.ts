// The recurring-task scheduler in-process (PGlite): runs never overlap and stop waits for the
// running one. The graphile-worker scheduler on PostgreSQL is tested in test/postgres/.
import { afterAll, describe, expect, it } from "vitest";
import { startScheduler } from "../server/jobs/scheduler.ts";
import { recurringTasks } from "../server/tasks.ts";
import { payoutsTask } from "../server/payouts/task.ts";
import { sleep, startTestApp } from "./support/harness.ts";
import { recordingTask, waitFor } from "./support/scheduler-fixtures.ts";

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

it("registers the payouts task, every PAYOUT_INTERVAL_MINUTES", async () => {
  expect(recurringTasks.map((task) => task.name)).toContain("payouts");
  expect(payoutsTask.intervalMs({ payoutIntervalMinutes: 15 } as never)).toBe(15 * 60_000);
});

describe("in-process scheduler (PGlite)", () => {
  it("runs each task repeatedly, never overlapping, and stop() waits for the running one", async () => {
    const t = await startTestApp({ scheduler: false });
    cleanup.push(() => t.stop());
    const recorder = recordingTask("recording", 20, 60);
    const scheduler = await startScheduler(t.app.services, { tasks: [recorder.task], log: () => undefined });
    expect(scheduler.kind).toBe("in-process");
    await waitFor(() => recorder.runs.length >= 3);
    await scheduler.stop();
    const count = recorder.runs.length;
    expect(recorder.maxActive()).toBe(1);
    for (let i = 1; i < recorder.runs.length; i += 1) expect(recorder.runs[i]!.start).toBeGreaterThanOrEqual(recorder.runs[i - 1]!.end);
    await sleep(150);
    expect(recorder.runs.length).toBe(count);
  });

  it("runs a task soon after start, not a whole interval later", async () => {
    const t = await startTestApp({ scheduler: false });
    cleanup.push(() => t.stop());
    const hourly = recordingTask("hourly", 3_600_000, 0);
    const started = Date.now();
    const scheduler = await startScheduler(t.app.services, { tasks: [hourly.task], firstRunDelayMs: 100, log: () => undefined });
    await waitFor(() => hourly.runs.length === 1, 5_000);
    await scheduler.stop();
    expect(hourly.runs[0]!.start - started).toBeGreaterThanOrEqual(90);
  });

  it("logs the runs that did something, not the idle ones", async () => {
    const t = await startTestApp({ scheduler: false });
    cleanup.push(() => t.stop());
    let runs = 0;
    const lines: string[] = [];
    const scheduler = await startScheduler(t.app.services, {
      tasks: [{ name: "sometimes", intervalMs: () => 10, run: async () => ({ summary: `run ${++runs}`, idle: runs % 2 === 1 }) }],
      firstRunDelayMs: 0,
      log: (line) => lines.push(line),
    });
    await waitFor(() => runs >= 4);
    await scheduler.stop();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      const [, run] = line.match(/^\[sometimes\] run (\d+) \(\d+ ms\)$/) ?? [];
      expect(Number(run) % 2, line).toBe(0); // odd runs were idle
    }
  });
});
