// What commands, resolvers, webhook handlers and jobs share: built once by buildApp().
import type { Env } from "./env.ts";
import type { Db } from "./db/client.ts";
import type { BookingChanged, PubSub } from "./pubsub.ts";
import type { PaymentGateway } from "./payments/gateway.ts";
import type { PayoutGateway } from "./payments/payout-gateway.ts";

export interface Services {
  env: Env;
  db: Db;
  pubsub: PubSub;
  payments: PaymentGateway;
  /** Connect accounts and transfers to mentors. */
  payouts: PayoutGateway;
  publish(event: BookingChanged): void;
}
