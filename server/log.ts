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

type YogaLevel = "debug" | "info" | "warn" | "error";

/**
 * graphql-yoga's logger, writing through pino like the rest of the server (Yoga's default writes
 * coloured lines to the console, past LOG_LEVEL and the tests' capture). An Error argument (an
 * unexpected failure Yoga masked) goes under `err`, with its stack.
 */
export const yogaLogging: Record<YogaLevel, (...args: unknown[]) => void> = {
  debug: (...args) => yogaLine("debug", args),
  info: (...args) => yogaLine("info", args),
  warn: (...args) => yogaLine("warn", args),
  error: (...args) => yogaLine("error", args),
};

function yogaLine(level: YogaLevel, args: unknown[]): void {
  if (!logger.isLevelEnabled(level)) return;
  const error = args.find((arg): arg is Error => arg instanceof Error);
  const text = args
    .filter((arg) => arg !== error)
    .map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg)))
    .join(" ");
  if (error) logger[level]({ err: error, source: "graphql-yoga" }, text || error.message);
  else logger[level]({ source: "graphql-yoga" }, text);
}
