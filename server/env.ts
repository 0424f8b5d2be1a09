// Configuration, parsed and checked once. Every variable is documented in README.md.
import { randomBytes } from "node:crypto";

export interface Env {
  port: number;
  /** PostgreSQL URL; absent means embedded PGlite. */
  databaseUrl: string | undefined;
  /** Directory of the embedded database, or "memory" for a throwaway one (tests). */
  pgliteDataDir: string;
  redisUrl: string | undefined;
  /** Prefix of this deployment's pub/sub channels, for several deployments (or test runs) on one Redis. */
  redisPrefix: string;
  publicUrl: string;
  stripe:
    | { mode: "stripe"; secretKey: string; webhookSecret: string; apiUrl: URL | undefined }
    | { mode: "simulator"; webhookSecret: string };
  postmark: { serverToken: string; apiUrl: URL | undefined } | undefined;
  emailFrom: string;
  platformFeePercent: number;
  payoutMinimumCents: number;
  /** Hours a mentor has to answer a paid request before it expires and is refunded. */
  bookingResponseHours: number;
  /** Minutes before a recorded session start that both sides are emailed a reminder (SESSION_REMINDER_MINUTES). */
  sessionReminderMinutes: number;
  /**
   * Hours before a recorded session start until which a mentee who cancels a CONFIRMED booking
   * is refunded in full (CANCELLATION_FULL_REFUND_HOURS); later, nothing is refunded.
   */
  cancellationFullRefundHours: number;
  /**
   * Hours a completed session's earning is held (the mentee may report a problem) before it
   * becomes available for payout. 0: no hold, completion credits the balance at once.
   */
  completionHoldHours: number;
  /** Minutes between payout cycles (the scheduler's "payouts" task). */
  payoutIntervalMinutes: number;
  /** Stripe requests per second a payout cycle makes at most (PAYOUT_TRANSFERS_PER_SECOND). */
  payoutTransfersPerSecond: number;
  admin: { email: string; password: string } | undefined;
  /** Serve GraphiQL and the development mailbox. */
  development: boolean;
  /** NODE_ENV=production. */
  production: boolean;
  /** Origins a browser may call the API from (CORS_ORIGINS; default: PUBLIC_URL's origin). */
  corsOrigins: string[];
  /**
   * Behind a reverse proxy (TRUST_PROXY=true): the client's address is the last hop of
   * X-Forwarded-For, for per-address login limits. Otherwise the socket's address.
   */
  trustProxy: boolean;
  /** Bearer token for GET /metrics (Prometheus); without it the route is not served. */
  metricsToken: string | undefined;
  /**
   * Server processes `npm start` runs on this host (WEB_CONCURRENCY, default 1), sharing the
   * port: one Node process uses one core. More than one needs DATABASE_URL and REDIS_URL, as
   * several instances do (server/cluster.ts).
   */
  webConcurrency: number;
  /** Sign-in, sign-up, booking-request and cost-budget limits (server/security/throttle.ts). */
  throttle: {
    loginPerAccount: number;
    loginPerAddress: number;
    signUpPerAddress: number;
    /** requestBooking calls per mentee per hour. */
    bookingRequestsPerHour: number;
    /** Cost points each API key, signed-in user or anonymous address may hold. */
    costPoints: number;
    /** Cost points restored per second (anonymous addresses: half as many). */
    costRestorePerSecond: number;
  };
  /** Seed demo data into an empty embedded database. */
  seedDemo: boolean;
  /**
   * ALLOW_PRIVATE_WEBHOOK_URLS=true (development and tests only; production refuses it): webhook
   * endpoints may be http:// and on private or loopback addresses, e.g. a receiver on 127.0.0.1.
   */
  allowPrivateWebhookUrls: boolean;
  /**
   * Days webhook events and finished deliveries are kept (WEBHOOK_EVENT_RETENTION_DAYS): how far
   * back webhookEvents(after:) and the delivery log reach. Pending deliveries are always kept.
   */
  webhookEventRetentionDays: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

function integer(vars: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = vars[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

/**
 * Stripe keeps a card authorisation for 7 days (168 hours); an unanswered booking must expire,
 * and its authorisation be released, before that, with room for the 5-minute expiry task and a
 * late webhook. A longer window would let Stripe drop the hold of a booking still PENDING.
 */
export const MAX_BOOKING_RESPONSE_HOURS = 160;

function responseHours(vars: NodeJS.ProcessEnv): number {
  const raw = vars.BOOKING_RESPONSE_HOURS;
  if (raw !== undefined && /^\d+$/.test(raw) && Number(raw) > MAX_BOOKING_RESPONSE_HOURS) {
    throw new ConfigError(
      `BOOKING_RESPONSE_HOURS must be at most ${MAX_BOOKING_RESPONSE_HOURS}, got ${raw}: the mentee's card is only authorised when they pay and captured when the mentor confirms, and Stripe lets an authorisation lapse after 7 days (168 hours)`,
    );
  }
  return integer(vars, "BOOKING_RESPONSE_HOURS", 72, 1, MAX_BOOKING_RESPONSE_HOURS);
}

function url(vars: NodeJS.ProcessEnv, name: string): URL | undefined {
  const raw = vars[name];
  if (raw === undefined || raw === "") return undefined;
  try {
    return new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute URL, got "${raw}"`);
  }
}

/** CORS_ORIGINS: comma-separated origins (scheme://host[:port]); "*" is refused, list them. */
function corsOrigins(vars: NodeJS.ProcessEnv, publicUrl: string): string[] {
  const raw = vars.CORS_ORIGINS?.trim();
  if (!raw) return [new URL(publicUrl).origin];
  return raw.split(",").map((entry) => {
    const value = entry.trim();
    let origin: string;
    try {
      origin = new URL(value).origin;
    } catch {
      throw new ConfigError(`CORS_ORIGINS must list origins such as https://app.example.com, got "${value}"`);
    }
    if (origin === "null" || origin !== value.replace(/\/$/, "")) {
      throw new ConfigError(`CORS_ORIGINS must list bare origins (scheme://host[:port]), got "${value}"`);
    }
    return origin;
  });
}

export function loadEnv(vars: NodeJS.ProcessEnv = process.env): Env {
  const port = integer(vars, "PORT", 4000, 0, 65535);
  const databaseUrl = vars.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError("DATABASE_URL must be a postgres:// or postgresql:// URL");
  }
  const publicUrl = (url(vars, "PUBLIC_URL")?.toString() ?? `http://localhost:${port}`).replace(/\/$/, "");

  const secretKey = vars.STRIPE_SECRET_KEY || undefined;
  const webhookSecret = vars.STRIPE_WEBHOOK_SECRET || undefined;
  if (secretKey && !webhookSecret) {
    throw new ConfigError("STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set");
  }
  const stripe: Env["stripe"] = secretKey
    ? { mode: "stripe", secretKey, webhookSecret: webhookSecret!, apiUrl: url(vars, "STRIPE_API_URL") }
    : { mode: "simulator", webhookSecret: webhookSecret ?? `whsec_sim_${randomBytes(24).toString("hex")}` };

  const postmarkToken = vars.POSTMARK_SERVER_TOKEN || undefined;
  const adminEmail = vars.ADMIN_EMAIL || undefined;
  const adminPassword = vars.ADMIN_PASSWORD || undefined;
  if (Boolean(adminEmail) !== Boolean(adminPassword)) {
    throw new ConfigError("ADMIN_EMAIL and ADMIN_PASSWORD must be set together");
  }
  const nodeEnv = vars.NODE_ENV ?? "development";
  const production = nodeEnv === "production";
  // The simulators sign events with the webhook secret and deliver them to this server: with
  // them on, anyone can mark a booking paid. Production runs them only when told it is a demo.
  if (production && stripe.mode === "simulator" && vars.ALLOW_DEMO_PAYMENTS_IN_PRODUCTION !== "true") {
    throw new ConfigError(
      "NODE_ENV=production needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET: without them the payment simulator " +
        "lets anyone mark a booking paid. For a public demo with no real money, set ALLOW_DEMO_PAYMENTS_IN_PRODUCTION=true.",
    );
  }

  // Webhooks to private addresses would let any key holder make this server call inside its own
  // network (cloud metadata, internal services): never in production.
  const allowPrivateWebhookUrls = vars.ALLOW_PRIVATE_WEBHOOK_URLS === "true";
  if (production && allowPrivateWebhookUrls) {
    throw new ConfigError(
      "ALLOW_PRIVATE_WEBHOOK_URLS=true is for development and tests only: in production it would let partners make this " +
        "server send requests to private and loopback addresses. Remove it.",
    );
  }

  const webConcurrency = integer(vars, "WEB_CONCURRENCY", 1, 1, 64);
  if (webConcurrency > 1 && (!databaseUrl || !vars.REDIS_URL)) {
    throw new ConfigError(
      "WEB_CONCURRENCY above 1 needs DATABASE_URL and REDIS_URL: the embedded database belongs to one process, and " +
        "without Redis each process would see only its own live updates and limits.",
    );
  }

  return {
    port,
    databaseUrl,
    webConcurrency,
    pgliteDataDir: vars.PGLITE_DATA_DIR || "./.data",
    redisUrl: vars.REDIS_URL || undefined,
    redisPrefix: vars.REDIS_PREFIX ?? "",
    publicUrl,
    stripe,
    postmark: postmarkToken ? { serverToken: postmarkToken, apiUrl: url(vars, "POSTMARK_API_URL") } : undefined,
    emailFrom: vars.EMAIL_FROM || "Mentorship <bookings@localhost>",
    platformFeePercent: integer(vars, "PLATFORM_FEE_PERCENT", 20, 0, 100),
    payoutMinimumCents: integer(vars, "PAYOUT_MINIMUM_CENTS", 1000, 1, 100_000_000),
    bookingResponseHours: responseHours(vars),
    sessionReminderMinutes: integer(vars, "SESSION_REMINDER_MINUTES", 60, 1, 7 * 24 * 60),
    cancellationFullRefundHours: integer(vars, "CANCELLATION_FULL_REFUND_HOURS", 24, 0, 30 * 24),
    completionHoldHours: integer(vars, "COMPLETION_HOLD_HOURS", 48, 0, 90 * 24),
    payoutIntervalMinutes: integer(vars, "PAYOUT_INTERVAL_MINUTES", 60, 1, 7 * 24 * 60),
    payoutTransfersPerSecond: integer(vars, "PAYOUT_TRANSFERS_PER_SECOND", 20, 1, 1000),
    admin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : undefined,
    development: !production,
    production,
    corsOrigins: corsOrigins(vars, publicUrl),
    trustProxy: vars.TRUST_PROXY === "true",
    metricsToken: vars.METRICS_TOKEN || undefined,
    throttle: {
      loginPerAccount: integer(vars, "LOGIN_ATTEMPTS_PER_ACCOUNT", 10, 1, 1_000_000),
      loginPerAddress: integer(vars, "LOGIN_ATTEMPTS_PER_ADDRESS", 100, 1, 1_000_000),
      signUpPerAddress: integer(vars, "SIGNUPS_PER_ADDRESS", 20, 1, 1_000_000),
      bookingRequestsPerHour: integer(vars, "BOOKING_REQUESTS_PER_HOUR", 10, 1, 1_000_000),
      // At least the largest single operation (server/limits.ts maxCost, 3,500).
      // The client's own pages must never run dry: a live dashboard refetches its list (about
      // 600-1,500 points) on every change, in every open tab. 50,000 is some 40 such reads at
      // once, and 2,500 a second two a second for as long as it lasts.
      costPoints: integer(vars, "COST_BUDGET_POINTS", 50_000, 3_500, 1_000_000_000),
      costRestorePerSecond: integer(vars, "COST_RESTORE_PER_SECOND", 2_500, 1, 1_000_000_000),
    },
    seedDemo: vars.SEED_DEMO !== "false",
    allowPrivateWebhookUrls,
    webhookEventRetentionDays: integer(vars, "WEBHOOK_EVENT_RETENTION_DAYS", 30, 1, 3650),
  };
}
