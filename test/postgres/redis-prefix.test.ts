// REDIS_PREFIX keeps deployments sharing one Redis apart: sign-in limits and cost buckets are
// counted under the deployment's prefix, like its pub/sub channels (.ci/run sets TEST_REDIS_URL).
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { openThrottle } from "../../server/security/throttle.ts";
import { loadEnv } from "../../server/env.ts";

if (!process.env.TEST_REDIS_URL) throw new Error("test/postgres needs TEST_REDIS_URL as well as TEST_DATABASE_URL");
const redis = new Redis(process.env.TEST_REDIS_URL);
afterAll(() => redis.quit());

const throttleFor = (prefix: string) =>
  openThrottle(
    loadEnv({ REDIS_URL: process.env.TEST_REDIS_URL, REDIS_PREFIX: prefix, SIGNUPS_PER_ADDRESS: "1", COST_BUDGET_POINTS: "3500" }),
  );

describe("REDIS_PREFIX", () => {
  it("two deployments on one Redis keep their own sign-up counts and cost buckets, under their prefixes", async () => {
    const run = randomBytes(4).toString("hex");
    const one = throttleFor(`one-${run}:`);
    const two = throttleFor(`two-${run}:`);
    try {
      // Their Redis connections are up (until then the in-memory insurance limiter counts).
      await new Promise((resolve) => setTimeout(resolve, 500));
      await one.signUp("203.0.113.9");
      await expect(one.signUp("203.0.113.9")).rejects.toMatchObject({ code: "RATE_LIMITED" });
      // The other deployment has counted nothing for that address.
      await expect(two.signUp("203.0.113.9")).resolves.toBeUndefined();

      expect((await one.spend({ kind: "apiKey", id: "k" }, 3000)).allowed).toBe(true);
      expect((await two.spend({ kind: "apiKey", id: "k" }, 3000)).allowed).toBe(true);

      const keys = await redis.keys(`*${run}*`);
      expect(keys.length).toBeGreaterThanOrEqual(4);
      for (const key of keys) expect(key.startsWith(`one-${run}:`) || key.startsWith(`two-${run}:`)).toBe(true);
      expect(keys).toContain(`one-${run}:cost-bucket:apiKey:k`);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
