// What the command-line tools (npm run payouts, npm run reconcile) share: where they write, and
// reading the configuration with the exit code 2 ("not run") for a bad one.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
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

/** Runs `main` with the process's arguments when the file is the one node was started with, and exits with its code. */
export function runWhenMain(moduleUrl: string, main: (argv: string[]) => Promise<number>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(resolve(process.argv[1])).href) return;
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(2);
    },
  );
}
