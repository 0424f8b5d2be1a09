// What commands, resolvers, webhook handlers and jobs share: built once by buildApp().
import type { Env } from "./env.ts";
import type { Db } from "./db/client.ts";
import type { BookingChanged, PubSub } from "./pubsub.ts";
import type { PaymentGateway } from "./ports/payment-gateway.ts";
import type { PayoutGateway } from "./ports/payout-gateway.ts";
import type { Throttle } from "./security/throttle.ts";

export interface Services {
  env: Env;
  db: Db;
  pubsub: PubSub;
  payments: PaymentGateway;
  /** Connect accounts and transfers to mentors. */
  payouts: PayoutGateway;
  /** Limits on sign-in and sign-up attempts. */
  throttle: Throttle;
  publish(event: BookingChanged): void;
  /**
   * Runs work that follows a commit (a Stripe call the caller need not wait for) without
   * holding up the response. A failure is logged; whatever it leaves undone is picked up by a
   * recurring task. stop() waits for it. The returned promise settles when the work does and
   * never rejects, so a caller may wait for it a while (see waitBriefly).
   */
  inBackground(label: string, work: () => Promise<unknown>): Promise<void>;
  /** Resolves once the background work started so far has finished. */
  settled(): Promise<void>;
}
