// A busy database answers 503 with Retry-After through Yoga's HTTP handling; anything else
// unexpected stays a masked internal error that reveals nothing.
import { createSchema, createYoga } from "graphql-yoga";
import { describe, expect, it } from "vitest";
import { Prisma } from "../generated/prisma/client.ts";
import { maskError } from "./mask-error.ts";
import { NotFoundError } from "../shared/errors.ts";

const failures: Record<string, () => Error> = {
  poolTimeout: () =>
    new Prisma.PrismaClientKnownRequestError("Timed out fetching a new connection from the connection pool.", {
      code: "P2024",
      clientVersion: "6.19.3",
    }),
  transactionTimeout: () =>
    new Prisma.PrismaClientKnownRequestError("Unable to start a transaction in the given time.", {
      code: "P2028",
      clientVersion: "6.19.3",
    }),
  tooManyConnections: () => Object.assign(new Error("too many connections"), { cause: { originalCode: "53300" } }),
  notFound: () => new NotFoundError("Booking"),
  bug: () => new TypeError("Cannot read properties of undefined (reading 'id') at /srv/app/server/secret.ts:12"),
};

const yoga = createYoga({
  schema: createSchema({
    typeDefs: `type Query { fail(kind: String!): String }`,
    resolvers: { Query: { fail: (_: unknown, { kind }: { kind: string }) => Promise.reject(failures[kind]!()) } },
  }),
  maskedErrors: { maskError },
  logging: false,
});

async function ask(kind: string) {
  const response = await yoga.fetch("http://yoga/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body: JSON.stringify({ query: `{ fail(kind: "${kind}") }` }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body: (await response.json()) as { errors: { message: string; extensions?: Record<string, unknown> }[] },
  };
}

describe("masking unexpected errors", () => {
  it.each(["poolTimeout", "transactionTimeout", "tooManyConnections"])("%s: 503 with Retry-After and SERVICE_UNAVAILABLE", async (kind) => {
    const { status, retryAfter, body } = await ask(kind);
    expect(status).toBe(503);
    expect(retryAfter).toBe("2");
    expect(body.errors[0]).toMatchObject({
      message: "The service is busy. Try again in a moment.",
      extensions: { code: "SERVICE_UNAVAILABLE" },
    });
  });

  it("a domain refusal raised outside a result union keeps its message and code", async () => {
    const { status, body } = await ask("notFound");
    expect(status).toBe(200);
    expect(body.errors[0]).toMatchObject({ message: new NotFoundError("Booking").message, extensions: { code: "NOT_FOUND" } });
  });

  it("anything else is a masked internal error that reveals nothing", async () => {
    const { status, retryAfter, body } = await ask("bug");
    expect(retryAfter).toBeNull();
    expect(status).not.toBe(503);
    expect(body.errors[0]).toMatchObject({ message: "Unexpected error.", extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(JSON.stringify(body)).not.toMatch(/secret\.ts|reading 'id'/);
  });
});
