// WEB_CONCURRENCY: several server processes share what instances share, so they need
// PostgreSQL and Redis; a bad value is a clear configuration error, not a crash later.
import { describe, expect, it } from "vitest";
import { ConfigError, loadEnv } from "./env.ts";

const shared = { DATABASE_URL: "postgresql://localhost/app", REDIS_URL: "redis://localhost:6379" };

describe("WEB_CONCURRENCY", () => {
  it("is one process unless set", () => {
    expect(loadEnv({}).webConcurrency).toBe(1);
    expect(loadEnv({ ...shared, WEB_CONCURRENCY: "4" }).webConcurrency).toBe(4);
  });

  it("above 1 needs DATABASE_URL and REDIS_URL", () => {
    expect(() => loadEnv({ WEB_CONCURRENCY: "2" })).toThrow(ConfigError);
    expect(() => loadEnv({ WEB_CONCURRENCY: "2", DATABASE_URL: shared.DATABASE_URL })).toThrow(/REDIS_URL/);
    expect(() => loadEnv({ WEB_CONCURRENCY: "2", REDIS_URL: shared.REDIS_URL })).toThrow(/DATABASE_URL/);
  });

  it("must be a whole number from 1 to 64", () => {
    for (const value of ["0", "65", "two", "1.5"]) expect(() => loadEnv({ ...shared, WEB_CONCURRENCY: value })).toThrow(/WEB_CONCURRENCY/);
  });
});
