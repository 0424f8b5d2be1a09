// Captures what the server logs (server/log.ts) during one test, as parsed JSON lines, so a test
// can check that an event that needs a person was logged as such. Restored when the test ends.
import { onTestFinished } from "vitest";
import { redirectLogs } from "../../server/log.ts";

export interface LogLine {
  level: number;
  msg: string;
  err?: { message: string; stack?: string };
  [field: string]: unknown;
}

/** pino's numbers: 40 warn, 50 error, 55 alert (needs a person). */
export const LEVEL = { warn: 40, error: 50, alert: 55 } as const;

export function captureLogs() {
  const lines: LogLine[] = [];
  const restore = redirectLogs({ write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  onTestFinished(restore);
  return {
    lines,
    /** The messages at or above `level` (default: every line). */
    messages: (level = 0) => lines.filter((line) => line.level >= level).map((line) => line.msg),
    restore,
  };
}
