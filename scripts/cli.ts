// What the command-line tools (npm run payouts, npm run reconcile) share: where they write, and
// reading the configuration with the exit code 2 ("not run") for a bad one.
import { ConfigError, loadEnv, type Env } from "../server/env.ts";

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export const consoleIo: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };

/** The configuration for a tool (never development mode), or null after saying what is wrong. */
export function loadCliEnv(vars: NodeJS.ProcessEnv, io: CliIo): Env | null {
  try {
    const env = loadEnv(vars);
    env.development = false;
    return env;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`Configuration error: ${error.message}`);
      return null;
    }
    throw error;
  }
}
