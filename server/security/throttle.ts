// Limits on guessing: logIn per account and per client address, signUp per address (which
// also keeps "is this email registered?" answers from being harvested in bulk); requestBooking
// per mentee (each creates a Checkout Session); and each caller's budget of cost points
// (cost-budget.ts, applied to every operation by server/http/cost-budget-plugin.ts). Counted in
// Redis when REDIS_URL is set, so every instance shares one count, in memory otherwise
// (rate-limiter-flexible, with an in-memory insurance limiter if Redis is unreachable). Keys start
// with REDIS_PREFIX, like pub/sub's channels, so deployments sharing a Redis count apart.
import { Redis } from "ioredis";
import { quitSoon } from "../pubsub.ts";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Env } from "../env.ts";
import { InvalidCredentialsError, RateLimitedError } from "../shared/errors.ts";
import { CostBuckets, type Spent } from "./cost-budget.ts";

const LOGIN_WINDOW_SECONDS = 15 * 60;
const SIGNUP_WINDOW_SECONDS = 60 * 60;
const BOOKING_WINDOW_SECONDS = 60 * 60;

/** Whose bucket an operation's cost comes from. */
export type Caller = { kind: "apiKey" | "user" | "address"; id: string };

export interface Throttle {
  /** Runs a sign-in attempt, or refuses it with RateLimitedError; failures count against the account. */
  logIn<T>(input: { email: string; address: string }, attempt: () => Promise<T>): Promise<T>;
  /** Counts a sign-up from this address, or refuses it with RateLimitedError. */
  signUp(address: string): Promise<void>;
  /** Counts a booking request by this mentee, or refuses it with RateLimitedError. */
  requestBooking(menteeId: string): Promise<void>;
  /** Takes an operation's cost from the caller's bucket, or refuses it whole (allowed: false); cost 0 only reads it. */
  spend(caller: Caller, cost: number): Promise<Spent>;
  close(): Promise<void>;
}

function limiter(redis: Redis | undefined, redisPrefix: string, keyPrefix: string, points: number, duration: number): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix, points, duration });
  return redis
    ? new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${redisPrefix}throttle:${keyPrefix}`,
        points,
        duration,
        insuranceLimiter: memory,
      })
    : memory;
}

const refusal = (result: RateLimiterRes, what: string) => new RateLimitedError(Math.max(1, Math.ceil(result.msBeforeNext / 1000)), what);

export function openThrottle(env: Pick<Env, "redisUrl" | "redisPrefix" | "throttle">): Throttle {
  const redis = env.redisUrl
    ? new Redis(env.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false })
    : undefined;
  redis?.on("error", () => undefined); // the insurance limiter answers while Redis is away
  const accountFailures = limiter(redis, env.redisPrefix, "login-account", env.throttle.loginPerAccount, LOGIN_WINDOW_SECONDS);
  const addressAttempts = limiter(redis, env.redisPrefix, "login-address", env.throttle.loginPerAddress, LOGIN_WINDOW_SECONDS);
  const signUps = limiter(redis, env.redisPrefix, "signup-address", env.throttle.signUpPerAddress, SIGNUP_WINDOW_SECONDS);
  const bookingRequests = limiter(redis, env.redisPrefix, "booking-mentee", env.throttle.bookingRequestsPerHour, BOOKING_WINDOW_SECONDS);
  const buckets = new CostBuckets(redis, env.redisPrefix);
  const personRates = { maximum: env.throttle.costPoints, restoreRate: env.throttle.costRestorePerSecond };
  const anonymousRates = { maximum: env.throttle.costPoints, restoreRate: Math.max(1, Math.floor(env.throttle.costRestorePerSecond / 2)) };
  const account = (email: string) => email.trim().toLowerCase();

  return {
    async logIn({ email, address }, attempt) {
      try {
        await addressAttempts.consume(address);
      } catch (result) {
        if (result instanceof RateLimiterRes) throw refusal(result, "sign-in attempts from this address");
        throw result;
      }
      const key = account(email);
      const failures = await accountFailures.get(key);
      if (failures && failures.consumedPoints >= env.throttle.loginPerAccount) throw refusal(failures, "failed sign-ins for this account");
      try {
        const result = await attempt();
        await accountFailures.delete(key);
        return result;
      } catch (error) {
        // Only a wrong password counts; the next attempt over the limit is the one refused.
        if (error instanceof InvalidCredentialsError) await accountFailures.penalty(key, 1).catch(() => undefined);
        throw error;
      }
    },
    async signUp(address) {
      try {
        await signUps.consume(address);
      } catch (result) {
        if (result instanceof RateLimiterRes) throw refusal(result, "sign-ups from this address");
        throw result;
      }
    },
    async requestBooking(menteeId) {
      try {
        await bookingRequests.consume(menteeId);
      } catch (result) {
        if (result instanceof RateLimiterRes) throw refusal(result, "booking requests");
        throw result;
      }
    },
    spend(caller, cost) {
      return buckets.spend(`${caller.kind}:${caller.id}`, cost, caller.kind === "address" ? anonymousRates : personRates);
    },
    async close() {
      if (redis) await quitSoon(redis);
    },
  };
}
