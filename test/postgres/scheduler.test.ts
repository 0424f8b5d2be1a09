// The graphile-worker scheduler on PostgreSQL (TEST_DATABASE_URL): two instances keep exactly
// one scheduled job per task, runs never overlap across them, and the real payouts task pays a
// mentor through it.
import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { startScheduler } from "../../server/jobs/scheduler.ts";
import type { RecurringTask } from "../../server/jobs/task.ts";
import { recurringTasks } from "../../server/tasks.ts";
import { payoutsTask } from "../../server/payouts/task.ts";
import { startTestApp, type TestApp } from "../support/harness.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { createMentor, creditEarning } from "../support/payout-fixtures.ts";
import { accountBalance, mentorAccount } from "../../server/ledger/ledger.ts";
import { recordingTask, waitFor } from "../support/scheduler-fixtures.ts";

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

describe("graphile-worker scheduler (PostgreSQL)", () => {
  let shared: TestDatabase;
  let t: TestApp;

  async function jobsWithKey(key: string, url = shared.url): Promise<number> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const result = await client.query(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = $1`, [key]);
      return result.rows[0].n as number;
    } finally {
      await client.end();
    }
  }

  async function schedulerConnections(): Promise<number> {
    const client = new pg.Client({ connectionString: shared.url });
    await client.connect();
    try {
      const result = await client.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'graphile-worker'`,
      );
      return result.rows[0].n as number;
    } finally {
      await client.end();
    }
  }

  it("two instances keep one scheduled job per task and never run it twice at once", async () => {
    shared = await createTestDatabase();
    cleanup.push(() => shared.drop());
    t = await startTestApp({ shared, scheduler: false });
    cleanup.push(() => t.stop());

    const recorder = recordingTask("recording", 200, 150);
    const [a, b] = await Promise.all(
      [0, 1].map(() =>
        startScheduler(t.app.services, { tasks: [recorder.task], connectionString: shared.url, pollIntervalMs: 50, log: () => undefined }),
      ),
    );
    expect(a!.kind).toBe("graphile-worker");
    expect(await jobsWithKey("recording")).toBe(1);
    await waitFor(() => recorder.runs.length >= 3);
    expect(recorder.maxActive()).toBe(1);
    expect(await jobsWithKey("recording")).toBe(1);
    expect(await schedulerConnections()).toBeGreaterThanOrEqual(2); // each instance LISTENs
    await Promise.all([a!.stop(), b!.stop()]);
    expect(await jobsWithKey("recording")).toBe(1);
    // stop() returns once its connections are closed: a database dropped or restarted right
    // after cannot reach a connection whose error nobody listens for any more.
    expect(await schedulerConnections()).toBe(0);
  });

  it("schedules the next run before running a task, so a worker dying mid-run loses nothing", async () => {
    const seen: number[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const task: RecurringTask = {
      name: "long-running",
      intervalMs: () => 60_000,
      async run() {
        // While this run is in progress (and its job locked), the successor already waits.
        const client = new pg.Client({ connectionString: shared.url });
        await client.connect();
        try {
          const result = await client.query(
            `SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = 'long-running' AND locked_at IS NULL AND run_at > now() + interval '50 seconds'`,
          );
          seen.push(result.rows[0].n as number);
        } finally {
          await client.end();
        }
        await held;
        return { summary: "done" };
      },
    };
    const scheduler = await startScheduler(t.app.services, {
      tasks: [task],
      connectionString: shared.url,
      pollIntervalMs: 50,
      firstRunDelayMs: 0,
      log: () => undefined,
    });
    try {
      await waitFor(() => seen.length === 1);
      expect(seen).toEqual([1]);
    } finally {
      release();
      await scheduler.stop();
    }
  });

  it("runs the payouts task through graphile-worker", async () => {
    const mentor = await createMentor(t.db);
    await t.db.mentorProfile.update({
      where: { userId: mentor.id },
      data: { stripeAccountId: `acct_sim_${mentor.id.replace(/-/g, "")}`, payoutsEnabled: true },
    });
    await creditEarning(t.db, mentor.id, 1700);
    const lines: string[] = [];
    const scheduler = await startScheduler(t.app.services, {
      tasks: [{ ...payoutsTask, intervalMs: () => 100 }],
      connectionString: shared.url,
      pollIntervalMs: 50,
      log: (line) => lines.push(line),
    });
    try {
      await waitFor(async () => (await t.db.payout.count({ where: { mentorId: mentor.id, status: "PAID" } })) === 1);
      expect(await accountBalance(t.db, mentorAccount(mentor.id))).toBe(0);
      await waitFor(() => lines.some((l) => l.startsWith("[payouts] paid 1")));
    } finally {
      await scheduler.stop();
    }
    expect(await t.db.payout.count({ where: { mentorId: mentor.id } })).toBe(1);
  });

  it("buildApp schedules every registered task exactly once, however many instances start", async () => {
    const db = await createTestDatabase();
    cleanup.push(() => db.drop());
    const apps = await Promise.all([0, 1].map(() => startTestApp({ shared: db, scheduler: { connectionString: db.url } })));
    try {
      for (const task of recurringTasks) expect(await jobsWithKey(task.name, db.url), task.name).toBe(1);
    } finally {
      await Promise.all(apps.map((app) => app.stop()));
    }
  });
});
