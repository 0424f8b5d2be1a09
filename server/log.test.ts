// graphql-yoga's own log lines go through pino (one JSON line each, at LOG_LEVEL), so a failure
// Yoga masked is logged with its stack like every other error, and nothing reaches the console.
import { createSchema, createYoga } from "graphql-yoga";
import { expect, it, vi } from "vitest";
import { captureLogs, LEVEL } from "../test/support/logs.ts";
import { yogaLogging } from "./log.ts";

it("logs what Yoga masks through pino, with the error and its stack under err", async () => {
  const logs = captureLogs();
  const console = vi.spyOn(globalThis.console, "error");
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: "type Query { broken: String }",
      resolvers: { Query: { broken: () => Promise.reject(new TypeError("a bug at server/secret.ts:12")) } },
    }),
    logging: yogaLogging,
  });
  const response = await yoga.fetch("http://yoga/graphql?query={broken}");
  expect((await response.json()).errors[0].message).toBe("Unexpected error.");
  const line = logs.lines.find((l) => l.source === "graphql-yoga" && l.level >= LEVEL.error);
  expect(line).toMatchObject({ level: LEVEL.error, err: { message: "a bug at server/secret.ts:12" } });
  expect(line?.err?.stack).toMatch(/TypeError/);
  expect(console).not.toHaveBeenCalled();
  console.mockRestore();
});
