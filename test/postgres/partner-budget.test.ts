// Two server instances on one PostgreSQL and one Redis (.ci/run sets TEST_DATABASE_URL and
// TEST_REDIS_URL): an API key's bucket of cost points is one bucket, whichever instance it calls.
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../support/database.ts";
import { startTestApp, type TestApp } from "../support/harness.ts";
import { ADMIN_VARS, marketplace } from "../support/fixtures.ts";
import { openDatabase } from "../../server/db/client.ts";

if (!process.env.TEST_REDIS_URL) throw new Error("test/postgres needs TEST_REDIS_URL as well as TEST_DATABASE_URL");

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

async function post(app: TestApp, query: string, key: string) {
  const response = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as { extensions: { cost: any } } };
}

describe("cost budgets across instances", () => {
  it("two instances take from one bucket through Redis", async () => {
    const shared = await createTestDatabase();
    cleanup.push(() => shared.drop());
    const vars = { ...ADMIN_VARS, COST_BUDGET_POINTS: "3500", COST_RESTORE_PER_SECOND: "1" };
    const one = await startTestApp({ shared, vars });
    const two = await startTestApp({ shared: { ...shared, database: await openDatabase({ url: shared.url! }) }, vars });
    cleanup.push(
      () => two.app.database.close(),
      () => one.stop(),
      () => two.stop(),
    );
    const m = await marketplace(one);
    const created = await one.gql(
      `mutation { createApiKey(name: "Shared", scopes: [BOOKINGS_READ]) { ... on CreateApiKeySuccess { secret } } }`,
      {},
      m.mentor.token,
    );
    const key = created.data.createApiKey.secret as string;
    const heavy = `{ bookings(first: 100) { edges { node { id mentee { name } mentor { name } sessionType { id } } } } }`;

    // Alternating instances, each answer shows what the other one took.
    let last = 3500;
    let refused: Awaited<ReturnType<typeof post>> | undefined;
    let succeeded = 0;
    for (let i = 0; i < 20 && !refused; i++) {
      const answer = await post(i % 2 === 0 ? one : two, heavy, key);
      if (answer.status === 429) {
        refused = answer;
        break;
      }
      const { requestedQueryCost, throttleStatus } = answer.body.extensions.cost;
      expect(throttleStatus.currentlyAvailable).toBeLessThanOrEqual(last - requestedQueryCost + 5);
      last = throttleStatus.currentlyAvailable;
      succeeded++;
    }
    // 3,500 points at 401 each: eight operations across both instances, not sixteen.
    expect(refused, "the shared bucket never ran out").toBeDefined();
    expect(succeeded).toBe(8);
    expect(refused!.body.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThan(401);
    const other = await post(one, heavy, key);
    expect(other.status).toBe(429);
  });
});
