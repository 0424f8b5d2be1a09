// Logging: pino, one JSON line per event on stdout, with the ids an operator searches by as
// fields (bookingId, refundId, payoutId, eventId, emailId...). Events that need a person (a refund
// Stripe refused for good, an email given up, an unreadable Stripe event, a reconciliation
// divergence) are logged at the level "alert" (55: above error, below fatal), so an alert rule
// can match the level alone. LOG_LEVEL sets the threshold (default info; the tests run silent,
// see vitest.config.ts, and capture what they check with test/support/logs.ts).
import { destination, pino, stdTimeFunctions, type DestinationStream, type Logger } from "pino";

const LEVELS = { alert: 55 } as const;

export type Log = Logger<keyof typeof LEVELS>;

/** Where lines go: stdout by default; tests swap in a collector. */
let sink: DestinationStream = destination({ dest: 1, sync: false });
const redirectable: DestinationStream = { write: (line: string) => sink.write(line) };

export const logger: Log = pino<keyof typeof LEVELS>(
  { level: process.env.LOG_LEVEL || "info", customLevels: LEVELS, base: undefined, timestamp: stdTimeFunctions.isoTime },
  redirectable,
);

/** Sends log lines to `destination` until the returned function restores the previous one. */
export function redirectLogs(destination: DestinationStream, level = "trace"): () => void {
  const previous = { sink, level: logger.level };
  sink = destination;
  logger.level = level;
  return () => {
    sink = previous.sink;
    logger.level = previous.level;
  };
}

/** An Error as fields pino prints well (message, type, stack) under `err`. */
export const errorFields = (error: unknown) => ({ err: error instanceof Error ? error : new Error(String(error)) });
