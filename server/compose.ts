// The composition root of everything but HTTP: buildServices(env) opens (and migrates) the
// database, and builds pub/sub, the payment and payout gateways (Stripe, or the simulators
// without keys), the sign-in limits and the email outbox worker. The HTTP app
// (server/app.ts, buildApp), the CLIs (scripts/) and the tests start here. Only this file and
// buildApp import implementations; every other module depends on the Services interface.
import type { Env } from "./env.ts";
import { openDatabase, type Database } from "./db/client.ts";
import { openPubSub, publishBookingChanged } from "./pubsub.ts";
import { forgetReliability } from "./bookings/mentor-reliability.ts";
import type { Services } from "./services.ts";
import { openThrottle } from "./security/throttle.ts";
import { createStripeClient } from "./stripe/client.ts";
import { simulatorGateway } from "./simulator/payment-simulator.ts";
import { stripeGateway } from "./stripe/payment-gateway.ts";
import type { PayoutGateway } from "./ports/payout-gateway.ts";
import { simulatorPayoutGateway } from "./simulator/connect-simulator.ts";
import { stripePayoutGateway } from "./stripe/payout-gateway.ts";
import { logSender, postmarkSender, type EmailSender } from "./email/sender.ts";
import { startEmailWorker } from "./email/worker.ts";
import { ensureAdmin } from "./accounts/account-commands.ts";
import { logger, errorFields } from "./log.ts";

export interface ServicesOptions {
  /** Use this database instead of opening one from env (tests share or isolate databases); it is not closed by stop(). */
  database?: Database;
  emailSender?: EmailSender;
  /** Delivery interval of the email worker in ms; 0 turns the background worker off (CLIs, most tests). */
  emailIntervalMs?: number;
}

export interface Runtime {
  services: Services;
  database: Database;
  /** Waits for background work, stops the worker, closes pub/sub, limits and (if it opened it) the database. */
  stop(): Promise<void>;
}

export function createPayoutGateway(env: Env): PayoutGateway {
  return env.stripe.mode === "stripe"
    ? stripePayoutGateway(createStripeClient(env.stripe.secretKey, env.stripe.apiUrl))
    : simulatorPayoutGateway(env);
}

export async function buildServices(env: Env, options: ServicesOptions = {}): Promise<Runtime> {
  const database =
    options.database ?? (await openDatabase(env.databaseUrl ? { url: env.databaseUrl } : { pgliteDataDir: env.pgliteDataDir }));
  await database.migrate();
  if (env.admin) await ensureAdmin(database.prisma, env.admin);

  const pubsubHandle = openPubSub(env.redisUrl, env.redisPrefix);
  const payments =
    env.stripe.mode === "stripe" ? stripeGateway(createStripeClient(env.stripe.secretKey, env.stripe.apiUrl)) : simulatorGateway(env);
  const sender =
    options.emailSender ?? (env.postmark ? postmarkSender(env.postmark.serverToken, env.emailFrom, env.postmark.apiUrl) : logSender());
  const emailInterval = options.emailIntervalMs ?? 2000;
  const emailWorker = emailInterval > 0 ? startEmailWorker(database.prisma, sender, emailInterval) : undefined;
  const throttle = openThrottle(env);

  const background = new Set<Promise<void>>();
  const services: Services = {
    env,
    db: database.prisma,
    pubsub: pubsubHandle.pubsub,
    payments,
    payouts: createPayoutGateway(env),
    throttle,
    publish(event) {
      publishBookingChanged(pubsubHandle.pubsub, event);
      forgetReliability(database.prisma, event.mentorId);
      void emailWorker?.kick();
    },
    inBackground(label, work) {
      const running: Promise<void> = work()
        .then(
          () => undefined,
          (error: unknown) => logger.error(errorFields(error), `${label} failed`),
        )
        .finally(() => background.delete(running));
      background.add(running);
      return running;
    },
    async settled() {
      while (background.size > 0) await Promise.all([...background]);
    },
  };

  let stopped = false;
  return {
    services,
    database,
    async stop() {
      if (stopped) return;
      stopped = true;
      await services.settled();
      await emailWorker?.stop();
      await pubsubHandle.close();
      await throttle.close();
      if (!options.database) await database.close();
    },
  };
}
