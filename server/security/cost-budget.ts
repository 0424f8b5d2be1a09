// A leaky bucket of cost points per caller (an API key, a signed-in user, an anonymous address),
// as Shopify's GraphQL Admin API does: a bucket holds up to `maximum` points and regains
// `restoreRate` points a second; an operation takes its calculated cost (server/limits.ts) from
// it, or is refused whole when the bucket holds less. In Redis when REDIS_URL is set (one Lua
// script, Redis's own clock, so every instance shares one bucket), in memory otherwise, and in
// memory too while Redis is unreachable.
import type { Redis } from "ioredis";

export interface BucketStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface Spent extends BucketStatus {
  allowed: boolean;
  /** When refused: seconds until the bucket holds the cost again. */
  retryAfterSeconds: number;
}

export interface BucketRates {
  maximum: number;
  restoreRate: number;
}

/** Takes `cost` from the bucket when it holds enough; returns {allowed, available}. */
const SCRIPT = `
local max = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'available', 'at')
local available = tonumber(state[1]) or max
local at = tonumber(state[2]) or now
available = math.min(max, available + math.max(0, now - at) * rate / 1000)
local allowed = 0
if cost <= available then
  available = available - cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'available', tostring(available), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(max / rate * 1000) + 1000)
return { allowed, tostring(available) }
`;

export class CostBuckets {
  private readonly memory = new Map<string, { available: number; at: number }>();

  constructor(
    private readonly redis: Redis | undefined,
    /** REDIS_PREFIX: this deployment's keys apart from other deployments' on one Redis. */
    private readonly prefix = "",
  ) {}

  /** Takes `cost` (0 only reads the bucket) from the caller's bucket, or refuses it whole. */
  async spend(caller: string, cost: number, rates: BucketRates): Promise<Spent> {
    let result: { allowed: boolean; available: number };
    try {
      result = this.redis ? await this.spendInRedis(caller, cost, rates) : this.spendInMemory(caller, cost, rates);
    } catch {
      result = this.spendInMemory(caller, cost, rates);
    }
    const available = Math.floor(result.available);
    return {
      allowed: result.allowed,
      maximumAvailable: rates.maximum,
      currentlyAvailable: available,
      restoreRate: rates.restoreRate,
      retryAfterSeconds: result.allowed ? 0 : Math.max(1, Math.ceil((cost - result.available) / rates.restoreRate)),
    };
  }

  private async spendInRedis(caller: string, cost: number, rates: BucketRates) {
    const [allowed, available] = (await this.redis!.eval(
      SCRIPT,
      1,
      `${this.prefix}cost-bucket:${caller}`,
      rates.maximum,
      rates.restoreRate,
      cost,
    )) as [number, string];
    return { allowed: allowed === 1, available: Number(available) };
  }

  private spendInMemory(caller: string, cost: number, rates: BucketRates) {
    const now = Date.now();
    const state = this.memory.get(caller) ?? { available: rates.maximum, at: now };
    let available = Math.min(rates.maximum, state.available + (Math.max(0, now - state.at) * rates.restoreRate) / 1000);
    const allowed = cost <= available;
    if (allowed) available -= cost;
    if (available >= rates.maximum) this.memory.delete(caller);
    else this.memory.set(caller, { available, at: now });
    // A full bucket needs no entry; keep the map from growing without bound under many addresses.
    if (this.memory.size > 100_000) this.sweep(now, rates);
    return { allowed, available };
  }

  private sweep(now: number, rates: BucketRates) {
    for (const [caller, state] of this.memory) {
      if (state.available + ((now - state.at) * rates.restoreRate) / 1000 >= rates.maximum) this.memory.delete(caller);
    }
  }
}
